import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import { GlyphreelError } from '@glyphreel/core';
import { runFfmpeg } from '@glyphreel/encode';
import { decodeAudio } from '../audio/decode.js';
import { mixNarration } from './mix.js';

const ffmpegPath = ffmpegInstaller.path;
const dir = mkdtempSync(path.join(os.tmpdir(), 'glyphreel-narration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tone = async (name: string, hz: number, seconds: number, volume = 0.5) => {
  const file = path.join(dir, name);
  await runFfmpeg(ffmpegPath, ['-y', '-f', 'lavfi', '-i', `sine=frequency=${hz}:duration=${seconds}:sample_rate=44100`, '-af', `volume=${volume}`, file], { what: 'making a tone' });
  return file;
};

/** Power of one frequency in a stretch of samples (Goertzel), normalized by length. */
function power(x: Float32Array, sr: number, hz: number, fromS: number, toS: number): number {
  const a = Math.floor(fromS * sr);
  const b = Math.floor(toS * sr);
  const w = (2 * Math.PI * hz) / sr;
  const c = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  for (let i = a; i < b; i++) {
    const s0 = (x[i] as number) + c * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return (s1 * s1 + s2 * s2 - c * s1 * s2) / ((b - a) * (b - a));
}

let music = '';
let voice1 = '';
let voice2 = '';
beforeAll(async () => {
  music = await tone('music.wav', 110, 12, 0.8);
  voice1 = await tone('voice1.wav', 880, 1.5);
  voice2 = await tone('voice2.wav', 1500, 1);
}, 30000);

describe('mixNarration', () => {
  it('places clips after the intro with the catalog gap, over the music, for exactly the music length', async () => {
    const out = path.join(dir, 'mix.wav');
    const r = await mixNarration({ ffmpegPath, music, clips: [{ file: voice1 }, { file: voice2 }], output: out });
    expect(r.durationS).toBeCloseTo(12, 2);
    // gap = max(1, (12 − 2.5 − 5 − 4)/1) = 1
    expect(r.clips.map((c) => [c.startS, +c.endS.toFixed(2)])).toEqual([[5, 6.5], [7.5, 8.5]]);
    const sr = 22050;
    const pcm = await decodeAudio(out, { ffmpegPath, sampleRate: sr });
    expect(Math.abs(pcm.length / sr - 12)).toBeLessThan(0.01);
    const v1In = power(pcm, sr, 880, 5.2, 6.3);
    const v1Out = power(pcm, sr, 880, 2, 3.1);
    const v2In = power(pcm, sr, 1500, 7.6, 8.4);
    const v2Out = power(pcm, sr, 1500, 5.2, 6.3);
    expect(v1In).toBeGreaterThan(100 * v1Out);
    expect(v2In).toBeGreaterThan(100 * v2Out);
    // The music is there all along, under the voice (ducked to 0.15 after loudness normalization).
    expect(power(pcm, sr, 110, 1, 2)).toBeGreaterThan(100 * power(pcm, sr, 880, 1, 2));
  }, 60000);

  it('honours explicit times and a given duration; narration alone works', async () => {
    const out = path.join(dir, 'voice-only.wav');
    const r = await mixNarration({ ffmpegPath, clips: [{ file: voice1, atS: 2 }], durationS: 6, output: out });
    expect(r.clips[0]).toMatchObject({ startS: 2 });
    const pcm = await decodeAudio(out, { ffmpegPath, sampleRate: 22050 });
    expect(Math.abs(pcm.length / 22050 - 6)).toBeLessThan(0.01);
    expect(power(pcm, 22050, 880, 2.2, 3.3)).toBeGreaterThan(100 * power(pcm, 22050, 880, 4, 5.5));
  }, 60000);

  it('keeps the music level constant after the clips end (no amix re-weighting)', async () => {
    // 110 Hz music under clips at 880 and 1500 Hz (5–6.5 s and 7.5–8.5 s): the Goertzel power at 110 Hz is the
    // music alone. Before the fix amix re-weighted its inputs once a clip ended and the music rose by 9.5 dB.
    const out = path.join(dir, 'level.wav');
    await mixNarration({ ffmpegPath, music, clips: [{ file: voice1 }, { file: voice2 }], output: out });
    const sr = 22050;
    const pcm = await decodeAudio(out, { ffmpegPath, sampleRate: sr });
    const db = (from: number, to: number) => 10 * Math.log10(power(pcm, sr, 110, from, to));
    const during = db(5.2, 6.3);
    const between = db(6.7, 7.3);
    const after = db(10, 11.8);
    expect(Math.abs(after - during)).toBeLessThan(1);
    expect(Math.abs(between - during)).toBeLessThan(1);
    expect(Math.abs(db(2, 4.8) - during)).toBeLessThan(1);
  }, 60000);

  it('keeps a lone voice at its level when the music ends before the mix does', async () => {
    // The music (2 s) ends long before the 6 s mix: the voice at 3 s must keep the level it has with no music.
    const shortMusic = await tone('short-music.wav', 110, 2, 0.8);
    const a = path.join(dir, 'with-short-music.wav');
    const b = path.join(dir, 'voice-alone.wav');
    await mixNarration({ ffmpegPath, music: shortMusic, clips: [{ file: voice1, atS: 3 }], durationS: 6, output: a });
    await mixNarration({ ffmpegPath, clips: [{ file: voice1, atS: 3 }], durationS: 6, output: b });
    const sr = 22050;
    const pa = await decodeAudio(a, { ffmpegPath, sampleRate: sr });
    const pb = await decodeAudio(b, { ffmpegPath, sampleRate: sr });
    const ratioDb = 10 * Math.log10(power(pa, sr, 880, 3.2, 4.3) / power(pb, sr, 880, 3.2, 4.3));
    expect(Math.abs(ratioDb)).toBeLessThan(1);
  }, 60000);

  it('rejects clips that start or run past the end, and unreadable files, with one line', async () => {
    await expect(mixNarration({ ffmpegPath, music, clips: [{ file: voice1, atS: 30 }], output: path.join(dir, 'x.wav') })).rejects.toThrow(
      /narration clip .*voice1\.wav starts at 30\.00 s, after the end \(12\.00 s\)/,
    );
    // voice1 lasts 1.5 s: at 11 s it would run to 12.5 s of a 12 s song.
    const late = mixNarration({ ffmpegPath, music, clips: [{ file: voice1, atS: 11 }], output: path.join(dir, 'late.wav') });
    await expect(late).rejects.toMatchObject({ code: 'E_USAGE' });
    await expect(late).rejects.toThrow(/narration clip .*voice1\.wav runs from 11\.00 to 12\.50 s, past the end \(12\.00 s\): its last 0\.50 s would be cut$/);
    // Automatic placement that overruns is reported the same way (5 s intro + 1.5 + 1 gap + 1 s > 7 s).
    await expect(mixNarration({ ffmpegPath, clips: [{ file: voice1 }, { file: voice2 }], durationS: 8, output: path.join(dir, 'auto.wav') })).rejects.toThrow(
      /voice2\.wav runs from 7\.50 to 8\.50 s, past the end \(8\.00 s\)/,
    );
    // Ending exactly at the end is fine.
    const r = await mixNarration({ ffmpegPath, music, clips: [{ file: voice1, atS: 10.5 }], output: path.join(dir, 'flush.wav') });
    expect(r.clips[0]!.endS).toBeCloseTo(12, 2);
    const missing = mixNarration({ ffmpegPath, clips: [{ file: path.join(dir, 'nope.mp3') }], output: path.join(dir, 'y.wav') });
    await expect(missing).rejects.toBeInstanceOf(GlyphreelError);
    await expect(missing).rejects.toThrow(/Cannot read narration clip .*nope\.mp3/);
  }, 60000);
});
