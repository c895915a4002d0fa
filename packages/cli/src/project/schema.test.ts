import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { toJsonSchema, type ParamSchema } from '@glyphreel/core';
import { runCli } from '../program.js';
import { buildRegistry } from '../runtime/plugins.js';
import { projectJsonSchema } from './schema.js';

describe('projectJsonSchema', () => {
  it('names every registered entry and carries each one\'s parameter schema', async () => {
    const registry = await buildRegistry(['glyphreel-plugin-example']);
    const s = projectJsonSchema(registry) as { $defs: Record<string, any>; properties: Record<string, any> };
    const layer = s.$defs.layer;
    expect([...layer.properties.effect.enum].sort()).toEqual([...registry.names('effects')].sort());
    expect(layer.properties.effect.enum).toContain('example/stripes');
    expect(layer.properties.blend.enum).toHaveLength(20);
    expect(layer.properties.palette.anyOf[0].enum).toHaveLength(29);
    // The ramp branch refuses what reads as a name, so an editor flags a misspelt palette as the validator does.
    const ramp = new RegExp(layer.properties.palette.anyOf[1].not.pattern);
    expect(['defualt', 'abc', 'example/neon'].map((v) => ramp.test(v))).toEqual([true, true, true]);
    expect([' abc', '01', ' .:#', 'ﾊﾐﾋ'].map((v) => ramp.test(v))).toEqual([false, false, false, false]);
    const plasma = registry.get('effects', 'plasma').def as { params: ParamSchema };
    expect(s.$defs['effects.plasma']).toMatchObject(toJsonSchema(plasma.params));
    expect(s.$defs['effects.example_stripes'].properties.period).toMatchObject({ type: 'number', minimum: 2, maximum: 200, default: 12 });
    // params of a layer are checked against the schema of its effect
    expect(layer.allOf.find((c: any) => c.if.properties.effect.const === 'plasma').then.properties.params.$ref).toBe('#/$defs/effects.plasma');
    const shaderNames = s.$defs.scene.properties.shaders.items.oneOf[0].enum;
    expect(shaderNames).toContain('bloom');
    expect(shaderNames).toContain('example/swap-rb');
    expect(s.$defs['shaders.bloom'].properties.thr).toMatchObject({ minimum: 0, maximum: 255, default: 130 });
  });

  it('glyphreel schema prints it', async () => {
    const out: string[] = [];
    expect(await runCli(['schema'], { out: (l) => out.push(l), err: () => undefined })).toBe(0);
    const s = JSON.parse(out.join('\n'));
    expect(s.title).toBe('glyphreel scene file');
    expect(s.properties.scenes.items.$ref).toBe('#/$defs/scene');
  });

  it('glyphreel schema -o writes it, replaces an earlier schema, and never a file of the user\'s', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'glyphreel-schema-'));
    try {
      const err: string[] = [];
      const io = { out: () => undefined, err: (l: string) => err.push(l) };
      const file = path.join(dir, 'scenes.schema.json');
      expect(await runCli(['schema', '-o', file], io)).toBe(0);
      expect(JSON.parse(readFileSync(file, 'utf8')).title).toBe('glyphreel scene file');
      expect(await runCli(['schema', '-o', file, '--plugin', 'glyphreel-plugin-example'], io)).toBe(0);
      expect(readFileSync(file, 'utf8')).toContain('example/stripes');
      const scenes = path.join(dir, 'scenes.json');
      writeFileSync(scenes, '{"scenes": []}');
      expect(await runCli(['schema', '-o', scenes], io)).toBe(2);
      expect(err).toEqual([`glyphreel: -o ${scenes} exists and is not a glyphreel schema; writing would replace it (write the schema to a new file, e.g. -o scenes.schema.json)`]);
      expect(readFileSync(scenes, 'utf8')).toBe('{"scenes": []}');
      expect(readdirSync(dir).sort()).toEqual(['scenes.json', 'scenes.schema.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
