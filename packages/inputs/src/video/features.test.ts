import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import { VIDEO_FEATURES } from '@glyphreel/core';
import { FrameMeasurer, videoFeatures } from './features.js';

const ffmpegPath = ffmpegInstaller.path;
let dir = '';

function lavfi(name: string, args: string[]): string {
  const out = path.join(dir, name);
  const r = spawnSync(ffmpegPath, ['-nostdin', '-y', '-loglevel', 'error', ...args, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv444p', out], { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`ffmpeg could not make the fixture ${name}`);
  return out;
}

const mean = (a: Float32Array, from: number, to: number): number => {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i] as number;
  return s / (to - from);
};

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'glyphreel-vfeat-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('videoFeatures', () => {
  it('motion is high while a white box moves and zero once it stops', async () => {
    // a 20×20 white box crossing a black 160×90 frame at 100 px/s for 1 s, then standing still for 1 s
    const file = lavfi('box.mp4', ['-f', 'lavfi', '-i',
      "color=c=black:s=160x90:d=2:r=24[bg];color=c=white:s=20x20:d=2:r=24[box];[bg][box]overlay=x='min(t,1)*100':y=35:shortest=1"]);
    const table = await videoFeatures({ ffmpegPath, file, fps: 24, frames: 48 });
    expect(table.names).toEqual(VIDEO_FEATURES);
    expect(table.frames).toBe(48);
    const motion = table.series('motion');
    expect(motion[0]).toBe(0); // the first frame has no previous frame
    expect(mean(motion, 2, 22)).toBeGreaterThan(0.5);
    // once the box stops, prev converges to it (prev ← 0.7·cur + 0.3·prev): below 1/30 of normalized motion in 4 frames
    for (let i = 30; i < 48; i++) expect(motion[i]).toBeLessThan(0.02);
    // the box is the only edge source and it is always visible: edge density stays within a narrow band
    const raw = await videoFeatures({ ffmpegPath, file, fps: 24, frames: 48, normalize: false });
    const edges = raw.series('edge_density');
    expect(edges[40]).toBeGreaterThan(0.01);
    expect(edges[40]).toBeLessThan(0.1);
    expect(raw.series('brightness')[40]).toBeCloseTo(400 / (160 * 90), 2);
  });

  it('brightness of a black clip is 0 and of a white clip 1 (raw); a black→white clip normalizes to 0 then 1', async () => {
    const black = lavfi('black.mp4', ['-f', 'lavfi', '-i', 'color=c=black:s=64x36:d=0.5:r=24']);
    const white = lavfi('white.mp4', ['-f', 'lavfi', '-i', 'color=c=white:s=64x36:d=0.5:r=24']);
    const b = await videoFeatures({ ffmpegPath, file: black, fps: 24, frames: 12, normalize: false });
    const w = await videoFeatures({ ffmpegPath, file: white, fps: 24, frames: 12, normalize: false });
    expect(Array.from(b.series('brightness'))).toEqual(new Array(12).fill(0));
    expect(Array.from(w.series('brightness'))).toEqual(new Array(12).fill(1));
    expect(w.series('contrast')[5]).toBe(0);
    expect(w.series('dominant_hue')[5]).toBe(0); // grey votes for no hue
    const bw = lavfi('bw.mp4', ['-f', 'lavfi', '-i', 'color=c=black:s=64x36:d=0.5:r=24[a];color=c=white:s=64x36:d=0.5:r=24[b];[a][b]concat=n=2:v=1']);
    const n = await videoFeatures({ ffmpegPath, file: bw, fps: 24, frames: 30 });
    const br = n.series('brightness');
    expect(br[0]).toBe(0);
    expect(br[11]).toBe(0);
    expect(br[12]).toBeCloseTo(1, 6);
    // past the video's 24 frames the last values repeat
    expect(br[29]).toBeCloseTo(1, 6);
  });

  it('dominant_hue names the hue of a saturated clip without rescaling', async () => {
    const red = lavfi('red.mp4', ['-f', 'lavfi', '-i', 'color=c=0x0000ff:s=64x36:d=0.25:r=24']);
    const t = await videoFeatures({ ffmpegPath, file: red, fps: 24, frames: 6 });
    // blue is hue 2/3: bin 24 of 36, centre 24.5/36
    expect(t.series('dominant_hue')[3]).toBeCloseTo(24.5 / 36, 6);
  });
});

describe('FrameMeasurer', () => {
  it('measures contrast and colour variance of a half black, half white picture', () => {
    const m = new FrameMeasurer(4, 2);
    const rgb = new Uint8Array(4 * 2 * 3);
    for (let y = 0; y < 2; y++) rgb.fill(255, (y * 4 + 2) * 3, (y * 4 + 4) * 3);
    const v = m.measure(rgb);
    expect(v[0]).toBeCloseTo(0.5, 9); // brightness
    expect(v[1]).toBeCloseTo(127.5 / 128, 9); // contrast: std 127.5
    expect(v[3]).toBe(0); // first frame: no motion
    expect(v[5]).toBeCloseTo(127.5 / 128, 9);
    const inverted = rgb.map((x) => 255 - x);
    // every pixel changed by 255 → the motion map is clamped to 1 everywhere
    expect(m.measure(inverted)[3]).toBe(1);
  });
});
