import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { findFfmpeg, runFfmpeg } from '@glyphreel/encode';
import { runCli } from '../program.js';
import { parseNarration } from './render.js';
import { capture } from '../test-utils/capture.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../../..');
const bin = path.resolve(here, '../../bin/glyphreel.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'glyphreel-input-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


/** Runs the built CLI (bin → dist), as a user would: Node's own module errors, exit code and both streams. */
function cli(args: string[], cwd = dir): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const voice = path.join(dir, 'voice.wav');
const atName = path.join(dir, 'v@2.wav');
const sine = path.join(dir, 'sine8.wav');
beforeAll(async () => {
  const ffmpeg = (await findFfmpeg()).path;
  await runFfmpeg(ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', 'sine=f=440:d=1', '-ar', '8000', '-y', sine], { what: 'making a tone' });
  copyFileSync(sine, voice);
  copyFileSync(sine, atName);
}, 30000);

describe('one clear line for bad input', () => {
  it.each([
    ['--seed ""', ['--seed', ''], 'glyphreel: Invalid --seed "": expected a whole number 0-4294967295 (decimal digits only, e.g. --seed 42)'],
    ['--seed 0x10', ['--seed', '0x10'], 'glyphreel: Invalid --seed "0x10": expected a whole number 0-4294967295 (decimal digits only, e.g. --seed 42)'],
    ['--seed 1e3', ['--seed', '1e3'], 'glyphreel: Invalid --seed "1e3"'],
    ['--seed " 5"', ['--seed', ' 5'], 'glyphreel: Invalid --seed " 5"'],
    ['--seed -1', ['--seed=-1'], 'glyphreel: Invalid --seed "-1"'],
    ['--seed 4294967296', ['--seed', '4294967296'], 'glyphreel: Invalid --seed "4294967296"'],
    ['--lyrics-mode alone', ['--lyrics-mode', 'fade'], 'glyphreel: --lyrics-mode needs --lyrics FILE (e.g. --lyrics song.srt --lyrics-mode fade)'],
    ['--narration @-1', ['--narration', `${voice}@-1`], 'glyphreel: Invalid --narration time "-1": expected seconds ≥ 0, e.g. voice.wav@12.5'],
    ['--narration @abc', ['--narration', `${voice}@abc`], 'glyphreel: Invalid --narration time "abc": expected seconds ≥ 0, e.g. voice.wav@12.5'],
    ['--narration @', ['--narration', `${voice}@`], 'glyphreel: Invalid --narration time "": expected seconds ≥ 0, e.g. voice.wav@12.5'],
    ['--narration @Infinity', ['--narration', `${voice}@Infinity`], 'glyphreel: Invalid --narration time "Infinity"'],
    ['a missing narration file', ['--narration', path.join(dir, 'nope.wav@2')], `glyphreel: Narration file ${path.join(dir, 'nope.wav')} does not exist`],
    ['a missing narration file with a bad time', ['--narration', path.join(dir, 'nope.wav@x')], `glyphreel: Narration file ${path.join(dir, 'nope.wav@x')} does not exist`],
  ])('render: %s exits 2', async (_label, flags, line) => {
    const io = capture();
    expect(await runCli(['render', '--demo', '-o', path.join(dir, 'x.mp4'), ...flags], io)).toBe(2);
    expect(io.errLines).toHaveLength(1);
    expect(io.errLines[0]!.startsWith(line)).toBe(true);
  });

  it('--seed takes decimal digits (list plans with it)', async () => {
    const io = capture();
    expect(await runCli(['list', '--demo', '--seed', '42', '--json'], io)).toBe(0);
  });

  it('--narration: a file, FILE@SECONDS (any non-negative number), and a file whose name has an "@"', () => {
    expect(parseNarration(voice)).toEqual({ file: voice });
    expect(parseNarration(`${voice}@12.5`)).toEqual({ file: voice, atS: 12.5 });
    expect(parseNarration(`${voice}@.5`)).toEqual({ file: voice, atS: 0.5 });
    expect(parseNarration(`${voice}@1e1`)).toEqual({ file: voice, atS: 10 });
    expect(parseNarration(`${voice}@0`)).toEqual({ file: voice, atS: 0 });
    expect(parseNarration(atName)).toEqual({ file: atName });
    expect(parseNarration(`${atName}@3`)).toEqual({ file: atName, atS: 3 });
  });

  it('sync-check of an audio-only file says it needs a video, exit 2', async () => {
    const io = capture();
    expect(await runCli(['sync-check', sine], io)).toBe(2);
    expect(io.errLines).toEqual([`glyphreel: ${sine} has no video stream (pass a rendered video) (e.g. glyphreel sync-check out.mp4 --audio song.wav)`]);
  }, 30000);

  it('a scene shorter than one frame names the scene file', async () => {
    const tiny = path.join(dir, 'tiny.json');
    writeFileSync(tiny, JSON.stringify({ scenes: [{ name: 'a', end: 1, layers: [{ effect: 'plasma' }] }, { name: 'b', end: 1.02, layers: [{ effect: 'plasma' }] }] }));
    const io = capture();
    expect(await runCli(['list', tiny, '--fps', '12'], io)).toBe(2);
    expect(io.errLines).toEqual([`glyphreel: ${tiny}: scene 1 "b" is shorter than one frame at 12 fps (make it longer or merge it into a neighbour)`]);
  });

  it('a misspelt feature in "when" is refused with a suggestion', async () => {
    const f = path.join(dir, 'when.json');
    writeFileSync(f, JSON.stringify({ scenes: [{ name: 'a', end: 1, layers: [{ effect: 'plasma', when: { feature: 'bas', gt: 0.31 } }] }] }));
    const io = capture();
    expect(await runCli(['list', f], io)).toBe(2);
    expect(io.errLines).toEqual([`glyphreel: ${f}: scene 0 "a": layers[0].when.feature: unknown feature "bas" (did you mean "bass"?)`]);
  });

  it('a non-ASCII scene name asks for ASCII letters', async () => {
    const f = path.join(dir, 'name.json');
    writeFileSync(f, JSON.stringify({ scenes: [{ name: 'é', end: 1, layers: [{ effect: 'plasma' }] }] }));
    const io = capture();
    expect(await runCli(['list', f], io)).toBe(2);
    expect(io.errLines[0]).toMatch(/^glyphreel: .*name\.json: scene 0 "é": name: expected a name of ASCII letters, digits, "_" or "-", got "é" in "é" \(.*ASCII/);
  });
});

describe('scene files, as the built CLI reads them', () => {
  it('an .mjs scene whose own import is missing failed to load; a missing scene file does not exist', () => {
    const bad = path.join(dir, 'badimport.mjs');
    writeFileSync(bad, "import x from './nope.mjs';\nexport default x;\n");
    const r = cli(['list', bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`glyphreel: Scene file ${bad} failed to load: Cannot find module '${path.join(dir, 'nope.mjs')}' (check the import paths in the scene module)\n`);
    const gone = cli(['list', path.join(dir, 'gone.mjs')]);
    expect([gone.status, gone.stderr]).toEqual([2, `glyphreel: Scene file ${path.join(dir, 'gone.mjs')} does not exist (check the path of the scene file)\n`]);
  });

  it('a trailing comma gets its line and column and the .mjs hint', () => {
    const f = path.join(dir, 'comma.json');
    writeFileSync(f, '{\n  "scenes": [\n    { "name": "a", "end": 1, "layers": [{ "effect": "plasma" }] },\n  ]\n}\n');
    const r = cli(['list', f]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`glyphreel: ${f}: invalid JSON: trailing comma before "]" (line 4, column 3) (JSON allows neither trailing commas nor comments: remove the comma, or write the scene file as .mjs (export default { … }), which can have both)\n`);
  });
});

describe('plugins', () => {
  it('--plugin takes a plugin folder (the example plugin README shows this)', () => {
    const r = cli(['plugins', '--plugin', './examples/glyphreel-plugin-example'], root);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('example@0.1.0 (third-party)');
    expect(r.stdout).toContain('example/stripes');
  });

  it('a plugin in the scene file and in --plugin is loaded once; one named like a built-in is told to rename', () => {
    writeFileSync(path.join(dir, 'tint.mjs'), "export default { name: 'tint', version: '1.0.0', apiVersion: 1, shaders: [{ name: 'red', params: {}, apply() {} }] };\n");
    const f = path.join(dir, 'with-plugin.json');
    writeFileSync(f, JSON.stringify({ plugins: ['./tint.mjs'], scenes: [{ name: 'a', end: 1, layers: [{ effect: 'plasma' }], shaders: ['tint/red'] }] }));
    const r = cli(['list', f, '--plugin', './tint.mjs']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('| tint/red');
    writeFileSync(path.join(dir, 'effects.mjs'), "export default { name: 'effects', version: '1.0.0', apiVersion: 1, shaders: [{ name: 'red', params: {}, apply() {} }] };\n");
    const c = cli(['plugins', '--plugin', './effects.mjs']);
    expect(c.status).toBe(1);
    expect(c.stderr).toBe('glyphreel: Plugin name "effects" belongs to a built-in plugin (rename the plugin (its "name" in definePlugin), e.g. "effects-extra"; built-in names are reserved)\n');
  });
});

describe('list', () => {
  it('prints seconds with at most 3 decimals and sizes its columns to the content', async () => {
    const f = path.join(dir, 'long.json');
    const longName = 'a_very_long_scene_name_for_columns';
    writeFileSync(f, JSON.stringify({ scenes: [{ name: 'a', end: 29 / 12, layers: [{ effect: 'plasma' }] }, { name: longName, end: 4, layers: [{ effect: 'starfield' }] }] }));
    const io = capture();
    expect(await runCli(['list', f, '--fps', '12', '--resolution', '320x180'], io)).toBe(0);
    expect(io.outLines[0]).toBe('2 scenes, 4 s at 12 fps (320x180)');
    const [a, b] = io.outLines.slice(1);
    expect(a).toMatch(/^s00_a +0-2\.417 s +29 frames  plasma@md$/);
    expect(b).toMatch(new RegExp(`^s01_${longName}  2\\.417-4 s +19 frames  starfield@md$`));
    expect(a!.indexOf(' frames')).toBe(b!.indexOf(' frames'));
    expect(a!.indexOf('-')).toBe(b!.indexOf('-'));
  });
});
