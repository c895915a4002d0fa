import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import {
  createCellLayer, createGeometry, featureFrame, PAL_DEFAULT, Rng, sequentialGlyphIds, validateParams,
  type CellLayer, type FrameContext, type GlyphreelError,
} from '@glyphreel/core';
import { setMediaFfmpegPath } from '../video/ffmpeg-path.js';
import { expandSequence } from './glob.js';
import { imageEffect, sequencePosition, workingSize } from './image-effect.js';
import { loadImage } from './load-image.js';
import { jpegOrientation } from './orientation.js';
import { kenBurnsCrop, resampleCrop, type CropRect } from './resample.js';
import { loadTexture } from './texture.js';

const ffmpegPath = ffmpegInstaller.path;
const FPS = 10;
let dir = '';

/** A PNG from a lavfi colour graph, generated as rgb24 so the pixels are exact. */
function png(name: string, graph: string, pixFmt = 'rgb24'): string {
  const out = path.join(dir, name);
  mkdirSync(path.dirname(out), { recursive: true });
  const r = spawnSync(ffmpegPath, ['-nostdin', '-y', '-loglevel', 'error', '-f', 'lavfi', '-i', `${graph},format=${pixFmt}`, '-frames:v', '1', out], { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`ffmpeg could not make the fixture ${name}`);
  return out;
}

function makeCtx(t: number, state: Record<string, unknown>, durationS = 2): FrameContext {
  return {
    t, frame: Math.round(t * FPS), fps: FPS, progress: Math.min(t / durationS, 1), durationS, features: featureFrame(), state,
    rng: new Rng(1), budget: { particlesMax: 1000, shaders: 'full', gridScale: 1 }, replaying: false,
  };
}

const params = (p: Record<string, unknown>) => validateParams(imageEffect.params, p, { plugin: 'inputs', kind: 'effects', entry: 'image' });
const ids = sequentialGlyphIds();
const grid = createGeometry({ rows: 6, cols: 16, cellWidthPx: 10, cellHeightPx: 20, glyphIds: ids });

async function draw(t: number, state: Record<string, unknown>, p: ReturnType<typeof params>): Promise<CellLayer> {
  const ctx = makeCtx(t, state);
  await imageEffect.prepare!(grid, ctx, p);
  const layer = createCellLayer(grid);
  imageEffect.draw(layer, grid, ctx, p);
  return layer;
}

const colourAt = (l: CellLayer, i: number): number[] => Array.from(l.colors.subarray(i * 3, i * 3 + 3));

beforeAll(() => {
  setMediaFfmpegPath(ffmpegPath);
  dir = mkdtempSync(path.join(tmpdir(), 'glyphreel-image-'));
});
afterAll(() => {
  setMediaFfmpegPath(undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('image effect', () => {
  it('a solid colour image maps to the expected glyph and colour in every cell', async () => {
    const file = png('solid.png', 'color=c=0xC86432:s=64x64');
    const layer = await draw(0, {}, params({ file }));
    // (200, 100, 50): lum 0.48706 → PAL_DEFAULT[⌊0.48706·29⌋ = 14]; 1.5·lum + 0.3 > 1 keeps the colour
    const glyph = grid.glyphIds(PAL_DEFAULT)[14];
    expect(layer.glyphs.every((g) => g === glyph)).toBe(true);
    for (const i of [0, 37, 95]) expect(colourAt(layer, i)).toEqual([200, 100, 50]);
  });

  it('Ken Burns: the crop moves with progress (pan right across a black | white image)', async () => {
    // 4:3 like the grid (16 cells of 10 px by 6 of 20 px), so the border lands on the middle of the working picture
    const file = png('halves.png', 'color=c=black:s=160x240[a];color=c=white:s=160x240[b];[a][b]hstack');
    const p = params({ file, kenburns: true, zoom_start: 2, zoom: 2, pan: 'right' });
    const state: Record<string, unknown> = {};
    const start = await draw(0, state, p);
    const end = await draw(2, state, p);
    const middle = await draw(1, state, p);
    // at zoom 2 the view is one half; only the last column's bilinear taps reach a quarter pixel over the border
    const cols = (l: CellLayer, from: number, to: number): string[] => {
      const out = new Set<string>();
      for (let y = 0; y < 6; y++) for (let x = from; x <= to; x++) out.add(ids.glyphOf(l.glyphs[y * 16 + x] as number));
      return [...out];
    };
    expect(cols(start, 0, 14)).toEqual([' ']); // the left (black) half
    expect(cols(end, 1, 15)).toEqual(['@']); // the right (white) half
    // halfway the view straddles the border: the left half of the grid black, the right half white
    expect(middle.glyphs[2 * 16 + 2]).toBe(0);
    expect(ids.glyphOf(middle.glyphs[2 * 16 + 13] as number)).toBe('@');
    // without kenburns the whole picture shows: left cells black, right cells white
    const still = await draw(1, {}, params({ file }));
    expect(still.glyphs[0]).toBe(0);
    expect(ids.glyphOf(still.glyphs[15] as number)).toBe('@');
  });

  it('a glob plays the files in natural order, each for `hold` seconds, then loops', async () => {
    png('seq/img1.png', 'color=c=0xff0000:s=32x32');
    png('seq/img2.png', 'color=c=0x00ff00:s=32x32');
    png('seq/img10.png', 'color=c=0x0000ff:s=32x32');
    writeFileSync(path.join(dir, 'seq', 'notes.txt'), 'not an image');
    const pattern = path.join(dir, 'seq', 'img*.png');
    expect(expandSequence(pattern).map((f) => path.basename(f))).toEqual(['img1.png', 'img2.png', 'img10.png']);
    const p = params({ file: pattern, hold: 0.5 });
    const state: Record<string, unknown> = {};
    const seen: number[][] = [];
    for (const t of [0, 0.4, 0.5, 1.0, 1.5]) seen.push(colourAt(await draw(t, state, p), 20));
    // red at lum 0.299 → k = 0.7485 → 190; green 0.587 → k 1; blue 0.114 → k 0.471 → 120
    expect(seen).toEqual([[190, 0, 0], [190, 0, 0], [0, 255, 0], [0, 0, 120], [190, 0, 0]]);
    const noLoop = params({ file: pattern, hold: 0.5, loop: false });
    expect(colourAt(await draw(1.5, {}, noLoop), 20)).toEqual([0, 0, 120]);
  });

  it('missing, corrupt and unmatched inputs are one-line E_INPUT errors', async () => {
    const fail = (file: string) => imageEffect.prepare!(grid, makeCtx(0, {}), params({ file })).then(() => null, (x: GlyphreelError) => x);
    const missing = await fail(path.join(dir, 'missing.png'));
    expect(missing?.code).toBe('E_INPUT');
    expect(missing?.message).toBe(`Cannot read "${path.join(dir, 'missing.png')}": no such file`);
    const bad = path.join(dir, 'bad.png');
    writeFileSync(bad, Buffer.alloc(2048, 3));
    const corrupt = await fail(bad);
    expect(corrupt?.code).toBe('E_INPUT');
    expect(corrupt?.message).toMatch(/^Cannot read ".*bad\.png": ffmpeg cannot decode it \(/);
    expect(corrupt?.message).not.toContain('\n');
    const none = await fail(path.join(dir, 'nothing-*.jpg'));
    expect(none?.code).toBe('E_INPUT');
    expect(none?.message).toBe(`Cannot read image sequence "${path.join(dir, 'nothing-*.jpg')}": no files match`);
    const noDir = await fail(path.join(dir, 'no-such-folder', '*.jpg'));
    expect(noDir?.code).toBe('E_INPUT');
    expect(noDir?.message).toBe(`Cannot read image sequence "${path.join(dir, 'no-such-folder', '*.jpg')}": no such directory ${path.join(dir, 'no-such-folder')}`);
    expect(noDir?.hint).toMatch(/^check the folder part of the pattern/);
  });

  it('a sound file given as an image says it has no picture', async () => {
    const mp3 = path.join(dir, 'tone.mp3');
    const r = spawnSync(ffmpegPath, ['-nostdin', '-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'sine=d=1', mp3], { stdio: 'ignore' });
    expect(r.status).toBe(0);
    const err = (await loadImage(mp3, { ffmpegPath, width: 8, height: 8 }).catch((e: unknown) => e)) as GlyphreelError;
    expect([err.code, err.message]).toEqual(['E_INPUT', `${mp3} has no picture`]);
    expect(err.hint).toMatch(/--audio/);
  });
});

describe('image helpers', () => {
  it('kenBurnsCrop interpolates zoom and slides the crop across the slack', () => {
    const r: CropRect = { x: 0, y: 0, width: 0, height: 0 };
    expect(kenBurnsCrop(100, 50, 0, 1, 1.25, 'none', r)).toEqual({ x: 0, y: 0, width: 100, height: 50 });
    expect(kenBurnsCrop(100, 50, 1, 1, 1.25, 'none', r)).toEqual({ x: 10, y: 5, width: 80, height: 40 });
    expect(kenBurnsCrop(100, 50, 0.5, 2, 2, 'left', r)).toEqual({ x: 25, y: 12.5, width: 50, height: 25 });
    expect(kenBurnsCrop(100, 50, 1, 2, 2, 'left', r).x).toBe(0);
    expect(kenBurnsCrop(100, 50, 1, 2, 2, 'down', r).y).toBe(25);
  });

  it('resampleCrop keeps a flat colour exact and averages across a border', () => {
    const src = { width: 4, height: 1, data: new Uint8Array([0, 0, 0, 0, 0, 0, 200, 200, 200, 200, 200, 200]) };
    const out = new Uint8Array(2 * 3);
    resampleCrop(src, { x: 0, y: 0, width: 4, height: 1 }, out, 2, 1);
    expect(Array.from(out)).toEqual([0, 0, 0, 200, 200, 200]);
    resampleCrop(src, { x: 1, y: 0, width: 2, height: 1 }, out, 1, 1);
    expect(Array.from(out.subarray(0, 3))).toEqual([100, 100, 100]);
  });

  it('workingSize keeps the grid proportions with square pixels; sequencePosition clamps or loops', () => {
    expect(workingSize(grid)).toEqual({ width: 32, height: 24 });
    expect(sequencePosition(1.25, 3, 0.5, true)).toEqual({ index: 2, progress: 0.5 });
    expect(sequencePosition(1.5, 3, 0.5, true)).toEqual({ index: 0, progress: 0 });
    expect(sequencePosition(1.5, 3, 0.5, false)).toEqual({ index: 2, progress: 1 });
  });

  it('loadImage composites transparent pixels over black', async () => {
    // left half fully transparent but white underneath, right half opaque red
    const file = png('alpha.png', "color=c=white:s=32x32,format=rgba,geq=r='if(lt(X,16),255,255)':g='if(lt(X,16),255,0)':b='if(lt(X,16),255,0)':a='if(lt(X,16),0,255)'", 'rgba');
    const img = await loadImage(file, { ffmpegPath, width: 4, height: 1 });
    expect(Array.from(img.data)).toEqual([0, 0, 0, 0, 0, 0, 255, 0, 0, 255, 0, 0]);
  });

  it('loadImage decodes at exactly the requested size', async () => {
    const file = png('wide.png', 'color=c=white:s=300x100');
    const img = await loadImage(file, { ffmpegPath, width: 10, height: 10, fit: 'contain' });
    expect(img.data.length).toBe(300);
    expect(Array.from(img.data.subarray(0, 3))).toEqual([0, 0, 0]); // letterbox
    expect(Array.from(img.data.subarray(5 * 30, 5 * 30 + 3))).toEqual([255, 255, 255]);
  });

  it('loadTexture gives per-cell luminance and colours at grid resolution', async () => {
    const file = png('tex.png', 'color=c=0xC86432:s=40x30');
    const tex = await loadTexture(file, grid, { ffmpegPath });
    expect(tex.rgb.length).toBe(16 * 6 * 3);
    expect(Array.from(tex.rgb.subarray(45, 48))).toEqual([200, 100, 50]);
    expect(tex.luminance[15]).toBeCloseTo(124.2 / 255, 6);
  });

  /** A 64×32 JPEG, black with a red band along its top 8 rows, carrying EXIF Orientation `o` (APP1 after SOI). */
  function orientedJpeg(o: number, bigEndian: boolean): string {
    const plain = path.join(dir, 'band.jpg');
    const r = spawnSync(ffmpegPath, ['-nostdin', '-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'color=c=black:s=64x32,drawbox=x=0:y=0:w=64:h=8:color=red:t=fill', '-frames:v', '1', '-q:v', '2', plain], { stdio: 'ignore' });
    if (r.status !== 0) throw new Error('ffmpeg could not make band.jpg');
    const tiff = bigEndian
      ? [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, o, 0, 0, 0, 0, 0, 0]
      : [0x49, 0x49, 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, o, 0, 0, 0, 0, 0, 0, 0];
    const body = [...Buffer.from('Exif\0\0', 'latin1'), ...tiff];
    const app1 = Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 255, ...body]);
    const jpg = readFileSync(plain);
    const out = path.join(dir, `band-${o}-${bigEndian ? 'mm' : 'ii'}.jpg`);
    writeFileSync(out, Buffer.concat([jpg.subarray(0, 2), app1, jpg.subarray(2)]));
    return out;
  }

  /** Whether the pixel at (x, y) is red / black (JPEG leaves a little noise). */
  const red = (img: { width: number; data: Uint8Array }, x: number, y: number) => {
    const i = (y * img.width + x) * 3;
    return img.data[i]! > 180 && img.data[i + 1]! < 70 && img.data[i + 2]! < 70;
  };
  const black = (img: { width: number; data: Uint8Array }, x: number, y: number) => {
    const i = (y * img.width + x) * 3;
    return img.data[i]! < 40 && img.data[i + 1]! < 40 && img.data[i + 2]! < 40;
  };

  it('reads the EXIF orientation of a JPEG in either byte order, and 1 for other files', () => {
    for (const o of [1, 3, 6, 8]) {
      expect(jpegOrientation(orientedJpeg(o, false))).toBe(o);
      expect(jpegOrientation(orientedJpeg(o, true))).toBe(o);
    }
    expect(jpegOrientation(path.join(dir, 'band.jpg'))).toBe(1);
    expect(jpegOrientation(png('plain.png', 'color=c=white:s=8x8'))).toBe(1);
    expect(jpegOrientation(path.join(dir, 'missing.jpg'))).toBe(1);
  });

  it('loadImage turns a JPEG upright by its EXIF orientation (6: band on the right, 3: bottom, 8: left)', async () => {
    for (const bigEndian of [false, true]) {
      // 6: stored sideways, shown turned 90° clockwise: 32×64, the top band becomes the right-hand columns
      const six = await loadImage(orientedJpeg(6, bigEndian), { ffmpegPath, width: 16, height: 32 });
      expect([red(six, 14, 16), red(six, 15, 2), red(six, 15, 30), black(six, 1, 16), black(six, 8, 16)]).toEqual([true, true, true, true, true]);
      // 8: turned 90° counter-clockwise: the band is on the left
      const eight = await loadImage(orientedJpeg(8, bigEndian), { ffmpegPath, width: 16, height: 32 });
      expect([red(eight, 1, 16), red(eight, 0, 30), black(eight, 14, 16), black(eight, 8, 16)]).toEqual([true, true, true, true]);
      // 3: upside down: the band is along the bottom
      const three = await loadImage(orientedJpeg(3, bigEndian), { ffmpegPath, width: 32, height: 16 });
      expect([red(three, 16, 15), red(three, 2, 14), black(three, 16, 1), black(three, 16, 8)]).toEqual([true, true, true, true]);
    }
    // without the tag the band stays on top
    const plain = await loadImage(path.join(dir, 'band.jpg'), { ffmpegPath, width: 32, height: 16 });
    expect([red(plain, 16, 1), black(plain, 16, 14)]).toEqual([true, true]);
  });
});

