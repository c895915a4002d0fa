import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Registry } from '@glyphreel/core';
import { validateProject } from '../project/validate.js';
import { buildRegistry } from '../runtime/plugins.js';
import { planFromAudio } from './from-audio.js';

/** A mono 16-bit WAV: 120 BPM kicks, quiet for the first 6 s, loud after. */
function kickWav(file: string, seconds: number, sr = 22050): void {
  const n = seconds * sr;
  const buf = Buffer.alloc(44 + 2 * n);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + 2 * n, 4);
  buf.write('WAVEfmt ', 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(sr, 24);
  buf.writeUInt32LE(2 * sr, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(2 * n, 40);
  for (let i = 0; i < n; i++) {
    const t = i / sr;
    const ph = t % 0.5;
    const kick = Math.exp(-ph * 18) * Math.sin(2 * Math.PI * (50 + 80 * Math.exp(-ph * 30)) * ph);
    buf.writeInt16LE(Math.round(32767 * 0.6 * (t < 6 ? 0.2 : 1) * kick), 44 + 2 * i);
  }
  writeFileSync(file, buf);
}

describe('planFromAudio', () => {
  let dir: string;
  let registry: Registry;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'glyphreel-autoplan-audio-'));
    registry = await buildRegistry();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('analyses a WAV and plans a video as long as the track, cut on its detected beats', async () => {
    const wav = path.join(dir, 'kicks.wav');
    kickWav(wav, 16);
    const opts = { fps: 24, registry, seed: 3, shaders: 'minimal' as const, cacheDir: path.join(dir, 'cache'), audioRef: 'kicks.wav' };
    const { project, sections, features } = await planFromAudio(wav, opts);
    expect(features.table.frames).toBe(16 * 24);
    expect(project.audio).toBe('kicks.wav');
    const spec = validateProject(project, registry);
    expect(spec.durationS).toBe(16);
    const beat = features.table.series('beat');
    for (const s of spec.scenes.slice(1)) expect(beat[Math.round(s.start * 24)]).toBe(1);
    expect(sections[0]!.level).toBe('calm');
    expect(sections[sections.length - 1]!.level).not.toBe('calm');
    // A second plan reads the feature cache and is identical.
    const again = await planFromAudio(wav, opts);
    expect(again.features.fromCache).toBe(true);
    expect(again.project).toEqual(project);
  }, 30_000);

  it('a frame longer than the song: blames the frame rate when it is below 1 fps, else the song', async () => {
    const wav = path.join(dir, 'short.wav');
    kickWav(wav, 1);
    const cacheDir = path.join(dir, 'cache-short');
    await expect(planFromAudio(wav, { fps: 0.05, registry, seed: 1, cacheDir })).rejects.toMatchObject({
      code: 'E_INPUT',
      message: `"${wav}" (1.000 s) is shorter than one video frame (20.000 s at 0.05 fps); nothing to plan`,
      hint: 'use a higher --fps (e.g. 24)',
    });
  }, 30_000);

  it('names the file when it cannot be read', async () => {
    await expect(planFromAudio(path.join(dir, 'missing.mp3'), { fps: 24, registry, seed: 1 })).rejects.toThrow(/missing\.mp3/);
  });
});
