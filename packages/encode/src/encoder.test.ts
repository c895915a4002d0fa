import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GlyphreelError } from '@glyphreel/core';
import { encoderArgs, openEncoder, type EncodeProgress } from './encoder.js';
import { probe } from './probe.js';
import { synthesizeAudio } from './synth.js';
import { decodeRgb, extraFiles, fillFrame, realFfmpeg, removeTempDirs, tempDir } from './test-utils/ffmpeg.js';
import { presetForQuality, vp9Speed, x264Threads } from './settings.js';

afterAll(removeTempDirs);

const W = 64;
const H = 36;

async function encodeFrames(output: string, n: number, extra: Record<string, unknown> = {}) {
  const ffmpeg = await realFfmpeg();
  const enc = await openEncoder({ ffmpeg, width: W, height: H, fps: 24, output, quality: 'draft', ...extra });
  const buf = new Uint8Array(W * H * 3);
  for (let i = 0; i < n; i++) await enc.write(fillFrame(buf, W, H, i));
  return enc.close();
}

describe('openEncoder (mp4)', () => {
  it('encodes exactly N frames with duration N/fps, leaving only the output', async () => {
    const d = tempDir();
    const out = path.join(d, 'clip.mp4');
    const progress: EncodeProgress[] = [];
    const r = await encodeFrames(out, 30, { onProgress: (p: EncodeProgress) => progress.push(p) });
    expect(r.frames).toBe(30);
    expect(r.durationS).toBeCloseTo(1.25, 10);
    expect(r.bytes).toBe(readFileSync(out).length);
    const p = await probe(out, { ffmpeg: await realFfmpeg() });
    expect([p.frames, p.width, p.height, p.fps, p.codec, p.hasAudio]).toEqual([30, W, H, 24, 'h264', false]);
    expect(p.durationS).toBeCloseTo(1.25, 10);
    expect(extraFiles(d, ['clip.mp4'])).toEqual([]);
    expect(progress.at(-1)).toEqual({ framesWritten: 30, framesEncoded: 30, framesTotal: undefined });
    // +faststart: the index (moov) comes before the media data (mdat).
    const bytes = readFileSync(out).toString('latin1');
    expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'));
  });

  it('muxes audio in the same pass, cut to frames / fps', async () => {
    const ffmpeg = await realFfmpeg();
    const d = tempDir();
    const song = path.join(d, 'song.wav');
    await synthesizeAudio(song, { ffmpeg, durationS: 3 });
    const out = path.join(d, 'clip.mp4');
    await encodeFrames(out, 30, { audio: song, expectedFrames: 30 });
    const p = await probe(out, { ffmpeg });
    expect([p.frames, p.hasAudio]).toEqual([30, true]);
    expect(Math.abs(p.audioDurationS - 30 / 24)).toBeLessThanOrEqual(1 / 24);
  });

  it('is deterministic: the same frames give the same bytes', async () => {
    const d = tempDir();
    await encodeFrames(path.join(d, 'a.mp4'), 12);
    await encodeFrames(path.join(d, 'b.mp4'), 12);
    expect(readFileSync(path.join(d, 'a.mp4')).equals(readFileSync(path.join(d, 'b.mp4')))).toBe(true);
  });

  it('passes preset, crf, yuv420p and threads to libx264', () => {
    const args = encoderArgs({ ffmpeg: 'ffmpeg', width: W, height: H, fps: 30, output: 'x.mp4', crf: 23, preset: 'fast', threads: x264Threads(2, 8) }, 'tmp.mp4');
    const s = args.join(' ');
    expect(s).toContain('-f rawvideo -pix_fmt rgb24 -s 64x36 -r 30 -i pipe:0');
    expect(s).toContain('-c:v libx264 -preset fast -crf 23 -pix_fmt yuv420p -threads 4');
    expect(args.at(-1)).toBe('tmp.mp4');
  });

  it('delivers every byte of many frames larger than the pipe buffer, with the caller reusing one buffer', async () => {
    // 320x180 rgb24 is 172 KB per frame, more than a 64 KB pipe: writes must wait. png is lossless, so every pixel of
    // every frame can be compared; one buffer is refilled after each write, so a frame still queued by reference
    // would come out as a later frame.
    const ffmpeg = await realFfmpeg();
    const d = tempDir();
    const out = path.join(d, 'frames');
    const w = 320;
    const h = 180;
    const n = 60;
    const enc = await openEncoder({ ffmpeg, width: w, height: h, fps: 24, output: out, format: 'png' });
    const buf = new Uint8Array(w * h * 3);
    for (let i = 0; i < n; i++) await enc.write(fillFrame(buf, w, h, i));
    await enc.close();
    expect(readdirSync(out).length).toBe(n);
    const raw = await decodeRgb(ffmpeg.path, ['-framerate', '24', '-start_number', '0', '-i', path.join(out, '%06d.png')]);
    expect(raw.length).toBe(n * w * h * 3);
    const want = new Uint8Array(w * h * 3);
    let mismatched = 0;
    for (let i = 0; i < n; i++) {
      fillFrame(want, w, h, i);
      if (Buffer.compare(Buffer.from(raw.buffer, raw.byteOffset + i * want.length, want.length), Buffer.from(want)) !== 0) mismatched++;
    }
    expect(mismatched).toBe(0);
  });
});

describe('openEncoder errors', () => {
  it('rejects odd sizes for yuv420p with the fix in the hint', async () => {
    const ffmpeg = await realFfmpeg();
    const err = (await openEncoder({ ffmpeg, width: 63, height: 35, fps: 24, output: path.join(tempDir(), 'x.mp4') }).catch((e: unknown) => e)) as GlyphreelError;
    expect(err.code).toBe('E_USAGE');
    expect(err.message).toBe('frame size 63x35 is odd; mp4 (yuv420p) needs an even width and height');
    expect(err.hint).toBe('use 64x36');
  });

  it('rejects a crf out of range and a frame of the wrong size', async () => {
    const ffmpeg = await realFfmpeg();
    const d = tempDir();
    const bad = (await openEncoder({ ffmpeg, width: W, height: H, fps: 24, output: path.join(d, 'x.mp4'), crf: 60 }).catch((e: unknown) => e)) as GlyphreelError;
    expect([bad.code, bad.message]).toEqual(['E_USAGE', '--crf 60 is out of range for mp4']);
    const enc = await openEncoder({ ffmpeg, width: W, height: H, fps: 24, output: path.join(d, 'y.mp4') });
    const wrong = (await enc.write(new Uint8Array(10)).catch((e: unknown) => e)) as GlyphreelError;
    expect([wrong.code, wrong.message]).toEqual(['E_RENDER', `frame has 10 bytes, expected ${W * H * 3} (64x36 rgb24)`]);
    await enc.abort();
    expect(readdirSync(d)).toEqual([]);
  });

  it('quotes the ffmpeg log when ffmpeg fails, and keeps an existing target byte-identical', async () => {
    const ffmpeg = await realFfmpeg();
    const d = tempDir();
    const out = path.join(d, 'clip.mp4');
    writeFileSync(out, 'precious old render');
    const garbage = path.join(d, 'song.dat');
    writeFileSync(garbage, 'this is not audio\n'.repeat(200));
    const logPath = path.join(d, 'enc.log');
    const enc = await openEncoder({ ffmpeg, width: W, height: H, fps: 24, output: out, audio: garbage, expectedFrames: 48, logPath });
    const buf = new Uint8Array(W * H * 3);
    let err: unknown;
    try {
      for (let i = 0; i < 48; i++) await enc.write(fillFrame(buf, W, H, i));
      await enc.close();
    } catch (e) {
      err = e;
    }
    const g = err as GlyphreelError;
    expect(g).toBeInstanceOf(GlyphreelError);
    expect(g.code).toBe('E_FFMPEG');
    expect(g.message).toMatch(new RegExp(`^ffmpeg failed encoding ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(exit 1\\): .*song\\.dat: Invalid data found when processing input$`));
    expect(g.hint).toBe(`full ffmpeg log: ${logPath}`);
    expect(readFileSync(logPath, 'utf8')).toContain('Invalid data found when processing input');
    expect(readFileSync(out, 'utf8')).toBe('precious old render');
    expect(extraFiles(d, ['clip.mp4', 'song.dat', 'enc.log'])).toEqual([]);
    // The encoder stays failed: close() reports the same error instead of pretending success.
    await expect(enc.close()).rejects.toBe(g);
  });

  it('names a binary that cannot be started', async () => {
    const d = tempDir();
    const enc = await openEncoder({ ffmpeg: '/nonexistent/ffmpeg', width: W, height: H, fps: 24, output: path.join(d, 'x.mp4') });
    const err = (await (async () => {
      const buf = new Uint8Array(W * H * 3);
      for (let i = 0; i < 4; i++) await enc.write(buf);
      await enc.close();
    })().catch((e: unknown) => e)) as GlyphreelError;
    expect([err.code, err.message]).toEqual(['E_FFMPEG', 'cannot run ffmpeg at /nonexistent/ffmpeg: ENOENT']);
    expect(readdirSync(d)).toEqual([]);
  });

  it('refuses overlapping writes, which could reorder frames', async () => {
    const d = tempDir();
    const enc = await openEncoder({ ffmpeg: await realFfmpeg(), width: W, height: H, fps: 24, output: path.join(d, 'x.mp4') });
    const buf = new Uint8Array(W * H * 3);
    const first = enc.write(buf);
    const err = (await enc.write(buf).catch((e: unknown) => e)) as GlyphreelError;
    await first;
    expect(err.message).toBe(`write() to ${path.join(d, 'x.mp4')} called before the previous write resolved`);
    await enc.abort();
  });

  it('reports a missing output directory before starting ffmpeg', async () => {
    const ffmpeg = await realFfmpeg();
    const out = path.join(tempDir(), 'no', 'such', 'dir', 'clip.mp4');
    const err = (await openEncoder({ ffmpeg, width: W, height: H, fps: 24, output: out }).catch((e: unknown) => e)) as GlyphreelError;
    expect([err.code, err.message]).toEqual(['E_USAGE', `output directory ${path.dirname(out)} does not exist`]);
  });

  it('abort() kills ffmpeg, keeps the old target, removes temps, and later writes say cancelled', async () => {
    const ffmpeg = await realFfmpeg();
    const d = tempDir();
    const out = path.join(d, 'clip.mp4');
    writeFileSync(out, 'old');
    const ac = new AbortController();
    const enc = await openEncoder({ ffmpeg, width: W, height: H, fps: 24, output: out, signal: ac.signal });
    const buf = new Uint8Array(W * H * 3);
    for (let i = 0; i < 10; i++) await enc.write(fillFrame(buf, W, H, i));
    ac.abort();
    await enc.abort();
    expect(readFileSync(out, 'utf8')).toBe('old');
    expect(readdirSync(d)).toEqual(['clip.mp4']);
    const err = (await enc.write(buf).catch((e: unknown) => e)) as GlyphreelError;
    expect(err.code).toBe('E_CANCELLED');
    const late = (await openEncoder({ ffmpeg, width: W, height: H, fps: 24, output: out, signal: ac.signal }).catch((e: unknown) => e)) as GlyphreelError;
    expect(late.code).toBe('E_CANCELLED');
    expect(readdirSync(d)).toEqual(['clip.mp4']);
  });

  it('treats ffmpeg stopped by Ctrl-C (SIGINT to the process group) as a cancellation', async () => {
    const ffmpeg = await realFfmpeg();
    const d = tempDir();
    const out = path.join(d, 'clip.mp4');
    writeFileSync(out, 'old');
    const enc = await openEncoder({ ffmpeg, width: W, height: H, fps: 24, output: out });
    const buf = new Uint8Array(W * H * 3);
    for (let i = 0; i < 5; i++) await enc.write(fillFrame(buf, W, H, i));
    process.kill(enc.pid as number, 'SIGINT');
    let err: unknown;
    try {
      for (let i = 5; i < 2000; i++) await enc.write(fillFrame(buf, W, H, i));
      await enc.close();
    } catch (e) {
      err = e;
    }
    expect((err as GlyphreelError).code).toBe('E_CANCELLED');
    expect((err as GlyphreelError).message).toMatch(/^encoding .*clip\.mp4 was interrupted \(ffmpeg received /);
    expect(readFileSync(out, 'utf8')).toBe('old');
    await enc.abort();
    expect(readdirSync(d)).toEqual(['clip.mp4']);
  });

  it('fails close() when fewer frames than expected arrived, without touching the target', async () => {
    const d = tempDir();
    const out = path.join(d, 'clip.mp4');
    const err = (await encodeFrames(out, 5, { expectedFrames: 6 }).catch((e: unknown) => e)) as GlyphreelError;
    expect([err.code, err.message]).toEqual(['E_RENDER', `5 frames were written to ${out}, expected 6`]);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(d)).toEqual([]);
  });

  it('replaces an existing target only on success', async () => {
    const d = tempDir();
    const out = path.join(d, 'clip.mp4');
    writeFileSync(out, 'old');
    await encodeFrames(out, 4);
    expect(readFileSync(out).subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(readdirSync(d)).toEqual(['clip.mp4']);
  });
});

describe('presets', () => {
  it('follow the quality profile (README, "Decisions")', () => {
    expect(['draft', 'preview', 'production', 'auto', 'max'].map((q) => presetForQuality(q as 'draft'))).toEqual(['superfast', 'veryfast', 'veryfast', 'veryfast', 'fast']);
    expect(vp9Speed('superfast')).toEqual(['-deadline', 'realtime', '-cpu-used', '8']);
    expect(vp9Speed('veryfast')).toEqual(['-deadline', 'good', '-cpu-used', '5']);
    expect(vp9Speed('veryslow')).toEqual(['-deadline', 'good', '-cpu-used', '2']);
  });

  it('places global options before the inputs', () => {
    const args = encoderArgs({ ffmpeg: 'ffmpeg', width: 64, height: 36, fps: 24, output: 'x.gif', globalArgs: ['-benchmark'] }, 'tmp.gif');
    expect(args.indexOf('-benchmark')).toBeLessThan(args.indexOf('-i'));
  });
});

describe('x264Threads', () => {
  it('keeps workers × threads within the cores', () => {
    expect(x264Threads(1, 2)).toBe(2);
    expect(x264Threads(2, 2)).toBe(1);
    expect(x264Threads(3, 16)).toBe(5);
    expect(x264Threads(8, 4)).toBe(1);
    expect(x264Threads(1, 64)).toBe(16);
    for (let w = 1; w <= 16; w++) for (let c = w; c <= 32; c++) expect(w * x264Threads(w, c)).toBeLessThanOrEqual(c);
  });
});
