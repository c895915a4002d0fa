import { ENTRY_KINDS, GlyphreelError, type EntryKind, type ParamSchema } from '@glyphreel/core';
import { Command } from 'commander';
import type { Io } from '../cli-errors.js';
import { buildRegistry } from '../runtime/plugins.js';

interface PluginsFlags {
  plugin?: string[];
  describe?: string;
  json?: boolean;
}

function describeParams(schema: ParamSchema): string[] {
  return Object.entries(schema).map(([name, spec]) => {
    const range = 'min' in spec || 'max' in spec ? ` [${(spec as { min?: number }).min ?? '-∞'}, ${(spec as { max?: number }).max ?? '∞'}]` : spec.type === 'enum' ? ` (${spec.values.join(' | ')})` : '';
    return `  ${name}: ${spec.type}${range} = ${JSON.stringify(spec.default)}${spec.description ? `  — ${spec.description}` : ''}`;
  });
}

export function pluginsCommand(io: Io): Command {
  return new Command('plugins')
    .description('List the registered effects, hues, shaders, blends, palettes, masks, transitions and scenes')
    .option('--plugin <module>', 'also load this plugin; repeatable', (v: string, prev: string[] = []) => [...prev, v])
    .option('--describe <name>', 'show one entry with its parameters (e.g. bloom, plasma; a plugin\'s entries as plugin/entry, e.g. example/stripes)')
    .option('--json', 'machine-readable output, with every parameter schema')
    .action(async (flags: PluginsFlags) => {
      const registry = await buildRegistry(flags.plugin ?? []);
      if (flags.describe) {
        const hits = ENTRY_KINDS.map((k) => registry.find(k, flags.describe!)).filter((e) => e !== undefined);
        if (hits.length === 0) throw new GlyphreelError('E_UNKNOWN', `Nothing is registered as "${flags.describe}"`, { hint: registry.suggest(flags.describe) });
        const out = hits.map((e) => ({ kind: e!.kind, name: e!.builtin ? e!.name : e!.qualifiedName, plugin: e!.plugin, description: (e!.def as { description?: string }).description ?? '', params: (e!.def as { params?: ParamSchema }).params ?? {} }));
        if (flags.json) return io.out(JSON.stringify(out, null, 2));
        for (const e of out) {
          io.out(`${e.name} (${e.kind.replace(/s$/, '')}, plugin ${e.plugin})${e.description ? `: ${e.description}` : ''}`);
          const lines = describeParams(e.params);
          io.out(lines.length ? lines.join('\n') : '  no parameters');
        }
        return;
      }
      const kinds = ENTRY_KINDS as readonly EntryKind[];
      if (flags.json) {
        const out: Record<string, unknown> = { plugins: registry.plugins().map((p) => ({ name: p.plugin.name, version: p.plugin.version, builtin: p.builtin })) };
        for (const k of kinds) {
          out[k] = registry.list(k).map((e) => ({ name: e.builtin ? e.name : e.qualifiedName, plugin: e.plugin, description: (e.def as { description?: string }).description ?? '', ...(k === 'palettes' ? { glyphs: (e.def as { glyphs: string }).glyphs } : { params: (e.def as { params?: ParamSchema }).params ?? {} }), ...(k === 'effects' ? { kind: (e.def as { kind: string }).kind } : {}) }));
        }
        return io.out(JSON.stringify(out, null, 2));
      }
      io.out(`Plugins: ${registry.plugins().map((p) => `${p.plugin.name}@${p.plugin.version}${p.builtin ? '' : ' (third-party)'}`).join(', ')}`);
      for (const k of kinds) {
        const names = registry.names(k);
        if (names.length) io.out(`${k} (${names.length}): ${names.join(', ')}`);
      }
    });
}
