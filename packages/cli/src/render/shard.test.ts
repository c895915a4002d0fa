import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { findFfmpeg, probe, runFfmpegBytes, synthesizeAudio } from '@glyphreel/encode';
import { runCli } from '../program.js';
import type { WorkUnit } from '../runtime/plan.js';
import { joinShards } from './join.js';
import { renderVideo, type RenderOptions } from './render.js';
import { commitShard, manifestName, parseShard, planJoin, shardUnits, storeAudio, type ShardManifest } from './shard.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'glyphreel-shard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const units = (bounds: number[]): WorkUnit[] =>
  bounds.slice(1).map((end, k) => ({ id: `u${k}`, sceneIndex: 0, sceneId: 's00_a', sceneFrameStart: 0, frameStart: bounds[k]!, frameEnd: end }));

function manifest(index: number, count: number, segments: Array<[string, number, number]>, over: Partial<ShardManifest> = {}): ShardManifest {
  return {
    glyphreel: 'shard',
    version: 1,
    shard: { index, count },
    project: 'p1',
    settings: { width: 160, height: 96, fps: 12, seed: 1, crf: 20, preset: 'veryfast', codec: 'mp4', gridScale: 1, shaders: 'full', particlesMax: 1200 },
    totalFrames: 48,
    audio: null,
    segments: segments.map(([file, frameStart, frameEnd]) => ({ file, frameStart, frameEnd })),
    ...over,
  };
}

let n = 0;
/** A shard folder with these manifests and (empty) segment files. */
function folder(ms: ShardManifest[], opts: { skipFiles?: string[] } = {}): string {
  const d = path.join(dir, `f${n++}`);
  mkdirSync(d);
  for (const m of ms) {
    writeFileSync(path.join(d, manifestName(m.shard)), JSON.stringify(m));
    for (const s of m.segments) if (!opts.skipFiles?.includes(s.file)) writeFileSync(path.join(d, s.file), 'x');
  }
  return d;
}

describe('shards: planning', () => {
  it('parses i/n and names what is wrong otherwise', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '2', '2/0', 'a/b', '1/4/2', '-1/4']) expect(() => parseShard(bad)).toThrow(`Invalid --shard "${bad}": expected i/n`);
  });

  it('gives every unit to exactly one shard, in contiguous runs, whatever the counts', () => {
    for (const bounds of [[0, 48], [0, 8, 16, 24, 32, 40, 48], [0, 5, 6, 30, 31, 48], [0, 1, 2, 3, 48]]) {
      for (let count = 1; count <= 7; count++) {
        const all = units(bounds);
        const slices = Array.from({ length: count }, (_, k) => shardUnits(all, 48, { index: k + 1, count }));
        expect(slices.flat()).toEqual(all);
        for (let k = 1; k < count; k++) {
          const prev = slices.slice(0, k).flat().at(-1);
          if (prev && slices[k]!.length) expect(slices[k]![0]!.frameStart).toBe(prev.frameEnd);
        }
      }
    }
    // Balanced by frames: six equal units in three shards, two each.
    expect([1, 2, 3].map((index) => shardUnits(units([0, 8, 16, 24, 32, 40, 48]), 48, { index, count: 3 }).length)).toEqual([2, 2, 2]);
  });
});

describe('shards: checking a folder before joining', () => {
  const ok = () => [manifest(1, 2, [['a.mp4', 0, 20]]), manifest(2, 2, [['b.mp4', 20, 30], ['c.mp4', 30, 48]])];

  it('orders the segments of all shards along the timeline', async () => {
    const plan = await planJoin(folder(ok().reverse()));
    expect(plan.segments.map((s) => [path.basename(s.path), s.frames])).toEqual([['a.mp4', 20], ['b.mp4', 10], ['c.mp4', 18]]);
    expect(plan.totalFrames).toBe(48);
    expect(plan.audio).toBeNull();
  });

  it.each([
    ['a missing shard', () => folder([ok()[0]!]), 'Shard 2 of 2 is missing in'],
    ['shards of two splits', () => folder([...ok(), manifest(1, 3, [['x.mp4', 0, 16]])]), 'holds shards of 2 different splits (of 2, of 3)'],
    ['another project', () => folder([ok()[0]!, { ...ok()[1]!, project: 'p2' }]), 'shard 2 of 2 was rendered from a different project than shard 1'],
    ['other settings', () => folder([ok()[0]!, manifest(2, 2, [['b.mp4', 20, 48]], { settings: { ...ok()[0]!.settings, fps: 24 } })]), 'shard 2 of 2 was rendered with frame rate 24, shard 1 with 12'],
    ['a gap', () => folder([ok()[0]!, manifest(2, 2, [['b.mp4', 21, 48]])]), 'do not tile the timeline: frames 20-20 are in no shard'],
    ['an overlap', () => folder([ok()[0]!, manifest(2, 2, [['b.mp4', 18, 48]])]), 'do not tile the timeline: frames 18-19 are in two shards'],
    ['a short timeline', () => folder([ok()[0]!, manifest(2, 2, [['b.mp4', 20, 40]])]), 'end at frame 40 of 48'],
    ['a missing segment', () => folder(ok(), { skipFiles: ['c.mp4'] }), 'Segment c.mp4 of shard 2 of 2 is missing in'],
    ['a segment outside the folder', () => folder([ok()[0]!, manifest(2, 2, [['../b.mp4', 20, 48]])]), 'shard 2 of 2 names a segment outside'],
    ['a missing soundtrack', () => folder(ok().map((m) => ({ ...m, audio: 'audio-1.wav' }))), 'The soundtrack audio-1.wav is missing in'],
    ['another timeline length', () => folder([ok()[0]!, { ...ok()[1]!, totalFrames: 50 }]), 'shard 2 of 2 planned 50 frames, shard 1 48'],
    ['another soundtrack', () => folder([ok()[0]!, { ...ok()[1]!, audio: 'audio-2.wav' }]), 'shard 2 of 2 was rendered with a different soundtrack than shard 1'],
    ['a JSON file that is no manifest', () => folder([ok()[0]!, { ...ok()[1]!, glyphreel: 'other' } as unknown as ShardManifest]), 'shard-2-of-2.json in'],
  ])('refuses %s with one line', async (_what, make, message) => {
    await expect(planJoin(make())).rejects.toThrow(message);
  });

  it('refuses a renamed or broken manifest, an empty folder and no folder', async () => {
    const renamed = folder(ok());
    writeFileSync(path.join(renamed, 'shard-2-of-2.json'), JSON.stringify(manifest(1, 2, [['a.mp4', 0, 20]])));
    await expect(planJoin(renamed)).rejects.toThrow('shard-2-of-2.json in');
    const broken = folder(ok());
    writeFileSync(path.join(broken, 'shard-1-of-2.json'), '{"glyph');
    await expect(planJoin(broken)).rejects.toThrow('shard-1-of-2.json in');
    await expect(planJoin(folder([]))).rejects.toThrow('No shard manifests (shard-i-of-n.json) in');
    await expect(planJoin(path.join(dir, 'nowhere'))).rejects.toThrow('does not exist');
  });

  it('takes --audio instead of a stored soundtrack, and none with --no-audio', async () => {
    const d = folder(ok().map((m) => ({ ...m, audio: 'audio-1.wav' })));
    expect((await planJoin(d, { audio: false })).audio).toBeNull();
    expect((await planJoin(d, { audio: 'song.wav' })).audio).toBe(path.resolve('song.wav'));
  });

  it('a shard rendered again removes the segments its new manifest no longer names', async () => {
    const d = folder([]);
    const seg = (name: string) => {
      const p = path.join(d, `.${name}.tmp`);
      writeFileSync(p, name);
      return { from: p, file: name };
    };
    await commitShard(d, manifest(1, 1, [['u0.mp4', 0, 30], ['u1.mp4', 30, 48]]), [seg('u0.mp4'), seg('u1.mp4')]);
    await commitShard(d, manifest(1, 1, [['u0.mp4', 0, 20], ['u0_f000020.mp4', 20, 48]]), [seg('u0.mp4'), seg('u0_f000020.mp4')]);
    expect(readdirSync(d).sort()).toEqual(['shard-1-of-1.json', 'u0.mp4', 'u0_f000020.mp4']);
    expect(JSON.parse(readFileSync(path.join(d, 'shard-1-of-1.json'), 'utf8')).segments).toHaveLength(2);
    // A broken earlier manifest names nothing to clean up; the new one replaces it.
    writeFileSync(path.join(d, 'shard-1-of-1.json'), '{"broken');
    await commitShard(d, manifest(1, 1, [['u9.mp4', 0, 48]]), [seg('u9.mp4')]);
    expect(readdirSync(d).sort()).toEqual(['shard-1-of-1.json', 'u0.mp4', 'u0_f000020.mp4', 'u9.mp4']);
    expect(JSON.parse(readFileSync(path.join(d, 'shard-1-of-1.json'), 'utf8')).segments.map((x: { file: string }) => x.file)).toEqual(['u9.mp4']);
  });
});

/** Stateful scenes (particles, a simulation, rain) so that a shard starting mid-scene must replay. */
const project = {
  seed: 5,
  scenes: [
    { name: 'a', end: 2, grid: 'sm', layers: [{ effect: 'plasma', palette: 'default', hue: 'angle' }, { effect: 'explosion', blend: 'screen' }], shaders: [['grain', { amt: 12 }]] },
    { name: 'b', end: 4, grid: 'sm', layers: [{ effect: 'game_of_life', palette: 'blocks' }, { effect: 'matrix_rain', blend: 'add' }], shaders: [['static', { density: 0.02 }]] },
  ],
};
const opts = (over: Partial<RenderOptions>): RenderOptions => ({
  output: '',
  source: { raw: project, label: 'shard test' },
  resolution: '160x96',
  fps: 12,
  quality: 'draft',
  // Lossless: the decoded pictures of two encodes of the same frames are then the same bytes.
  crf: 0,
  unitFrames: 10,
  ...over,
});

describe('shards: render and join', () => {
  it('three shards on different worker counts join into the same pictures as one render, with the soundtrack', async () => {
    const ffmpeg = await findFfmpeg();
    const wav = path.join(dir, 'beat.wav');
    await synthesizeAudio(wav, { ffmpeg, durationS: 4, bpm: 120 });
    const shards = path.join(dir, 'shards');
    const results = [];
    for (const [index, workers] of [[1, 1], [2, 2], [3, 1]] as const) results.push(await renderVideo(opts({ output: shards, shard: { index, count: 3 }, workers, audio: wav })));
    // Units of 8 frames, two per shard; shard 2 starts in the middle of scene a and replays it.
    expect(results.map((r) => r.frames)).toEqual([16, 16, 16]);
    const files = readdirSync(shards).sort();
    expect(files.filter((f) => f.endsWith('.json'))).toEqual(['shard-1-of-3.json', 'shard-2-of-3.json', 'shard-3-of-3.json']);
    expect(files.filter((f) => f.startsWith('.'))).toEqual([]); // no work directories left
    expect(files.filter((f) => f.startsWith('audio-'))).toHaveLength(1);

    const joined = path.join(dir, 'joined.mp4');
    const j = await joinShards({ dir: shards, output: joined });
    expect([j.frames, j.shards]).toEqual([48, 3]);
    const p = await probe(joined, { ffmpeg: ffmpeg.path });
    expect([p.frames, p.width, p.height, p.fps, p.hasAudio]).toEqual([48, 160, 96, 12, true]);
    expect(Math.abs(p.audioDurationS - 4)).toBeLessThanOrEqual(1 / 12);

    const single = path.join(dir, 'single.mp4');
    await renderVideo(opts({ output: single, workers: 2, audio: wav }));
    const decode = (f: string) => runFfmpegBytes(ffmpeg.path, ['-i', f, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { what: 'decoding' });
    const [a, b] = await Promise.all([decode(joined), decode(single)]);
    expect(a.length).toBe(48 * 160 * 96 * 3);
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);

    // A soundtrack inside a video (--video keeps its own sound): only its audio stream is stored, not the video.
    const stored = await storeAudio(shards, single, [single], '', ffmpeg.path);
    expect(stored).toMatch(/^audio-[0-9a-f]{16}\.mka$/);
    const q = await probe(path.join(shards, stored), { ffmpeg: ffmpeg.path });
    expect([q.hasAudio, q.width, Math.abs(q.audioDurationS - 4) < 0.1]).toEqual([true, 0, true]);
  }, 180000);

  it('an empty shard still writes its manifest, and a cancelled shard changes nothing in the folder', async () => {
    const shards = path.join(dir, 'empty');
    // One unit per scene (24 frames each) in five shards: shards 2, 4 and 5 get none.
    const r = await renderVideo(opts({ output: shards, shard: { index: 2, count: 5 }, unitFrames: 24 }));
    expect(r.frames).toBe(0);
    expect(JSON.parse(readFileSync(path.join(shards, 'shard-2-of-5.json'), 'utf8')).segments).toEqual([]);

    // A finished shard, then the same shard of a long project, cancelled while it draws: the first one's files stay.
    const folderOf = path.join(dir, 'cancelled');
    await renderVideo(opts({ output: folderOf, shard: { index: 1, count: 1 } }));
    const before = readdirSync(folderOf).sort().map((f) => [f, readFileSync(path.join(folderOf, f)).length]);
    expect(before.map(([f]) => f)).toContain('shard-1-of-1.json');
    const long = { scenes: [{ name: 'long', end: 600, layers: [{ effect: 'plasma' }] }] };
    const controller = new AbortController();
    let drawn = 0;
    await expect(
      renderVideo(opts({ source: { raw: long, label: 'long' }, output: folderOf, shard: { index: 1, count: 1 }, workers: 2, signal: controller.signal, onProgress: (q) => ((drawn = q.framesRendered), drawn > 30 && controller.abort()) })),
    ).rejects.toThrow('Render cancelled');
    expect(drawn).toBeGreaterThan(30); // past frame 24 (2 s): a spot check may be running when the cancel comes
    expect(readdirSync(folderOf).sort().map((f) => [f, readFileSync(path.join(folderOf, f)).length])).toEqual(before);
  }, 120000);

  it('the command line: --shard and join, with one line and exit code per mistake', async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    const shards = path.join(dir, 'cli shards');
    const common = ['--demo', '-q', 'draft', '--resolution', '160x96', '--quiet', '-o', shards];
    expect(await runCli(['render', ...common, '--shard', '3/2'], io)).toBe(2);
    expect(lines.at(-1)).toContain('Invalid --shard "3/2"');
    expect(await runCli(['render', ...common, '--shard', '1/2', '--format', 'gif'], io)).toBe(2);
    expect(lines.at(-1)).toContain('--format gif cannot be sharded');
    expect(await runCli(['render', ...common, '--shard', '1/2', '--frames', '0-10'], io)).toBe(2);
    expect(lines.at(-1)).toContain('--shard cannot be combined with --frames, --clip or --skip-render');
    const file = path.join(dir, 'a file');
    writeFileSync(file, 'x');
    expect(await runCli(['render', ...common.slice(0, -1), file, '--shard', '1/2'], io)).toBe(2);
    expect(lines.at(-1)).toContain('is a file; --shard writes a folder of segments and a manifest');
    expect(await runCli(['render', ...common.slice(0, -1), path.join(dir, 'show.mp4'), '--shard', '1/2'], io)).toBe(2);
    expect(lines.at(-1)).toContain('looks like a video file; --shard writes a folder');
    expect(await runCli(['render', ...common, '--shard', '1/2'], io)).toBe(0);
    expect(lines.at(-1)).toContain(`glyphreel join "${shards}" -o OUTPUT.mp4`);
    const out = path.join(dir, 'cli out.mp4');
    writeFileSync(out, 'previous render');
    expect(await runCli(['join', shards, '-o', out], io)).toBe(2);
    expect(lines.at(-1)).toMatch(/^glyphreel: Shard 2 of 2 is missing in .*cli shards/);
    expect(readFileSync(out, 'utf8')).toBe('previous render');
    expect(await runCli(['render', ...common, '--shard', '2/2'], io)).toBe(0);
    expect(await runCli(['join', shards, '-o', path.join(dir, 'cli out.webm')], io)).toBe(2);
    expect(lines.at(-1)).toContain('hold mp4 segments; they cannot be joined into a webm');
    expect(await runCli(['join', shards, '-o', path.join(dir, 'frames'), '--format', 'png'], io)).toBe(2);
    expect(lines.at(-1)).toMatch(/'png' is invalid/);
    expect(await runCli(['join', shards, '-o', out, '--audio', path.join(dir, 'no song.wav')], io)).toBe(2);
    expect(lines.at(-1)).toContain('no song.wav does not exist');
    expect(readFileSync(out, 'utf8')).toBe('previous render');
    expect(await runCli(['join', shards, '-o', out, '--quiet'], io)).toBe(0);
    expect(lines.at(-1)).toMatch(/^Wrote .*cli out\.mp4 \(144 frames from 2 shards, 160x96 @12fps\)/);
    const ffmpeg = await findFfmpeg();
    const p = await probe(out, { ffmpeg: ffmpeg.path });
    expect([p.frames, p.hasAudio]).toEqual([144, true]);
    const silent = path.join(dir, 'cli silent.mp4');
    expect(await runCli(['join', shards, '-o', silent, '--no-audio', '--quiet'], io)).toBe(0);
    expect((await probe(silent, { ffmpeg: ffmpeg.path })).hasAudio).toBe(false);
    const gif = path.join(dir, 'cli out.gif');
    expect(await runCli(['join', shards, '-o', gif, '--quiet'], io)).toBe(0);
    const g = await probe(gif, { ffmpeg: ffmpeg.path });
    expect([g.codec, g.width, g.height, g.frames]).toEqual(['gif', 160, 96, 144]);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);

    // join -o naming one of the shards' own files (directly or through a symlink) would replace it: refused.
    const files = () => readdirSync(shards).sort().map((f) => [f, readFileSync(path.join(shards, f)).length]);
    const before = files();
    const segment = before.map(([f]) => f as string).find((f) => f.endsWith('.mp4'))!;
    expect(await runCli(['join', shards, '-o', path.join(shards, segment)], io)).toBe(2);
    expect(lines.at(-1)).toContain(`is one of the shards' own files (${segment}); join would write over it`);
    symlinkSync(path.join(shards, segment), path.join(dir, 'link.mp4'));
    expect(await runCli(['join', shards, '-o', path.join(dir, 'link.mp4')], io)).toBe(2);
    expect(await runCli(['join', shards, '-o', path.join(shards, 'shard-1-of-2.json'), '--format', 'mp4'], io)).toBe(2);
    expect(files()).toEqual(before);
    rmSync(path.join(dir, 'link.mp4'));

    // Another split into the same folder would overwrite these segments (same unit names, other frames): refused
    // before drawing, and the folder is as it was.
    expect(await runCli(['render', ...common, '--shard', '2/3'], io)).toBe(2);
    expect(lines.at(-1)).toMatch(/holds shards of a split into 2 \(shard-1-of-2\.json, shard-2-of-2\.json\); this is shard 2 of 3/);
    expect(files()).toEqual(before);

    // A segment rewritten after its shard recorded it (by hand, or by a run of another split) is refused by join.
    writeFileSync(path.join(shards, segment), Buffer.concat([readFileSync(path.join(shards, segment)), Buffer.from('x')]));
    expect(await runCli(['join', shards, '-o', path.join(dir, 'never.mp4')], io)).toBe(2);
    expect(lines.at(-1)).toContain(`Segment ${segment} of shard 1 of 2 was changed since that shard wrote it`);
  }, 180000);
});
