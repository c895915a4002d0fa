import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { GlyphreelError } from '@glyphreel/core';
import { clickTrack, synthesizeAudio } from './synth.js';
import { decodePcm, realFfmpeg, removeTempDirs, tempDir } from './test-utils/ffmpeg.js';

afterAll(removeTempDirs);

describe('clickTrack', () => {
  it('starts a click on the first sample at or after every beat and is silent between', async () => {
    const ffmpeg = await realFfmpeg();
    const file = path.join(tempDir('synth'), 'click.wav');
    // 128 bpm at 44.1 kHz: 20671.875 samples per beat, so onsets fall between samples and must be rounded up.
    const r = await clickTrack(file, { ffmpeg, bpm: 128, durationS: 2 });
    expect(r.samples).toBe(88200);
    expect(r.beatsS.map((t) => Math.round(t * 44100))).toEqual([0, 20672, 41344, 62016, 82688]);
    const pcm = await decodePcm(ffmpeg.path, file);
    expect(pcm.length).toBe(88200);
    // Onsets: the first non-zero sample after silence (the burst starts at full level: cos(0)).
    const onsets: number[] = [];
    let lastLoud = -10000;
    for (let i = 0; i < pcm.length; i++) {
      if (Math.abs(pcm[i] as number) > 0) {
        if (i - lastLoud > 1000) onsets.push(i);
        lastLoud = i;
      }
    }
    expect(onsets).toEqual([0, 20672, 41344, 62016, 82688]);
    expect(pcm[0]).toBeGreaterThan(29000);
    // Burst length ~10 ms, nothing between bursts.
    expect(Math.abs(pcm[20672 + 500] as number)).toBe(0);
  });
});

describe('synthesizeAudio', () => {
  it('writes the exact length, deterministically, with a loud beat and quieter in-between', async () => {
    const ffmpeg = await realFfmpeg();
    const d = tempDir('synth');
    const a = path.join(d, 'a.wav');
    const b = path.join(d, 'b.wav');
    const r = await synthesizeAudio(a, { ffmpeg, durationS: 2, bpm: 120, sampleRate: 22050 });
    await synthesizeAudio(b, { ffmpeg, durationS: 2, bpm: 120, sampleRate: 22050 });
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(r.beatsS).toEqual([0, 0.5, 1, 1.5]);
    expect(statSync(a).size).toBe(44 + 44100 * 2);
    const pcm = await decodePcm(ffmpeg.path, a);
    const rms = (from: number, to: number) => {
      let s = 0;
      for (let i = from; i < to; i++) s += (pcm[i] as number) ** 2;
      return Math.sqrt(s / (to - from));
    };
    const onBeat = rms(11025, 11025 + 1100); // first 50 ms after beat 2
    const between = rms(11025 + 3300, 11025 + 4400); // 150–200 ms after it
    expect(onBeat).toBeGreaterThan(2 * between);
    expect(between).toBeGreaterThan(300); // bass and pad keep sounding
  });

  it('rejects nonsense options', async () => {
    const ffmpeg = await realFfmpeg();
    const err = (await synthesizeAudio(path.join(tempDir('synth'), 'x.wav'), { ffmpeg, durationS: 0 }).catch((e: unknown) => e)) as GlyphreelError;
    expect([err.code, err.message]).toEqual(['E_USAGE', 'audio duration 0 s is invalid']);
  });
});
