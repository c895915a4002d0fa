import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import {
  createCellLayer, createGeometry, featureFrame, PAL_BOX, PAL_DEFAULT, Registry, Rng, sequentialGlyphIds, validateParams,
  type CellLayer, type FrameContext, type GlyphreelError, type GridGeometry,
} from '@glyphreel/core';
import { setMediaFfmpegPath } from './ffmpeg-path.js';
import { directionalEdgeIds, frameToCells } from './frame-to-cells.js';
import { inputsPlugin } from '../plugin.js';
import { mediaEffects } from './index.js';
import { openVideoReader, type VideoReader } from './reader.js';
import { videoEffect } from './video-effect.js';

const ffmpegPath = ffmpegInstaller.path;
const FPS = 24;
let dir = '';
let clip = '';

function makeCtx(frame: number, state: Record<string, unknown>, durationS = 4): FrameContext {
  const t = frame / FPS;
  return {
    t, frame, fps: FPS, progress: Math.min(t / durationS, 1), durationS, features: featureFrame(), state, rng: new Rng(1),
    budget: { particlesMax: 1000, shaders: 'full', gridScale: 1 }, replaying: false,
  };
}

const params = (p: Record<string, unknown>) => validateParams(videoEffect.params, p, { plugin: 'inputs', kind: 'effects', entry: 'video' });

async function drawFrame(grid: GridGeometry, frame: number, state: Record<string, unknown>, p: ReturnType<typeof params>): Promise<CellLayer> {
  const ctx = makeCtx(frame, state);
  await videoEffect.prepare!(grid, ctx, p);
  const layer = createCellLayer(grid);
  videoEffect.draw(layer, grid, ctx, p);
  return layer;
}

/** What frameToCells makes of the frames a fresh reader at `startS` returns (the reference the effect must match). */
async function expected(grid: GridGeometry, startS: number, count: number): Promise<CellLayer[]> {
  const r: VideoReader = openVideoReader({ ffmpegPath, file: clip, width: grid.cols, height: grid.rows, fps: FPS, startS, pixelAspect: grid.cellAspect });
  const out: CellLayer[] = [];
  for (let k = 0; k < count; k++) {
    const layer = createCellLayer(grid);
    frameToCells((await r.read())!, grid, layer, { palette: grid.glyphIds(PAL_DEFAULT) });
    out.push(layer);
  }
  await r.close();
  return out;
}

const same = (a: CellLayer, b: CellLayer): boolean => Buffer.compare(Buffer.from(a.glyphs.buffer), Buffer.from(b.glyphs.buffer)) === 0 && Buffer.compare(a.colors, b.colors) === 0;

beforeAll(() => {
  setMediaFfmpegPath(ffmpegPath);
  dir = mkdtempSync(path.join(tmpdir(), 'glyphreel-veffect-'));
  clip = path.join(dir, 'clip.mp4');
  const r = spawnSync(ffmpegPath, ['-nostdin', '-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=24:duration=2',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv444p', clip], { stdio: 'ignore' });
  if (r.status !== 0) throw new Error('ffmpeg could not make the fixture');
});
afterAll(() => {
  setMediaFfmpegPath(undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('video effect', () => {
  const grid = createGeometry({ rows: 9, cols: 32, cellWidthPx: 10, cellHeightPx: 20, glyphIds: sequentialGlyphIds() });

  it('is registered with the image effect, and file defaults to empty (required)', async () => {
    expect(mediaEffects.map((e) => e.name)).toEqual(['video', 'image']);
    const registry = new Registry().register(inputsPlugin, { builtin: true });
    expect(registry.has('effects', 'inputs/video')).toBe(true);
    expect(registry.has('effects', 'inputs/image')).toBe(true);
    expect(() => params({})).toThrow('inputs/video (effects): parameter "file" is required');
    // called directly with the schema default, prepare refuses too
    const e = await videoEffect.prepare!(grid, makeCtx(0, {}), { ...params({ file: 'x' }), file: '' }).then(() => null, (x: GlyphreelError) => x);
    expect(e?.message).toBe('inputs/video: parameter "file" is required');
  });

  it('prepare/draw on consecutive frames shows consecutive video frames; dispose leaves no ffmpeg behind', async () => {
    const state: Record<string, unknown> = {};
    const p = params({ file: clip });
    const ref = await expected(grid, 0, 2);
    const a = await drawFrame(grid, 0, state, p);
    const b = await drawFrame(grid, 1, state, p);
    expect(same(a, ref[0]!)).toBe(true);
    expect(same(b, ref[1]!)).toBe(true);
    expect(same(a, b)).toBe(false);
    const pid = (state['inputs.video'] as { reader: VideoReader }).reader.pid as number;
    expect(() => process.kill(pid, 0)).not.toThrow();
    await videoEffect.dispose!(state);
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('a jump (a work unit starting mid-scene) reopens at the new time', async () => {
    const state: Record<string, unknown> = {};
    const p = params({ file: clip, start: 0.5 });
    await drawFrame(grid, 0, state, p);
    const jumped = await drawFrame(grid, 30, state, p);
    const [ref] = await expected(grid, 0.5 + 30 / FPS, 1);
    expect(same(jumped, ref!)).toBe(true);
    await videoEffect.dispose!(state);
  });

  it('loop wraps to the start after the video; without loop the last frame is held', async () => {
    const [first] = await expected(grid, 0, 1);
    const looped: Record<string, unknown> = {};
    const lp = params({ file: clip, loop: true });
    await drawFrame(grid, 47, looped, lp);
    expect(same(await drawFrame(grid, 48, looped, lp), first!)).toBe(true);
    await videoEffect.dispose!(looped);

    const held: Record<string, unknown> = {};
    const hp = params({ file: clip });
    const last = await drawFrame(grid, 47, held, hp);
    expect(same(await drawFrame(grid, 48, held, hp), last)).toBe(true);
    expect(same(await drawFrame(grid, 49, held, hp), last)).toBe(true);
    await videoEffect.dispose!(held);

    // a work unit that starts past the end shows the same last frame
    const late: Record<string, unknown> = {};
    expect(same(await drawFrame(grid, 100, late, hp), last)).toBe(true);
    await videoEffect.dispose!(late);
  });

  it('edges mode draws direction glyphs from the box palette', async () => {
    const state: Record<string, unknown> = {};
    const layer = await drawFrame(grid, 0, state, params({ file: clip, mode: 'edges' }));
    await videoEffect.dispose!(state);
    const r = openVideoReader({ ffmpegPath, file: clip, width: grid.cols, height: grid.rows, fps: FPS, pixelAspect: grid.cellAspect });
    const ref = createCellLayer(grid);
    frameToCells((await r.read())!, grid, ref, { palette: grid.glyphIds(PAL_DEFAULT), mode: 'edges', edgeGlyphs: directionalEdgeIds(grid, PAL_BOX)! });
    await r.close();
    expect(same(layer, ref)).toBe(true);
    const box = new Set(Array.from(grid.glyphIds('─│┌┐└┘')));
    expect(Array.from(layer.glyphs).filter((g) => box.has(g)).length).toBeGreaterThan(10);
  });

  it('does not draw while replaying', () => {
    const layer = createCellLayer(grid);
    layer.glyphs.fill(7);
    videoEffect.draw(layer, grid, { ...makeCtx(3, {}), replaying: true }, params({ file: clip }));
    expect(layer.glyphs.every((g) => g === 7)).toBe(true);
  });

  it('a missing file fails prepare with E_INPUT', async () => {
    const e = await videoEffect.prepare!(grid, makeCtx(0, {}), params({ file: path.join(dir, 'none.mp4') })).then(() => null, (x: GlyphreelError) => x);
    expect(e?.code).toBe('E_INPUT');
    expect(e?.message).toContain('no such file');
  });
});
