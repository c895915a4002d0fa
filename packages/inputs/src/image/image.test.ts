import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
});
