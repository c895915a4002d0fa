import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { defineCellEffect, defineHue, defineMask, definePlugin, defineShader, defineValueEffect, GlyphreelError, Registry } from '@glyphreel/core';
import { readSceneFile } from './load.js';
import { holds, validateProject } from './validate.js';

const registry = new Registry().register(
  definePlugin({
    name: 'builtin',
    version: '1',
    apiVersion: 1,
    effects: [
      defineValueEffect({ name: 'plasma', params: { speed: { type: 'number', default: 1, min: 0, max: 5 } }, fill: (o) => o.fill(0.5) }),
      defineCellEffect({ name: 'rain', params: {}, draw: () => {} }),
      defineCellEffect({ name: 'shake', params: { amp: { type: 'integer', default: 3, min: 0 } }, draw: () => {} }),
    ],
    hues: [defineHue({ name: 'angle', params: {}, fill: (o) => o.fill(0) }), defineHue({ name: 'fixed', params: { hue: { type: 'number', default: 0.5, min: 0, max: 1 } }, fill: (o) => o.fill(0.5) })],
    shaders: [defineShader({ name: 'bloom', params: { thr: { type: 'integer', default: 130, min: 0, max: 255 } }, apply: () => {} })],
    blends: [{ name: 'lighten', fn: Math.max }, { name: 'screen', fn: (a, b) => 1 - (1 - a) * (1 - b) }],
    masks: [defineMask({ name: 'circle', params: { radius: { type: 'number', default: 0.3, min: 0, max: 2 } }, fill: (o) => o.fill(1) })],
    palettes: [{ name: 'dense', glyphs: ' .:#' }, { name: 'default', glyphs: ' .:-=+*#%@' }],
  }),
  { builtin: true },
);

const ok = {
  seed: 7,
  scenes: [
    { name: 'intro', end: 4, layers: [{ effect: 'plasma', params: { speed: 2 }, palette: 'dense', hue: { name: 'fixed', params: { hue: 0.2 } } }] },
    {
      name: 'drop',
      end: 9.5,
      grid: 'sm',
      gamma: 0.6,
      layers: [{ effect: 'rain', blend: 'screen', opacity: 0.7, post: ['shake'], when: { feature: 'bass', gt: 0.2 } }, { effect: 'plasma', hue: 0.3, mask: 'circle' }],
      shaders: [['bloom', { thr: 90 }], 'bloom'],
      feedback: { transform: 'zoom', transformAmt: 0.015 },
      extras: [{ when: { feature: 'bdecay', gt: 0.4 }, shaders: [{ name: 'bloom' }] }],
    },
  ],
};

function error(raw: unknown): GlyphreelError {
  try {
    validateProject(raw, registry, 'scenes.json');
  } catch (e) {
    if (e instanceof GlyphreelError) return e;
    throw e;
  }
  throw new Error('expected an error');
}
const clone = () => structuredClone(ok) as { scenes: Array<Record<string, unknown> & { layers: Array<Record<string, unknown>> }> } & Record<string, unknown>;

describe('validateProject', () => {
  it('normalizes a valid file: defaults, chained start times, resolved palettes and params', () => {
    const p = validateProject(ok, registry, 'scenes.json');
    expect(p.durationS).toBe(9.5);
    expect(p.seed).toBe(7);
    const [a, b] = p.scenes;
    expect(a).toMatchObject({ id: 's00_intro', start: 0, end: 4, grid: 'md', gamma: 0.75, feedback: null, shaders: [], extras: [] });
    expect(a!.layers[0]).toMatchObject({ kind: 'value', palette: ' .:#', hue: { name: 'fixed', params: { hue: 0.2 } }, saturation: 0.8, threshold: 0.03, blend: 'lighten', opacity: 1, mask: null, when: null });
    expect(a!.layers[0]!.effect).toEqual({ name: 'plasma', params: { speed: 2 } });
    expect(b).toMatchObject({ id: 's01_drop', start: 4, grid: 'sm', gamma: 0.6 });
    expect(b!.layers[0]).toMatchObject({ kind: 'cells', grid: 'sm', blend: 'screen', opacity: 0.7, post: [{ name: 'shake', params: { amp: 3 } }], when: { feature: 'bass', gt: 0.2 } });
    expect(b!.layers[1]).toMatchObject({ hue: 0.3, mask: { name: 'circle', params: { radius: 0.3 } }, palette: registry.palette('default') });
    expect(b!.shaders).toEqual([{ name: 'bloom', params: { thr: 90 } }, { name: 'bloom', params: { thr: 130 } }]);
    expect(b!.feedback).toEqual({ decay: 0.85, blend: 'screen', opacity: 0.5, transform: 'zoom', transformAmt: 0.015, hueShift: 0 });
    expect(b!.extras[0]!.when).toEqual({ feature: 'bdecay', gt: 0.4 });
  });

  const cases: Array<[string, (r: ReturnType<typeof clone>) => void, string]> = [
    ['unknown effect', (r) => (r.scenes[0]!.layers[0]!.effect = 'plsma'), 'scenes.json: scene 0 "intro": layers[0].effect: Unknown effect "plsma"'],
    ['bad effect param', (r) => (r.scenes[0]!.layers[0]!.params = { speed: 9 }), 'scenes.json: scene 0 "intro": layers[0].effect: builtin/plasma (effect): parameter "speed" = 9 is invalid; expected a number in [0, 5]'],
    ['unknown shader', (r) => (r.scenes[1]!.shaders = ['blom']), 'scenes.json: scene 1 "drop": shaders[0]: Unknown shader "blom"'],
    ['bad shader param', (r) => (r.scenes[1]!.shaders = [['bloom', { thr: -1 }]]), 'shaders[0]: builtin/bloom (shader): parameter "thr" = -1 is invalid'],
    ['unknown blend', (r) => (r.scenes[1]!.layers[0]!.blend = 'multiplyy'), 'scenes.json: scene 1 "drop": layers[0].blend: Unknown blend mode "multiplyy"'],
    ['unknown hue', (r) => (r.scenes[0]!.layers[0]!.hue = 'rainbow'), 'layers[0].hue: Unknown hue field "rainbow"'],
    ['hue out of range', (r) => (r.scenes[0]!.layers[0]!.hue = 1.5), 'layers[0].hue: expected a number in [0, 1], got 1.5'],
    ['unknown mask', (r) => (r.scenes[0]!.layers[0]!.mask = 'star'), 'layers[0].mask: Unknown mask "star"'],
    ['unknown grid', (r) => (r.scenes[0]!.grid = 'huge'), 'scenes.json: scene 0 "intro": grid: unknown grid size "huge"'],
    ['unknown field', (r) => (r.scenes[0]!.colour = 'red'), 'scenes.json: scene 0 "intro": colour: unknown field "colour"'],
    ['unknown layer field', (r) => (r.scenes[0]!.layers[0]!.alpha = 1), 'layers[0].alpha: unknown field "alpha"'],
    ['palette on a cell effect', (r) => (r.scenes[1]!.layers[0]!.palette = 'dense'), 'layers[0].palette: "rain" draws its own glyphs and colours'],
    ['value effect in post', (r) => (r.scenes[1]!.layers[0]!.post = ['plasma']), 'layers[0].post[0]: "plasma" is a value field'],
    ['transform on a cell effect', (r) => (r.scenes[1]!.layers[0]!.transform = 'rotate'), 'layers[0].transform: "rain" draws its own glyphs and colours'],
    ['unknown transform', (r) => (r.scenes[0]!.layers[0]!.transform = 'spin'), 'layers[0].transform: Unknown transform "spin"'],
    ['misspelt palette', (r) => (r.scenes[0]!.layers[0]!.palette = 'dnese'), 'scenes.json: scene 0 "intro": layers[0].palette: Unknown palette "dnese"'],
    ['no layers', (r) => (r.scenes[0]!.layers = []), 'layers: a scene needs at least one layer'],
    ['gap', (r) => (r.scenes[1]!.start = 5), 'scenes.json: scene 1 "drop": start: starts at 5s but the previous scene ends at 4s'],
    ['end before start', (r) => (r.scenes[1]!.end = 3), 'scenes.json: scene 1 "drop": end: end (3) must be after start (4)'],
    ['missing end', (r) => delete r.scenes[0]!.end, 'end: a scene needs an "end" time in seconds'],
    ['bad name', (r) => (r.scenes[0]!.name = 'my scene'), 'scenes.json: scene 0 "my scene": name: expected a name of ASCII letters, digits, "_" or "-", got " " in "my scene"'],
    ['non-ASCII name', (r) => (r.scenes[0]!.name = 'é'), 'scenes.json: scene 0 "é": name: expected a name of ASCII letters, digits, "_" or "-", got "é" in "é"'],
    ['misspelt feature in a layer', (r) => (r.scenes[1]!.layers[0]!.when = { feature: 'bas', gt: 0.31 }), 'scenes.json: scene 1 "drop": layers[0].when.feature: unknown feature "bas"'],
    ['misspelt feature in extras', (r) => (r.scenes[1]!.extras = [{ when: { feature: 'bdcay', gt: 0.4 }, shaders: [] }]), 'scenes.json: scene 1 "drop": extras[0].when.feature: unknown feature "bdcay"'],
    ['bad feedback transform', (r) => (r.scenes[1]!.feedback = { transform: 'spin' }), 'feedback.transform: unknown feedback transform "spin"'],
    ['bad condition', (r) => (r.scenes[1]!.extras = [{ when: { feature: 'bdecay' }, shaders: [] }]), 'extras[0].when: a condition needs at least one of gt, gte, lt, lte'],
    ['bad version', (r) => (r.version = 2), 'scenes.json: version: unsupported scene-file version 2'],
    ['bad plugins', (r) => (r.plugins = [3]), 'plugins: expected a list of module specifiers'],
    ['no scenes', (r) => (r.scenes = []), 'scenes.json: scenes: expected a non-empty list of scenes'],
    ['top-level typo', (r) => (r.scene = []), 'scenes.json: scene: unknown field "scene"'],
  ];
  it.each(cases)('%s', (_label, mutate, message) => {
    const r = clone();
    mutate(r);
    const e = error(r);
    expect(e.message.startsWith(message) || e.message.includes(message)).toBe(true);
    expect(e.message).not.toContain('\n');
  });

  it('takes a literal glyph ramp for a palette, and refuses a name that is not registered with E_UNKNOWN (exit 2)', () => {
    const r = clone();
    r.scenes[0]!.layers[0]!.palette = ' abc';
    expect(validateProject(r, registry, 'scenes.json').scenes[0]!.layers[0]!.palette).toBe(' abc');
    r.scenes[0]!.layers[0]!.palette = 'abc';
    const e = error(r);
    expect([e.code, e.exitCode]).toEqual(['E_UNKNOWN', 2]);
    expect(e.hint).toBe('known: dense, default. A ramp of these letters is written with its leading space: " abc"');
  });

  it('reads narration clips (a path, or { file, at })', () => {
    const p = validateProject({ ...clone(), narration: ['intro.mp3', { file: 'verse.mp3', at: 12.5 }] }, registry, 'scenes.json');
    expect(p.narration).toEqual([{ file: 'intro.mp3' }, { file: 'verse.mp3', atS: 12.5 }]);
    expect(error({ ...clone(), narration: [{ file: 'a.mp3', at: -1 }] }).message).toContain('narration[0].at: expected a number in [0, Infinity]');
    expect(error({ ...clone(), narration: [{ path: 'a.mp3' }] }).message).toContain('narration[0]: expected { "file": "voice.mp3", "at": seconds }');
  });

  it('checks the features a condition reads, with a suggestion, and takes video features', () => {
    const r = clone();
    r.scenes[1]!.layers[0]!.when = { feature: 'bas', gt: 0.31 };
    const e = error(r);
    expect([e.code, e.exitCode, e.hint]).toEqual(['E_INPUT', 2, 'did you mean "bass"?']);
    r.scenes[1]!.layers[0]!.when = { feature: 'loudness', gt: 0.31 };
    expect(error(r).hint).toMatch(/^use one of rms, sub, bass, .*bdecay, brightness, .*color_variance$/);
    r.scenes[1]!.layers[0]!.when = { feature: 'motion', gt: 0.2 };
    r.scenes[1]!.extras = [{ when: { feature: 'himid_r', lt: 0.5 }, shaders: [] }];
    const p = validateProject(r, registry, 'scenes.json');
    expect(p.scenes[1]!.layers[0]!.when).toEqual({ feature: 'motion', gt: 0.2 });
    expect(p.scenes[1]!.extras[0]!.when).toEqual({ feature: 'himid_r', lt: 0.5 });
  });

  it('suggests the closest name', () => {
    const r = clone();
    r.scenes[0]!.layers[0]!.effect = 'plasm';
    expect(error(r).hint).toContain('did you mean "plasma"');
  });

  it('evaluates conditions', () => {
    expect(holds({ feature: 'x', gt: 0.4 }, 0.5)).toBe(true);
    expect(holds({ feature: 'x', gt: 0.4 }, 0.4)).toBe(false);
    expect(holds({ feature: 'x', gte: 0.4, lt: 0.6 }, 0.4)).toBe(true);
    expect(holds({ feature: 'x', lte: 0.1 }, 0.2)).toBe(false);
  });
});

describe('readSceneFile', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'glyphreel-scenes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads JSON (with a BOM) and rebases relative paths to the file', async () => {
    const f = path.join(dir, 'a.json');
    writeFileSync(f, '\uFEFF' + JSON.stringify({ audio: 'song.mp3', plugins: ['./p.mjs', 'vhs'], scenes: [] }));
    expect(await readSceneFile(f)).toEqual({ audio: path.join(dir, 'song.mp3'), plugins: [path.join(dir, 'p.mjs'), 'vhs'], scenes: [] });
  });
  it('reads a module exporting an object or a function', async () => {
    writeFileSync(path.join(dir, 'b.mjs'), 'export default () => ({ seed: 3, scenes: [] });\n');
    expect(await readSceneFile(path.join(dir, 'b.mjs'))).toEqual({ seed: 3, scenes: [] });
  });
  it('names the line and column of a JSON syntax error', async () => {
    const f = path.join(dir, 'bad.json');
    writeFileSync(f, '{\n  "scenes": [\n    { "name": "a", }\n  ]\n}\n');
    await expect(readSceneFile(f)).rejects.toThrow(/bad\.json: invalid JSON: .*\(line 3, column \d+\)/);
    await expect(readSceneFile(f)).rejects.toMatchObject({ message: `${f}: invalid JSON: trailing comma before "}" (line 3, column 20)` });
    await expect(readSceneFile(f)).rejects.toMatchObject({ hint: expect.stringContaining('as .mjs') });
    const plain = path.join(dir, 'plain.json');
    writeFileSync(plain, '{\n  "scenes": [\n    { "name": "a" ]\n}\n');
    await expect(readSceneFile(plain)).rejects.toMatchObject({ hint: undefined, message: expect.stringMatching(/plain\.json: invalid JSON: .*\(line 3, column 19\)$/) });
    // Another extension: the hint says which formats a scene file can have.
    const y = path.join(dir, 'show.yaml');
    writeFileSync(y, 'scenes:\n  - name: a\n');
    await expect(readSceneFile(y)).rejects.toMatchObject({ code: 'E_INPUT', hint: 'scene files are JSON, or an .mjs module exporting the same object' });
  });
  // Node 20 gives no position for these ("Unexpected token ']', "…" is not valid JSON"): glyphreel finds it.
  it.each([
    ['a trailing comma in a list', '{\n  "scenes": [\n    1,\n    2,\n  ]\n}\n', 'trailing comma before "]" (line 5, column 3)', 'JSON allows neither trailing commas nor comments'],
    ['a block comment', '{\n  "seed": /* why */ 3\n}', 'comments are not allowed (line 2, column 11)', 'JSON allows neither comments nor trailing commas'],
    ['a line comment', '{\n  "seed": 3 // why\n}', 'comments are not allowed (line 2, column 13)', 'JSON allows neither comments nor trailing commas'],
    ['a bare word', '{\n  "seed": tru\n}', 'Unexpected token "tru" (line 2, column 11)', undefined],
  ])('gives the line and column of %s, and the .mjs hint for comments and trailing commas', async (_label, text, message, hint) => {
    const f = path.join(dir, 'syntax.json');
    writeFileSync(f, text);
    const e = (await readSceneFile(f).catch((x: unknown) => x)) as GlyphreelError;
    expect([e.code, e.message]).toEqual(['E_INPUT', `${f}: invalid JSON: ${message}`]);
    if (hint) expect(e.hint).toContain(hint);
    if (hint) expect(e.hint).toContain('.mjs');
    else expect(e.hint).toBeUndefined();
  });

  it('tells a scene module whose own import is missing from a missing scene file', async () => {
    const bad = path.join(dir, 'badimport.mjs');
    writeFileSync(bad, "import x from './nope.mjs';\nexport default { scenes: x };\n");
    const e = (await readSceneFile(bad).catch((x: unknown) => x)) as GlyphreelError;
    // Node says "Cannot find module '/abs/nope.mjs' imported from …" (commands.test runs the real CLI); jest's loader
    // gives the specifier as written.
    expect(e.code).toBe('E_INPUT');
    expect(e.message).toMatch(new RegExp(`^Scene file ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} failed to load: Cannot find module '.*nope\\.mjs'$`));
    expect(e.hint).toBe('check the import paths in the scene module');
    const missing = path.join(dir, 'missing.mjs');
    await expect(readSceneFile(missing)).rejects.toMatchObject({ code: 'E_INPUT', message: `Scene file ${missing} does not exist` });
    writeFileSync(path.join(dir, 'throws.mjs'), "throw new Error('bad scene');\n");
    await expect(readSceneFile(path.join(dir, 'throws.mjs'))).rejects.toMatchObject({ code: 'E_INPUT', message: `Scene file ${path.join(dir, 'throws.mjs')} failed to load: bad scene` });
  });

  it('reports a missing file in one line', async () => {
    await expect(readSceneFile(path.join(dir, 'nope.json'))).rejects.toThrow(`Scene file ${path.join(dir, 'nope.json')} does not exist`);
  });
});
