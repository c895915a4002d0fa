import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { GlyphreelError } from '@glyphreel/core';
import { findFfmpeg, probe, runFfmpeg } from '@glyphreel/encode';
import { planRender, renderVideo, type RenderOptions } from './render.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'glyphreel-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small project touching every kind of state: particles, rain, a simulation, rng-driven shaders. */
const project = {
  seed: 3,
  scenes: [
    {
      name: 'a',
      end: 2,
      grid: 'sm',
      layers: [{ effect: 'plasma', palette: 'default', hue: 'angle' }, { effect: 'explosion', blend: 'screen' }],
      shaders: [['grain', { amt: 12 }], ['bloom', {}]],
    },
    {
      name: 'b',
      end: 4,
      grid: 'sm',
      layers: [{ effect: 'game_of_life', palette: 'blocks' }, { effect: 'matrix_rain', blend: 'add', post: ['shake'] }],
      shaders: [['glitch_bands', {}], ['static', { density: 0.02 }]],
    },
  ],
};

const base = (over: Partial<RenderOptions>): RenderOptions => ({
  output: path.join(dir, 'out.mp4'),
  source: { raw: project, label: 'test' },
  resolution: '160x96',
  fps: 12,
  quality: 'draft',
  ...over,
});

function hashes(folder: string): string[] {
  return readdirSync(folder).sort().map((f) => createHash('sha1').update(readFileSync(path.join(folder, f))).digest('hex'));
}

describe('planRender', () => {
  const plan = async (raw: object, over: Partial<RenderOptions> = {}) =>
    (await planRender({ output: '', source: { raw, label: 'plan' }, resolution: '160x96', fps: 24, workers: 2, quality: 'draft', ...over })).units.map((u) => [u.frameStart, u.frameEnd]);
  const pure = { scenes: [{ name: 'p', end: 10, layers: [{ effect: 'plasma' }] }] };
  const stateful = { scenes: [{ name: 's', end: 10, layers: [{ effect: 'plasma' }, { effect: 'matrix_rain', blend: 'add' }] }] };

  it('plans one unit per worker when the tail can be split for free, two otherwise', async () => {
    expect(await plan(pure)).toEqual([[0, 120], [120, 240]]);
    // A scene with state replays when split late, so it is planned finer up front.
    expect(await plan(stateful)).toEqual([[0, 60], [60, 120], [120, 180], [180, 240]]);
    // Segments reused by unit id (a kept work directory) are cut from the timeline alone, whatever the worker count
    // (a later --clip on another machine finds the same units), and never split while they draw.
    const kept = [[0, 48], [48, 96], [96, 144], [144, 192], [192, 240]];
    expect(await plan(pure, { keepIntermediates: true })).toEqual(kept);
    expect(await plan(pure, { keepIntermediates: true, workers: 1 })).toEqual(kept);
    expect(await plan(pure, { clips: ['p'], workers: 16 })).toEqual(kept);
    expect(await plan(pure, { splitTail: false })).toHaveLength(4);
    expect(await plan(pure, { workers: 1 })).toEqual([[0, 240]]);
  });
});

describe('renderVideo', () => {
  it('gives byte-identical frames for 1, 2 and 4 workers and any split into units', async () => {
    const runs: string[][] = [];
    for (const [workers, unitFrames] of [[1, 1000], [2, 7], [4, 5]] as const) {
      const out = path.join(dir, `frames-${workers}`);
      const r = await renderVideo(base({ output: out, format: 'png', workers, unitFrames }));
      expect(r.frames).toBe(48);
      if (workers > 1) expect(r.units.some((u) => u.frameStart > u.sceneFrameStart)).toBe(true); // replay exercised
      const files = readdirSync(out).sort();
      expect(files).toHaveLength(48);
      expect(files[0]).toBe('000000.png');
      runs.push(hashes(out));
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
    // Frames differ over time (the animation is not frozen) and the seed matters.
    expect(new Set(runs[0]).size).toBeGreaterThan(40);
    const other = path.join(dir, 'frames-seed');
    await renderVideo(base({ output: other, format: 'png', workers: 2, seed: 4 }));
    expect(hashes(other)).not.toEqual(runs[0]);
  }, 120000);

  it('splits the last unit when a worker runs out of units: same frames, exact segments, every spot check once', async () => {
    // A short scene and a long one: the worker done with the short one takes over the back half of the long one.
    const uneven = {
      seed: 5,
      scenes: [
        { name: 'short', end: 0.5, grid: 'sm', layers: [{ effect: 'plasma' }] },
        { name: 'long', end: 16, grid: 'sm', layers: [{ effect: 'plasma', hue: 'angle' }, { effect: 'matrix_rain', blend: 'add' }], shaders: [['grain', { amt: 8 }]] },
      ],
    };
    const source = { raw: uneven, label: 'uneven' };
    const one = path.join(dir, 'split-1');
    const two = path.join(dir, 'split-2');
    await renderVideo(base({ output: one, source, format: 'png', workers: 1, unitFrames: 1000 }));
    const r = await renderVideo(base({ output: two, source, format: 'png', workers: 2, unitFrames: 1000 }));
    const split = r.units.filter((u) => /^s01_long_f\d{6}$/.test(u.id));
    expect(split.length).toBeGreaterThan(0);
    expect(r.units.map((u) => u.frameStart)).toEqual([0, ...r.units.slice(0, -1).map((u) => u.frameEnd)]);
    expect(r.units.at(-1)!.frameEnd).toBe(192);
    expect(r.unitResults.map((u) => [u.frameStart, u.frameEnd])).toEqual(r.units.map((u) => [u.frameStart, u.frameEnd]));
    expect(hashes(two)).toEqual(hashes(one));

    const ffmpeg = await findFfmpeg();
    const { brightnessTimestamps } = await import('@glyphreel/encode');
    const out = path.join(dir, 'split.mp4');
    const v = await renderVideo(base({ output: out, source, workers: 2, unitFrames: 1000 }));
    expect(v.units.length).toBeGreaterThan(2);
    expect((await probe(out, { ffmpeg: ffmpeg.path })).frames).toBe(192);
    const checked = v.unitResults.flatMap((u) => u.brightness?.samples.map((x) => x.t) ?? []);
    expect(checked).toEqual(brightnessTimestamps(16));
  }, 120000);

  it('writes an mp4 with exactly round(duration·fps) frames and audio of the same length', async () => {
    const ffmpeg = await findFfmpeg();
    const { synthesizeAudio } = await import('@glyphreel/encode');
    const wav = path.join(dir, 'beat.wav');
    await synthesizeAudio(wav, { ffmpeg, durationS: 5, bpm: 120 });
    const out = path.join(dir, 'with audio.mp4');
    const r = await renderVideo(base({ output: out, workers: 2, audio: wav }));
    const p = await probe(out, { ffmpeg: ffmpeg.path });
    expect(p.frames).toBe(48);
    expect(p.hasAudio).toBe(true);
    expect(Math.abs((p.audioDurationS ?? 0) - 4)).toBeLessThanOrEqual(1 / 12);
    expect(r.warnings.filter((w) => w.includes('too dark'))).toEqual([]);
    // Nothing left beside the output but the output.
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 120000);

  it('spot-checks brightness on each segment as its unit returns, with the same result as checking the joined video', async () => {
    const ffmpeg = await findFfmpeg();
    const { verifyBrightness } = await import('@glyphreel/encode');
    // threshold 1 draws nothing: tonemap's black point (2) everywhere, below the quiet threshold of 5.
    const dark = { scenes: [{ name: 'dark', end: 6, grid: 'sm', layers: [{ effect: 'plasma', threshold: 1 }] }] };
    const out = path.join(dir, 'dark.mp4');
    const r = await renderVideo(base({ output: out, source: { raw: dark, label: 'dark' }, workers: 2, unitFrames: 7 }));
    const checked = r.unitResults.filter((u) => u.brightness);
    expect(checked.map((u) => u.brightness!.samples.map((x) => x.t))).toEqual([[2], [3]]); // two units, one check each
    const direct = await verifyBrightness(out, [2, 3], { ffmpeg: ffmpeg.path });
    expect(direct.dark).toEqual([2, 3]);
    expect(r.warnings.filter((w) => w.includes('too dark'))).toEqual(direct.warnings);
    expect(direct.warnings[0]).toMatch(/^t=2s is too dark: mean 2\.0 < 5/);
  }, 120000);

  it('fails the render, keeping the existing output and no temporaries, when a segment cannot be spot-checked', async () => {
    const ffmpeg = await findFfmpeg();
    // The real ffmpeg, except that it cannot seek: the spot check's decode (`-ss t`) fails, the encoders work.
    const wrapper = path.join(dir, 'no-seek-ffmpeg.sh');
    writeFileSync(wrapper, `#!/bin/sh\nfor a in "$@"; do [ "$a" = "-ss" ] && { echo "seek refused for the test" >&2; exit 1; }; done\nexec '${ffmpeg.path}' "$@"\n`, { mode: 0o755 });
    const d = mkdtempSync(path.join(dir, 'nocheck-'));
    const target = path.join(d, 'kept.mp4');
    writeFileSync(target, 'precious');
    const err = await renderVideo(base({ output: target, workers: 2, ffmpegPath: wrapper })).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(GlyphreelError);
    // The check at 2 s of the output is the first frame of scene b's segment.
    const seg = /reading the frame at 0s of (\S+s01_b\.mp4) \(exit 1\): seek refused for the test/.exec((err as Error).message);
    expect(seg).not.toBeNull();
    expect(existsSync(path.dirname(seg![1]!))).toBe(false); // the work directory is gone
    expect(readFileSync(target, 'utf8')).toBe('precious');
    expect(readdirSync(d)).toEqual(['kept.mp4']);
  }, 120000);

  it('leaves an existing output untouched when a render fails, naming the scene and frame', async () => {
    const target = path.join(dir, 'keep.mp4');
    writeFileSync(target, 'precious');
    const plugin = path.join(dir, 'boom.mjs');
    writeFileSync(
      plugin,
      `export default { name: 'boom', version: '1', apiVersion: 1, effects: [{ name: 'later', kind: 'value', params: {}, fill(out, g, ctx) { if (ctx.frame === 5 && !ctx.replaying) throw new Error('kaput'); out.fill(0.5); } }] };\n`,
    );
    const broken = { plugins: [plugin], scenes: [{ name: 'ok', end: 1, layers: [{ effect: 'plasma' }] }, { name: 'bad', end: 3, layers: [{ effect: 'boom/later' }] }] };
    let err: unknown;
    try {
      await renderVideo(base({ output: target, source: { raw: broken, label: 'broken' }, workers: 2 }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GlyphreelError);
    expect((err as GlyphreelError).message).toBe('scene "bad" (s01_bad), frame 17: layers[0] effect boom/later: kaput');
    expect(readFileSync(target, 'utf8')).toBe('precious');
    expect(readdirSync(dir).filter((f) => f.startsWith('.keep'))).toEqual([]);
  }, 60000);

  it('renders a scene that uses the example third-party plugin', async () => {
    const withPlugin = {
      plugins: ['glyphreel-plugin-example'],
      scenes: [{ name: 'stripes', end: 1, layers: [{ effect: 'example/stripes', palette: 'dense', hue: 0.3 }], shaders: [['example/swap-rb', { amount: 1 }]] }],
    };
    const out = path.join(dir, 'plugin');
    await renderVideo(base({ output: out, source: { raw: withPlugin, label: 'plugin' }, format: 'png', workers: 1 }));
    expect(readdirSync(out)).toHaveLength(12);
  }, 60000);

  it('keeps segments, re-renders one scene with --clip, and re-joins with --skip-render', async () => {
    const ffmpeg = await findFfmpeg();
    const out = path.join(dir, 'clips.mp4');
    const first = await renderVideo(base({ output: out, workers: 2, keepIntermediates: true, unitFrames: 12 }));
    const work = path.join(dir, '.clips.mp4.glyphreel');
    expect(readdirSync(work).filter((f) => f.endsWith('.mp4')).sort()).toEqual(['s00_a_p00.mp4', 's00_a_p01.mp4', 's01_b_p00.mp4', 's01_b_p01.mp4']);
    expect(first.unitResults).toHaveLength(4);
    const again = await renderVideo(base({ output: out, workers: 2, clips: ['s01_b'], unitFrames: 12 }));
    expect(again.unitResults.map((u) => u.unitId)).toEqual(['s01_b_p00', 's01_b_p01']);
    expect((await probe(out, { ffmpeg: ffmpeg.path })).frames).toBe(48);
    const joined = await renderVideo(base({ output: out, skipRender: true, unitFrames: 12 }));
    expect(joined.unitResults).toEqual([]);
    expect((await probe(out, { ffmpeg: ffmpeg.path })).frames).toBe(48);
    rmSync(work, { recursive: true, force: true });
    await expect(renderVideo(base({ output: out, skipRender: true, unitFrames: 12 }))).rejects.toThrow('Cannot reuse segments: there are no kept segments');
    expect(existsSync(work)).toBe(false);
  }, 120000);

  it('names a silent soundtrack as the user gave it, not the temporary mix with its narration', async () => {
    const ffmpeg = await findFfmpeg();
    const silent = path.join(dir, 'quiet song.wav');
    const voice = path.join(dir, 'quiet voice.wav');
    await runFfmpeg(ffmpeg.path, ['-y', '-f', 'lavfi', '-i', 'anullsrc=r=44100:cl=stereo', '-t', '4', silent], { what: 'making a silent song' });
    await runFfmpeg(ffmpeg.path, ['-y', '-f', 'lavfi', '-i', 'anullsrc=r=22050:cl=mono', '-t', '0.5', voice], { what: 'making a silent clip' });
    const r = await renderVideo(base({ output: path.join(dir, 'quiet.mp4'), audio: silent, narration: [{ file: voice, atS: 1 }] }));
    expect(r.warnings).toContain(`${silent} with its narration is silent: the audio-reactive effects will not move`);
    expect(r.warnings.join('\n')).not.toContain('glyphreel-mix-');
  }, 60000);

  describe('a kept work directory is reused only where it matches', () => {
    const out = path.join(dir, 'kept.mp4');
    const work = path.join(dir, '.kept.mp4.glyphreel');
    const segments = () => Object.fromEntries(readdirSync(work).filter((f) => f.endsWith('.mp4')).map((f) => [f, readFileSync(path.join(work, f))]));
    // Scene b draws a plugin's field that throws at one frame of the scene when told to.
    const plugin = path.join(dir, 'boom-plugin.mjs');
    const pluginSource = (failAt: number) => `export default { name: 'boom', version: '1.0.0', apiVersion: 1, effects: [{ name: 'field', kind: 'value', description: 'a ramp', params: {}, pure: true,
      fill(out, grid, ctx) { if (!ctx.replaying && ctx.frame === ${failAt}) throw new Error('boom at ' + ctx.frame); for (let i = 0; i < out.length; i++) out[i] = (grid.col[i] / 40 + ctx.t) % 1; } }] };\n`;
    writeFileSync(plugin, pluginSource(-1));
    const withB = (layers: object[]) => ({ ...project, plugins: [plugin], scenes: [project.scenes[0], { ...project.scenes[1], layers }] });
    const keptProject = { raw: withB([{ effect: 'boom/field' }, { effect: 'matrix_rain', blend: 'add' }]), label: 'kept' };

    it('keeps the earlier segment when a --clip render fails, and refuses segments of other settings or an edited scene', async () => {
      await renderVideo(base({ output: out, source: keptProject, workers: 2, keepIntermediates: true, unitFrames: 12 }));
      const before = segments();
      expect(Object.keys(before).sort()).toEqual(['s00_a_p00.mp4', 's00_a_p01.mp4', 's01_b_p00.mp4', 's01_b_p01.mp4']);
      // Re-drawing scene b fails at its second unit's fourth frame: its segments are the earlier ones, byte for
      // byte, and still count (once the encoder wrote straight over the kept segment and left it cut short).
      writeFileSync(plugin, pluginSource(15));
      const failed = renderVideo(base({ output: out, source: keptProject, workers: 2, clips: ['b'], unitFrames: 12 }));
      await expect(failed).rejects.toThrow('boom at 15');
      writeFileSync(plugin, pluginSource(-1));
      expect(segments()).toEqual(before);
      const joined = await renderVideo(base({ output: out, source: keptProject, skipRender: true, unitFrames: 12 }));
      expect(joined.frames).toBe(48);

      // Another frame size: every reused segment would be wrong.
      await expect(renderVideo(base({ output: out, source: keptProject, resolution: '192x96', clips: ['b'], unitFrames: 12 }))).rejects.toThrow(
        'The kept segments in ' + work + ' were drawn with frame width 160, this render uses 192',
      );
      // Scene b edited: its segments are stale unless it is re-rendered, and the hint names the --clip to add.
      const edited = { raw: withB([{ effect: 'plasma' }]), label: 'edited' };
      const stale = renderVideo(base({ output: out, source: edited, clips: ['a'], unitFrames: 12 }));
      await expect(stale).rejects.toThrow('Kept segments of scene s01_b do not match this render');
      await expect(renderVideo(base({ output: out, source: edited, clips: ['a'], unitFrames: 12 }))).rejects.toMatchObject({ code: 'E_INPUT', hint: 're-render it too: --clip a s01_b' });
      const redrawn = await renderVideo(base({ output: out, source: edited, clips: ['b'], unitFrames: 12 }));
      expect(redrawn.unitResults.map((u) => u.unitId)).toEqual(['s01_b_p00', 's01_b_p01']);
      expect(segments()['s00_a_p00.mp4']).toEqual(before['s00_a_p00.mp4']);
      expect(segments()['s01_b_p00.mp4']).not.toEqual(before['s01_b_p00.mp4']);
      // A segment changed on disk since it was recorded.
      writeFileSync(path.join(work, 's00_a_p01.mp4'), Buffer.concat([readFileSync(path.join(work, 's00_a_p01.mp4')), Buffer.from('x')]));
      await expect(renderVideo(base({ output: out, source: edited, skipRender: true, unitFrames: 12 }))).rejects.toThrow('segment s00_a_p01 was changed since it was drawn');
      rmSync(work, { recursive: true, force: true });
    }, 180000);

    it('one render at a time per kept folder: a live holder of the lock is refused, a dead one\'s lock taken over', async () => {
      const lock = `${work}.lock`;
      // Held by a live process (this one stands in for another glyphreel).
      writeFileSync(lock, String(process.pid));
      await expect(renderVideo(base({ output: out, source: keptProject, workers: 1, keepIntermediates: true, unitFrames: 12 }))).rejects.toMatchObject({
        code: 'E_USAGE',
        message: `Another glyphreel (pid ${process.pid}) is rendering with the kept segments in ${work}`,
      });
      expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
      // Left by a process that is gone: taken over, and removed when the render ends.
      writeFileSync(lock, '999999999');
      expect((await renderVideo(base({ output: out, source: keptProject, workers: 1, keepIntermediates: true, unitFrames: 12 }))).frames).toBe(48);
      expect(existsSync(lock)).toBe(false);
      rmSync(work, { recursive: true, force: true });
    }, 120000);

    it('re-renders one scene of a png sequence and keeps the other frames', async () => {
      const frames = path.join(dir, 'kept-frames');
      await renderVideo(base({ output: frames, format: 'png', workers: 2, keepIntermediates: true }));
      const all = hashes(frames);
      expect(all).toHaveLength(48);
      // Once replaced the folder by scene b's 24 frames alone.
      const r = await renderVideo(base({ output: frames, format: 'png', workers: 2, clips: ['b'] }));
      expect(r.unitResults.every((u) => u.unitId.startsWith('s01_b'))).toBe(true);
      expect(hashes(frames)).toEqual(all);
      expect((await renderVideo(base({ output: frames, format: 'png', skipRender: true }))).unitResults).toEqual([]);
      expect(hashes(frames)).toEqual(all);
      // A missing frame of a scene not re-drawn is refused before drawing.
      rmSync(path.join(frames, '000003.png'));
      await expect(renderVideo(base({ output: frames, format: 'png', clips: ['b'] }))).rejects.toThrow('Kept segments of scene s00_a do not match this render');
      expect(readdirSync(frames)).toHaveLength(47);
      rmSync(path.join(dir, '.kept-frames.glyphreel'), { recursive: true, force: true });
    }, 120000);
  });

  it('warns when --workers asks for more threads than the machine has cores', async () => {
    const cores = os.availableParallelism();
    // production: the draft profile caps its workers at 4, which would hide the warning on a larger machine.
    const over = await renderVideo(base({ output: '', format: 'none', quality: 'production', workers: cores + 1, unitFrames: 2 }));
    expect(over.warnings).toContain(`--workers ${cores + 1} is more than this machine's ${cores} cores: more memory, no more speed (0 picks from the hardware)`);
    const fits = await renderVideo(base({ output: '', format: 'none', workers: cores, unitFrames: 2 }));
    expect(fits.warnings.filter((w) => w.startsWith('--workers'))).toEqual([]);
  }, 60000);

  it('renders a --frames range that starts inside a feedback scene: the same frames as the whole render', async () => {
    // Feedback trails depend on every drawn frame: the unit catches up by drawing (it once failed with "cannot be
    // replayed without drawing").
    const raw = { seed: 4, scenes: [{ name: 'fb', end: 2, grid: 'sm', layers: [{ effect: 'plasma' }, { effect: 'starfield', blend: 'add' }], feedback: { decay: 0.85, transform: 'zoom' } }] };
    const whole = path.join(dir, 'fb-whole');
    const part = path.join(dir, 'fb-part');
    await renderVideo(base({ output: whole, source: { raw, label: 'fb' }, format: 'png', workers: 1 }));
    const r = await renderVideo(base({ output: part, source: { raw, label: 'fb' }, format: 'png', workers: 2, frames: [10, 14] }));
    expect(r.frames).toBe(4);
    const sha = (f: string) => createHash('sha1').update(readFileSync(f)).digest('hex');
    expect(readdirSync(part).sort()).toEqual(['000010.png', '000011.png', '000012.png', '000013.png']);
    for (const f of readdirSync(part)) expect(sha(path.join(part, f))).toBe(sha(path.join(whole, f)));
  }, 60000);

  it.each([
    [{ resolution: '161x96' }, 'Invalid resolution 161x96: width and height must be even'],
    [{ frames: [40, 60] as [number, number] }, 'Invalid --frames 40-59: the timeline has frames 0-47'],
    [{ clips: ['nope'] }, 'Unknown --clip "nope"'],
    [{ audio: '/no/such.wav' }, 'Audio file /no/such.wav does not exist'],
    [{ source: { raw: { scenes: [{ name: 'x', end: 1, layers: [{ effect: 'plasmaa' }] }] }, label: 'typo.json' } }, 'typo.json: scene 0 "x": layers[0].effect: Unknown effect "plasmaa"'],
  ])('rejects %j before rendering', async (over, message) => {
    await expect(renderVideo(base({ ...over, output: path.join(dir, 'never.mp4') }))).rejects.toThrow(message);
    expect(existsSync(path.join(dir, 'never.mp4'))).toBe(false);
  }, 30000);

  it('refuses an output it may not write before drawing, and leaves no work directory behind', async () => {
    // The render's temporaries go to TMPDIR: a private one shows whatever it leaves (a render that got as far as
    // drawing would have made its work directory there).
    const tmp = mkdtempSync(path.join(dir, 'tmp-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const mine = path.join(dir, 'my folder');
      mkdirSync(mine);
      writeFileSync(path.join(mine, 'scenes.json'), '{}');
      await expect(renderVideo(base({ output: mine, format: 'png' }))).rejects.toMatchObject({ code: 'E_USAGE', message: `output folder ${mine} holds other files (scenes.json); a png sequence replaces the whole folder` });
      await expect(renderVideo(base({ output: path.join(dir, 'no such folder', 'x.mp4') }))).rejects.toMatchObject({ code: 'E_USAGE', message: `output directory ${path.join(dir, 'no such folder')} does not exist` });
      await expect(renderVideo(base({ output: path.join(dir, 'x.mkv') }))).rejects.toMatchObject({ code: 'E_USAGE' });
      expect(readdirSync(mine)).toEqual(['scenes.json']);
      expect(readdirSync(tmp)).toEqual([]);
      expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  }, 30000);
});
