import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GlyphreelError } from '@glyphreel/core';
import { concatList, concatListLine, concatSegments, muxAudio } from './concat.js';
import { openEncoder } from './encoder.js';
import { probe } from './probe.js';
import { synthesizeAudio } from './synth.js';
import { extraFiles, fillFrame, realFfmpeg, removeTempDirs, tempDir } from './test-utils/ffmpeg.js';

afterAll(removeTempDirs);

const W = 64;
const H = 36;

async function segment(output: string, n: number, fps: number, first = 0, format: 'mp4' | 'webm' = 'mp4') {
  const ffmpeg = await realFfmpeg();
  const enc = await openEncoder({ ffmpeg, width: W, height: H, fps, output, format, quality: 'draft', faststart: false });
  const buf = new Uint8Array(W * H * 3);
  for (let i = 0; i < n; i++) await enc.write(fillFrame(buf, W, H, first + i));
  return enc.close();
}

describe('concat list', () => {
  it("quotes paths with ffmpeg's rule: ' becomes '\\''", () => {
    expect(concatListLine("/tmp/a b/it's/seg 1.mp4")).toBe("file '/tmp/a b/it'\\''s/seg 1.mp4'");
    expect(concatList(['/x/1.mp4', '/x/2.mp4'])).toBe("file '/x/1.mp4'\nfile '/x/2.mp4'\n");
    expect(concatList([{ path: '/x/1.mp4', durationS: 7 / 24 }])).toBe("file '/x/1.mp4'\nduration 0.291667\n");
    const err = (() => {
      try {
        concatListLine('/tmp/a\nb.mp4');
      } catch (e) {
        return e as GlyphreelError;
      }
      return undefined;
    })();
    expect(err?.code).toBe('E_INPUT');
  });
});

describe('concatSegments', () => {
  it("joins segments whose paths contain spaces and a single quote, frame counts summed", async () => {
    const d = tempDir('concat');
    const segDir = path.join(d, "seg dir", "it's here");
    mkdirSync(segDir, { recursive: true });
    const counts = [10, 7, 5];
    const segs: string[] = [];
    let first = 0;
    for (const [i, n] of counts.entries()) {
      const p = path.join(segDir, `seg '${i}' .mp4`);
      await segment(p, n, 24, first);
      first += n;
      segs.push(p);
    }
    const out = path.join(d, 'joined.mp4');
    const r = await concatSegments({ ffmpeg: await realFfmpeg(), segments: segs, output: out });
    expect(r.durationS).toBeCloseTo(22 / 24, 10);
    expect(r.frames).toBe(22);
    expect(r.args).toEqual(expect.arrayContaining(['-safe', '0', '-c:v', 'copy']));
    const p = await probe(out, { ffmpeg: await realFfmpeg() });
    expect([p.frames, p.fps, p.hasAudio]).toEqual([22, 24, false]);
    // The probe it made of the joined file before renaming it is handed back (the work dir's cleanup reuses it).
    expect(r.probe).toEqual(p);
    expect(extraFiles(d, ['seg dir', 'joined.mp4'])).toEqual([]);
    // An explicit format wins over a name that implies none (render --format mp4 -o show.mkv).
    const named = path.join(d, 'show.mkv');
    expect((await concatSegments({ ffmpeg: await realFfmpeg(), segments: segs, output: named, format: 'mp4' })).frames).toBe(22);
    expect((await probe(named, { ffmpeg: await realFfmpeg() })).frames).toBe(22);
    await expect(concatSegments({ ffmpeg: await realFfmpeg(), segments: segs, output: path.join(d, 'other.mkv') })).rejects.toMatchObject({ code: 'E_USAGE' });
    expect(extraFiles(d, ['seg dir', 'joined.mp4', 'show.mkv'])).toEqual([]);
  });

  it('muxes audio cut to the video length: durations within one frame, AAC, faststart', async () => {
    const ffmpeg = await realFfmpeg();
    const d = tempDir('mux');
    const a = path.join(d, 'a.mp4');
    const b = path.join(d, 'b.mp4');
    await segment(a, 31, 30);
    await segment(b, 30, 30, 31);
    const song = path.join(d, 'song.wav');
    await synthesizeAudio(song, { ffmpeg, durationS: 3.3, bpm: 128 });
    const out = path.join(d, 'final.mp4');
    await concatSegments({ ffmpeg, segments: [a, b], output: out, audio: song });
    const p = await probe(out, { ffmpeg });
    expect(p.frames).toBe(61);
    expect(p.hasAudio).toBe(true);
    expect(Math.abs(p.audioDurationS - 61 / 30)).toBeLessThanOrEqual(1 / 30);
    const bytes = readFileSync(out).toString('latin1');
    expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'));
    expect(bytes).toContain('mp4a');
    expect(readdirSync(d).sort()).toEqual(['a.mp4', 'b.mp4', 'final.mp4', 'song.wav']);
  });

  it('awaits beforeCommit before replacing the output, and keeps the old output when it rejects', async () => {
    const ffmpeg = await realFfmpeg();
    const d = tempDir('commit');
    const a = path.join(d, 'a.mp4');
    const b = path.join(d, 'b.mp4');
    await segment(a, 6, 24);
    await segment(b, 6, 24, 6);
    const out = path.join(d, 'final.mp4');
    writeFileSync(out, 'previous');
    const seen: string[] = [];
    await expect(concatSegments({ ffmpeg, segments: [a, b], output: out, beforeCommit: async () => void seen.push(readFileSync(out, 'utf8')) })).resolves.toMatchObject({ frames: 12 });
    // The hook ran while the old output was still in place; the joined video replaced it afterwards.
    expect(seen).toEqual(['previous']);
    expect((await probe(out, { ffmpeg })).frames).toBe(12);
    writeFileSync(out, 'previous');
    await expect(concatSegments({ ffmpeg, segments: [a, b], output: out, beforeCommit: () => Promise.reject(new Error('spot check failed')) })).rejects.toThrow('spot check failed');
    expect(readFileSync(out, 'utf8')).toBe('previous');
    expect(readdirSync(d).sort()).toEqual(['a.mp4', 'b.mp4', 'final.mp4']);
  });

  it('pads audio that is shorter than the video, at 60 fps still within one frame', async () => {
    const ffmpeg = await realFfmpeg();
    const d = tempDir('mux');
    const v = path.join(d, 'v.mp4');
    await segment(v, 61, 60);
    const song = path.join(d, 'short.wav');
    await synthesizeAudio(song, { ffmpeg, durationS: 0.4 });
    const out = path.join(d, 'out.mp4');
    await muxAudio({ ffmpeg, video: v, audio: song, output: out });
    const p = await probe(out, { ffmpeg });
    expect(p.frames).toBe(61);
    expect(Math.abs(p.audioDurationS - 61 / 60)).toBeLessThanOrEqual(1 / 60);
    // An explicit format wins over a name that implies none; without one, that name is refused.
    const named = path.join(d, 'out.mkv');
    await muxAudio({ ffmpeg, video: v, audio: song, output: named, format: 'mp4' });
    expect(await probe(named, { ffmpeg })).toMatchObject({ frames: 61, hasAudio: true });
    await expect(muxAudio({ ffmpeg, video: v, audio: song, output: path.join(d, 'other.mkv') })).rejects.toMatchObject({ code: 'E_USAGE' });
  });

  it('webm segments join with Opus audio', async () => {
    const ffmpeg = await realFfmpeg();
    const d = tempDir('webm');
    const a = path.join(d, 'a.webm');
    const b = path.join(d, 'b.webm');
    await segment(a, 12, 24, 0, 'webm');
    await segment(b, 12, 24, 12, 'webm');
    const song = path.join(d, 'song.wav');
    await synthesizeAudio(song, { ffmpeg, durationS: 2 });
    const out = path.join(d, 'final.webm');
    await concatSegments({ ffmpeg, segments: [{ path: a, frames: 12 }, { path: b, frames: 12 }], fps: 24, output: out, audio: song });
    const p = await probe(out, { ffmpeg });
    expect([p.frames, p.codec, p.hasAudio]).toEqual([24, 'vp9', true]);
    expect(Math.abs(p.audioDurationS - 1)).toBeLessThanOrEqual(1 / 24);
  });

  it('names a corrupt segment and leaves the existing output alone', async () => {
    const ffmpeg = await realFfmpeg();
    const d = tempDir('bad');
    const good = path.join(d, 'good.mp4');
    await segment(good, 5, 24);
    const bad = path.join(d, 'bad.mp4');
    writeFileSync(bad, 'not a video at all');
    const out = path.join(d, 'final.mp4');
    writeFileSync(out, 'previous');
    const err = (await concatSegments({ ffmpeg, segments: [good, bad], output: out }).catch((e: unknown) => e)) as GlyphreelError;
    expect(err.code).toBe('E_INPUT');
    expect(err.message).toBe(`cannot read ${bad}: moov atom not found; Invalid data found when processing input`);
    // Told the wrong frame counts, the join itself notices the shortfall after the fact.
    const err2 = (await concatSegments({ ffmpeg, segments: [{ path: good, frames: 5 }, { path: bad, frames: 9 }], fps: 24, output: out }).catch((e: unknown) => e)) as GlyphreelError;
    expect(err2.code).toBe('E_RENDER');
    expect(err2.message).toBe(`joining 2 segments into ${out} gave 5 frames, the segments hold 14`);
    expect(readFileSync(out, 'utf8')).toBe('previous');
    expect(readdirSync(d).sort()).toEqual(['bad.mp4', 'final.mp4', 'good.mp4']);
  });
});
