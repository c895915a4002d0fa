import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import { clickTrack } from '@glyphreel/encode';
import { visualBeatTimes } from './beats.js';
import { syncCheck } from './check.js';

const ffmpegPath = ffmpegInstaller.path;
let dir = '';

/** A black 64×64 clip at `fps` with white frames where `enable` (an expression of the frame number n) holds. */
function flashVideo(file: string, fps: number, seconds: number, enable: string): void {
  const r = spawnSync(ffmpegPath, [
    '-nostdin', '-y', '-loglevel', 'error', '-f', 'lavfi', '-i', `color=c=black:s=64x64:r=${fps}:d=${seconds}`,
    '-vf', `drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='${enable}'`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', file,
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`ffmpeg could not make the fixture: ${r.stderr}`);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'glyphreel-sync-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('visualBeatTimes', () => {
  it('finds white flashes at their frames', async () => {
    const file = path.join(dir, 'flashes.mp4');
    flashVideo(file, 25, 2, 'eq(n\\,10)+eq(n\\,23)+between(n\\,37\\,39)');
    const times = await visualBeatTimes(file, { ffmpegPath, fps: 25 });
    expect(times.map((t) => Math.round(t * 25))).toEqual([10, 23, 37]);
    expect(times).toEqual([10 / 25, 23 / 25, 37 / 25]);
    // Resampled to 50 fps, each flash still starts within one output frame of its time.
    const fine = await visualBeatTimes(file, { ffmpegPath, fps: 50 });
    expect(fine).toHaveLength(3);
    [0.4, 0.92, 1.48].forEach((t, k) => expect(Math.abs((fine[k] as number) - t)).toBeLessThanOrEqual(1 / 50 + 1e-9));
    // A jump threshold above white-on-black finds nothing.
    expect(await visualBeatTimes(file, { ffmpegPath, fps: 25, brightnessJump: 255 })).toEqual([]);
  });

  it('fails with E_FFMPEG for a file that is not a video', async () => {
    await expect(visualBeatTimes(path.join(dir, 'missing.mp4'), { ffmpegPath, fps: 24 })).rejects.toMatchObject({ code: 'E_FFMPEG' });
  });
});

describe('syncCheck', () => {
  it('a click track and a video flashing on every beat at 120 BPM are in sync', async () => {
    const audio = path.join(dir, 'clicks.wav');
    const video = path.join(dir, 'beats.mp4');
    const { beatsS } = await clickTrack(audio, { ffmpeg: ffmpegPath, durationS: 6, bpm: 120, sampleRate: 22050 });
    flashVideo(video, 24, 6, 'lt(mod(n\\,12)\\,2)');
    const r = await syncCheck(video, audio, { ffmpegPath, fps: 24, cache: false });
    // Frame 0 cannot be a beat on either side (no peak at the edge, nothing to rise from).
    expect(r.visualBeatsS).toEqual(beatsS.slice(1));
    expect(r.matched).toBeGreaterThanOrEqual(beatsS.length - 2);
    expect(r.unmatchedVisual).toBeLessThanOrEqual(1);
    expect(r.meanDriftMs as number).toBeLessThan(20);
    expect(r.maxDriftMs as number).toBeLessThan(42);
    expect(r.withinTargets).toBe(true);
    process.stdout.write(`syncCheck 120 BPM: ${JSON.stringify({ matched: r.matched, unmatchedAudio: r.unmatchedAudio, unmatchedVisual: r.unmatchedVisual, meanDriftMs: r.meanDriftMs, maxDriftMs: r.maxDriftMs, p95DriftMs: r.p95DriftMs, audio: r.audioBeatsS })}\n`);
  });

  it('reports a constant offset when the picture is one frame late', async () => {
    const audio = path.join(dir, 'clicks2.wav');
    const video = path.join(dir, 'late.mp4');
    await clickTrack(audio, { ffmpeg: ffmpegPath, durationS: 4, bpm: 120, sampleRate: 22050 });
    flashVideo(video, 24, 4, 'between(mod(n\\,12)\\,1\\,2)');
    const r = await syncCheck(video, audio, { ffmpegPath, fps: 24, cache: false });
    expect(r.matched).toBeGreaterThanOrEqual(5);
    expect(r.meanSignedDriftMs as number).toBeCloseTo(1000 / 24, 6);
    expect(r.maxDriftMs as number).toBeCloseTo(1000 / 24, 6);
    expect(r.withinTargets).toBe(false); // mean 41.7 ms ≥ 20 ms
  });
});
