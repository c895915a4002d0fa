import { afterAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { brightnessTimestamps, verifyBrightness } from './brightness.js';
import { openEncoder } from './encoder.js';
import { realFfmpeg, removeTempDirs, tempDir } from './test-utils/ffmpeg.js';

afterAll(removeTempDirs);

const W = 64;
const H = 36;

/** 2 s at 12 fps: black for the first second, then mid grey (128). */
async function halfBlack(out: string) {
  const ffmpeg = await realFfmpeg();
  const enc = await openEncoder({ ffmpeg, width: W, height: H, fps: 12, output: out, quality: 'draft', crf: 10 });
  const buf = new Uint8Array(W * H * 3);
  for (let i = 0; i < 24; i++) {
    buf.fill(i < 12 ? 0 : 128);
    await enc.write(buf);
  }
  await enc.close();
}

describe('verifyBrightness', () => {
  it('flags the dark timestamps, measures the bright ones, and reports times past the end', async () => {
    const ffmpeg = await realFfmpeg();
    const out = path.join(tempDir('bright'), 'v.mp4');
    await halfBlack(out);
    const r = await verifyBrightness(out, [0.2, 0.9, 1.5, 5], { ffmpeg });
    expect(r.samples.map((s) => s.t)).toEqual([0.2, 0.9, 1.5]);
    expect(r.dark).toEqual([0.2, 0.9]);
    expect(r.missing).toEqual([5]);
    expect(r.samples[0]?.mean).toBe(0);
    expect(r.samples[0]?.max).toBe(0);
    expect(Math.abs((r.samples[2]?.mean ?? 0) - 128)).toBeLessThanOrEqual(2);
    expect(r.warnings).toEqual([
      't=0.2s is too dark: mean 0.0 < 5 (raise the effects\' brightness floor or the tonemap gamma)',
      't=0.9s is too dark: mean 0.0 < 5 (raise the effects\' brightness floor or the tonemap gamma)',
      't=5s: no frame (the video is 2.00 s long)',
    ]);
  });

  it('skips the probe for a file whose size the caller knows, with the same report', async () => {
    const ffmpeg = await realFfmpeg();
    const out = path.join(tempDir('bright'), 'v.mp4');
    await halfBlack(out);
    const probed = await verifyBrightness(out, [0.2, 1.5, 5], { ffmpeg });
    const known = await verifyBrightness(out, [0.2, 1.5, 5], { ffmpeg, known: { width: W, height: H, durationS: 2 } });
    expect(known).toEqual(probed);
    // What it is told is what it uses: told a larger frame, every decoded frame is short, i.e. missing.
    const wrong = await verifyBrightness(out, [0.2, 1.5], { ffmpeg, known: { width: W * 2, height: H, durationS: 2 } });
    expect(wrong.missing).toEqual([0.2, 1.5]);
  });

  it('uses a configurable quiet threshold', async () => {
    const ffmpeg = await realFfmpeg();
    const out = path.join(tempDir('bright'), 'v.mp4');
    await halfBlack(out);
    const r = await verifyBrightness(out, [1.5], { ffmpeg, quietThreshold: 200 });
    expect(r.dark).toEqual([1.5]);
  });

  it("picks the seed's spot-check times that fit the video", () => {
    expect(brightnessTimestamps(200)).toEqual([2, 30, 60, 120, 180]);
    expect(brightnessTimestamps(45)).toEqual([2, 30]);
    expect(brightnessTimestamps(10)).toEqual([2, 5]);
    expect(brightnessTimestamps(1)).toEqual([0.5]);
  });

  it('snaps the spot checks to frames the video holds when told its rate', () => {
    expect(brightnessTimestamps(200, 24)).toEqual([2, 30, 60, 120, 180]);
    expect(brightnessTimestamps(10, 24)).toEqual([2, 5]);
    expect(brightnessTimestamps(1 / 24, 24)).toEqual([0]);
    expect(brightnessTimestamps(2 / 24, 24)).toEqual([0.041667]);
    // `--frames 30-40` at 30 fps: 10 frames, the middle is frame 5
    expect(brightnessTimestamps(10 / 30, 30)).toEqual([0.166667]);
    expect(brightnessTimestamps(5 / 29.97, 29.97)).toEqual([Math.round((2 / 29.97) * 1e6) / 1e6]);
  });

  for (const n of [1, 2, 11]) {
    it(`finds a frame at every spot check of a ${n}-frame video, with and without its rate`, async () => {
      const ffmpeg = await realFfmpeg();
      const out = path.join(tempDir('bright'), `v${n}.mp4`);
      const enc = await openEncoder({ ffmpeg, width: W, height: H, fps: 24, output: out, quality: 'draft', crf: 10 });
      const buf = new Uint8Array(W * H * 3).fill(100);
      for (let i = 0; i < n; i++) await enc.write(buf);
      await enc.close();
      for (const times of [brightnessTimestamps(n / 24, 24), brightnessTimestamps(n / 24)]) {
        const r = await verifyBrightness(out, times, { ffmpeg });
        expect(r.warnings).toEqual([]);
        expect(r.missing).toEqual([]);
        expect(r.samples.length).toBe(times.length);
        for (const s of r.samples) expect(Math.abs(s.mean - 100)).toBeLessThanOrEqual(3);
      }
    });
  }
});
