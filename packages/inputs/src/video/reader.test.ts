import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import type { GlyphreelError } from '@glyphreel/core';
import { fitFilter, openVideoReader, probeVideo } from './reader.js';

const ffmpegPath = ffmpegInstaller.path;
let dir = '';
let clip = '';

function lavfi(name: string, args: string[]): string {
  const out = path.join(dir, name);
  const r = spawnSync(ffmpegPath, ['-nostdin', '-y', '-loglevel', 'error', ...args, out], { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`ffmpeg could not make the fixture ${name}`);
  return out;
}

async function readAll(file: string, o: { width: number; height: number; fps: number; startS?: number }): Promise<{ count: number; sizes: Set<number> }> {
  const r = openVideoReader({ ffmpegPath, file, ...o });
  const sizes = new Set<number>();
  let count = 0;
  for (let f = await r.read(); f; f = await r.read()) {
    count++;
    sizes.add(f.length);
  }
  expect(await r.read()).toBeNull();
  await r.close();
  return { count, sizes };
}

async function failure(p: Promise<unknown>): Promise<GlyphreelError> {
  try {
    await p;
  } catch (e) {
    return e as GlyphreelError;
  }
  throw new Error('expected a failure');
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'glyphreel-video-'));
  clip = lavfi('clip.mp4', ['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=24:duration=2', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=2',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest']);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openVideoReader', () => {
  it('returns exactly fps·duration frames of width·height·3 bytes, then null', async () => {
    expect(await readAll(clip, { width: 32, height: 18, fps: 24 })).toEqual({ count: 48, sizes: new Set([32 * 18 * 3]) });
  });

  it('resamples to the target fps from startS', async () => {
    expect(await readAll(clip, { width: 16, height: 9, fps: 12, startS: 1 })).toEqual({ count: 12, sizes: new Set([16 * 9 * 3]) });
  });

  it('a read opened at startS = k/fps returns frame k of a read from 0, also across a rate conversion', async () => {
    const c25 = lavfi('c25.mp4', ['-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=25:duration=1.5', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv444p']);
    for (const [file, fps] of [[c25, 24], [clip, 30]] as const) {
      const seq = openVideoReader({ ffmpegPath, file, width: 16, height: 9, fps });
      const frames: Buffer[] = [];
      for (let f = await seq.read(); f; f = await seq.read()) frames.push(Buffer.from(f));
      await seq.close();
      for (const k of [1, 2, 7, 13, 29]) {
        const r = openVideoReader({ ffmpegPath, file, width: 16, height: 9, fps, startS: k / fps });
        const f = Buffer.from((await r.read())!);
        await r.close();
        expect(`${fps}:${k}:${Buffer.compare(f, frames[k]!)}`).toBe(`${fps}:${k}:0`);
      }
    }
  });

  it('applies backpressure: ffmpeg waits while frames are not read, and nothing is lost', async () => {
    // 48 frames of 43 200 bytes: far more than the pipe and the stream buffer hold, so an unpaused reader would
    // let ffmpeg finish and exit within the wait
    const r = openVideoReader({ ffmpegPath, file: clip, width: 160, height: 90, fps: 24 });
    expect((await r.read())?.length).toBe(43200);
    await new Promise((done) => setTimeout(done, 1000));
    const pid = r.pid as number;
    expect(pid).toBeGreaterThan(0);
    expect(() => process.kill(pid, 0)).not.toThrow();
    let count = 1;
    while (await r.read()) count++;
    expect(count).toBe(48);
    await r.close();
  });

  it('close() mid-stream stops ffmpeg and later reads return null', async () => {
    const r = openVideoReader({ ffmpegPath, file: clip, width: 8, height: 8, fps: 24 });
    expect((await r.read())?.length).toBe(192);
    const pid = r.pid as number;
    expect(pid).toBeGreaterThan(0);
    await r.close();
    expect(r.pid).toBeUndefined();
    expect(() => process.kill(pid, 0)).toThrow();
    expect(await r.read()).toBeNull();
    await r.close();
  });

  it('contain letterboxes with black, cover fills the frame', async () => {
    const white = lavfi('white.mp4', ['-f', 'lavfi', '-i', 'color=c=white:s=320x180:d=0.5:r=24', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv444p']);
    const contain = openVideoReader({ ffmpegPath, file: white, width: 20, height: 20, fps: 24, fit: 'contain' });
    const f = (await contain.read()) as Uint8Array;
    // 16:9 in a square: 11.25 rows of picture, 4.4 rows of black above and below
    expect(Array.from(f.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(Array.from(f.subarray(19 * 60, 19 * 60 + 3))).toEqual([0, 0, 0]);
    expect(Array.from(f.subarray(10 * 60, 10 * 60 + 3))).toEqual([255, 255, 255]);
    await contain.close();
    const cover = openVideoReader({ ffmpegPath, file: white, width: 20, height: 20, fps: 24, fit: 'cover', pixelAspect: 0.5 });
    const g = (await cover.read()) as Uint8Array;
    expect(g.every((v) => v === 255)).toBe(true);
    await cover.close();
  });

  it('fitFilter sizes the box by the on-screen pixel shape', () => {
    expect(fitFilter(192, 56, 'cover', 0.5)).toBe('scale=192:112:force_original_aspect_ratio=increase:flags=area,crop=192:112,scale=192:56:flags=area');
    expect(fitFilter(10, 10, 'contain')).toBe('scale=20:20:force_original_aspect_ratio=decrease:flags=area,pad=20:20:(ow-iw)/2:(oh-ih)/2:black,scale=10:10:flags=area');
  });

  it('a missing file is a one-line E_INPUT', async () => {
    const e = await failure((async () => openVideoReader({ ffmpegPath, file: path.join(dir, 'nope.mp4'), width: 4, height: 4, fps: 24 }))());
    expect(e.code).toBe('E_INPUT');
    expect(e.message).toBe(`Cannot read "${path.join(dir, 'nope.mp4')}": no such file`);
  });

  it('a corrupt file is a one-line E_INPUT quoting ffmpeg', async () => {
    const bad = path.join(dir, 'bad.mp4');
    writeFileSync(bad, Buffer.alloc(4096, 7));
    const r = openVideoReader({ ffmpegPath, file: bad, width: 4, height: 4, fps: 24 });
    const e = await failure(r.read());
    await r.close();
    expect(e.code).toBe('E_INPUT');
    expect(e.message).toMatch(/^Cannot read ".*bad\.mp4": ffmpeg cannot decode it \(.*bad\.mp4: Invalid data found when processing input\)$/);
    expect(e.message).not.toContain('\n');
  });

  it('an ffmpeg that cannot be started is E_FFMPEG on the first read', async () => {
    const r = openVideoReader({ ffmpegPath: path.join(dir, 'no-ffmpeg'), file: clip, width: 4, height: 4, fps: 24 });
    const e = await failure(r.read());
    await r.close();
    expect(e.code).toBe('E_FFMPEG');
    expect(e.message).toBe(`ffmpeg could not be started at "${path.join(dir, 'no-ffmpeg')}" (ENOENT)`);
  });

  it('a file without video is E_INPUT "it has no video stream"', async () => {
    const wav = lavfi('tone.wav', ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=0.2']);
    const r = openVideoReader({ ffmpegPath, file: wav, width: 4, height: 4, fps: 24 });
    const e = await failure(r.read());
    await r.close();
    expect(e.code).toBe('E_INPUT');
    expect(e.message).toBe(`Cannot read "${wav}": it has no video stream`);
  });
});

describe('probeVideo', () => {
  it('reports duration, fps, size and audio', async () => {
    expect(await probeVideo(clip, ffmpegPath)).toEqual({ durationS: 2, fps: 24, width: 320, height: 180, frames: 48, hasAudio: true });
  });

  it('a missing file is E_INPUT', async () => {
    const e = await failure(probeVideo(path.join(dir, 'missing.mov'), ffmpegPath));
    expect(e.code).toBe('E_INPUT');
  });

  it('a cut-off file: one line naming it once, ffmpeg pointers dropped, asks whether it is complete', async () => {
    const cut = path.join(dir, 'cut.mp4');
    writeFileSync(cut, Buffer.alloc(3000, 9));
    const e = await failure(probeVideo(cut, ffmpegPath));
    expect(e.code).toBe('E_INPUT');
    expect(e.message).toBe(`Cannot read "${cut}": moov atom not found; Invalid data found when processing input`);
    expect(e.hint).toMatch(/^is it a complete video file\?/);
  });

  it('a variable-rate clip and one starting late: duration from timestamps, and the reader plays that long', async () => {
    // 3 of every 8 frames of 30 fps over 4 s (the mkv declares 30 fps: frames / fps said 1.5 s)
    const vfr = lavfi('vfr.mkv', ['-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=30:d=4', '-vf', "select='lt(mod(n,8),3)'", '-vsync', 'vfr', '-c:v', 'libx264', '-preset', 'ultrafast']);
    const v = await probeVideo(vfr, ffmpegPath);
    expect(v.frames).toBe(45);
    expect(Math.abs(v.durationS - (3.8 + 1 / 30))).toBeLessThanOrEqual(1 / 30);
    expect((await readAll(vfr, { width: 16, height: 9, fps: 10 })).count).toBe(Math.round(v.durationS * 10));
    // picture from 0.5 s to 3.5 s beside audio from 0
    const late = lavfi('late.mp4', ['-f', 'lavfi', '-i', 'sine=d=3.5', '-itsoffset', '0.5', '-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=25:d=3', '-map', '1:v', '-map', '0:a', '-vsync', 'passthrough', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac']);
    const l = await probeVideo(late, ffmpegPath);
    expect([l.frames, l.fps, l.hasAudio]).toEqual([75, 25, true]);
    expect(Math.abs(l.durationS - 3.5)).toBeLessThanOrEqual(1 / 25);
    expect((await readAll(late, { width: 16, height: 9, fps: 10 })).count).toBe(35);
  });
});
