import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GlyphreelError, Registry, type Plugin } from '@glyphreel/core';

/**
 * The built-in plugins, loaded through the same path as third-party ones. Worker threads rebuild their registry
 * from these specifiers plus the user's: functions never cross a thread boundary.
 */
export const BUILTIN_PLUGINS: readonly string[] = ['@glyphreel/grid', '@glyphreel/effects', '@glyphreel/shaders', '@glyphreel/inputs'];

export interface LoadedPlugin {
  plugin: Plugin;
  specifier: string;
  /** The file it came from. */
  file: string;
}

function looksLikePlugin(x: unknown): x is Plugin {
  return typeof x === 'object' && x !== null && typeof (x as Plugin).name === 'string' && 'apiVersion' in (x as object);
}

function isPathLike(spec: string): boolean {
  return spec.startsWith('.') || path.isAbsolute(spec) || /\.(m?js|cjs)$/.test(spec) || spec.includes('\\');
}

/** Resolves a package name from `cwd` like Node would, also for ESM-only packages (an "import"-only exports map). */
function resolvePackage(name: string, cwd: string): string | undefined {
  try {
    return createRequire(path.join(cwd, '__glyphreel__.js')).resolve(name);
  } catch {
    // fall through to a manual lookup for exports maps without a "require"/"default" condition
  }
  let dir = cwd;
  for (;;) {
    const pkgDir = path.join(dir, 'node_modules', name);
    const pj = path.join(pkgDir, 'package.json');
    if (existsSync(pj)) {
      const pkg = JSON.parse(readFileSync(pj, 'utf8'));
      const exp = pkg.exports;
      const dot = typeof exp === 'string' ? exp : exp?.['.'] ?? exp;
      const entry = typeof dot === 'string' ? dot : dot?.import ?? dot?.default ?? pkg.module ?? pkg.main ?? 'index.js';
      const target = typeof entry === 'string' ? entry : entry?.default;
      return typeof target === 'string' ? path.join(pkgDir, target) : undefined;
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * Loads one plugin from a module specifier: a path (relative to `cwd`), or a package name; a bare name `foo` also
 * tries `glyphreel-plugin-foo`. The module's default export, its `plugin` export, or its only plugin-shaped export
 * is the plugin.
 */
export async function loadPlugin(specifier: string, cwd = process.cwd()): Promise<LoadedPlugin> {
  const tried: string[] = [];
  let file: string | undefined;
  if (isPathLike(specifier)) {
    const p = path.resolve(cwd, specifier);
    tried.push(p);
    if (existsSync(p)) file = p;
  } else {
    const candidates = /^[a-z0-9][\w.-]*$/i.test(specifier) && !specifier.startsWith('glyphreel-plugin-')
      ? [specifier, `glyphreel-plugin-${specifier}`]
      : [specifier];
    for (const c of candidates) {
      tried.push(c);
      file = resolvePackage(c, cwd);
      if (file) break;
    }
  }
  if (!file) {
    throw new GlyphreelError('E_INPUT', `Cannot find plugin "${specifier}" (tried ${tried.join(', ')} from ${cwd})`, {
      hint: isPathLike(specifier) ? 'check the path' : `install it (npm i ${tried[tried.length - 1]}) or give a path to the module`,
    });
  }
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw new GlyphreelError('E_PLUGIN', `Plugin "${specifier}" failed to load: ${first}`, { hint: `file ${file}`, cause: e });
  }
  const candidates = [mod.default, mod.plugin].filter(looksLikePlugin);
  const named = Object.values(mod).filter(looksLikePlugin);
  const plugin = candidates[0] ?? (new Set(named).size === 1 ? named[0] : undefined);
  if (!plugin) {
    throw new GlyphreelError('E_PLUGIN', `Module "${specifier}" does not export a plugin`, {
      hint: 'export default definePlugin({ name, version, apiVersion, … }) from @glyphreel/core',
    });
  }
  return { plugin, specifier, file };
}

/** A registry with the built-ins (bare names) and the user's plugins (namespaced), from module specifiers only. */
export async function buildRegistry(specifiers: readonly string[] = [], cwd = process.cwd()): Promise<Registry> {
  const registry = new Registry();
  for (const spec of BUILTIN_PLUGINS) {
    const { plugin } = await loadPlugin(spec, path.dirname(new URL(import.meta.url).pathname));
    registry.register(plugin, { builtin: true });
  }
  for (const spec of specifiers) registry.register((await loadPlugin(spec, cwd)).plugin);
  return registry;
}
