import { describe, expect, it } from '@jest/globals';
import { createFrame, isGlyphreelError, Rng, wasmArena, type RgbFrame } from '@glyphreel/core';
import { blitLayer, blitLayerMapped, createGrid, createSceneRenderer, layerHistogram, type Grid } from './index.js';
import { visibleLayer } from './blit.js';
import { histogramLoop } from './mapped.js';
import { arenaFrame, randomFrame, randomLayer } from './test-utils/layers.js';

const quiet = () => undefined;
const PALETTE = ' .:-=+*#%@░▒▓█▀▄▌▐╬╳○●◆◇abcxyzABCXYZ0123456789';

/** What the fast paths must equal: the layer drawn on a black frame, by the plain blit. */
function drawnOnBlack(grid: Grid, layer: ReturnType<typeof randomLayer>, width: number, height: number): RgbFrame {
  const f = createFrame(width, height);
  blitLayer(grid.blitTable(width), grid, layer, f);
  return f;
}

/** The histogram tonemap takes of a drawn frame: every channel of the pixels at rows and columns 0, step, … */
function stridedHistogram(f: RgbFrame, step: number): { hist: number[]; n: number } {
  const hist = new Array<number>(256).fill(0);
  let n = 0;
  for (let y = 0; y < f.height; y += step) {
    for (let x = 0; x < f.width; x += step) {
      for (let k = 0; k < 3; k++) hist[f.data[(y * f.width + x) * 3 + k]!]!++;
      n += 3;
    }
  }
  return { hist, n };
}

/** A random non-decreasing map with black and white points, like tonemap's tables. */
function randomMap(rng: Rng): Uint8Array {
  const m = new Uint8Array(256);
  let v = Math.floor(rng.next() * 8);
  for (let i = 0; i < 256; i++) {
    if (rng.next() < 0.6) v = Math.min(255, v + Math.floor(rng.next() * 3));
    m[i] = v;
  }
  return m;
}

const CASES = [
  ['960×540 md', 960, 540, 'md', 0],
  ['203×97 sm: odd offsets', 203, 97, 'sm', 0],
  ['320×140 lg in a frame 45 px shorter than its grid (cells cut off at the bottom)', 320, 140, 'lg', 45],
  ['portrait xl', 360, 640, 'xl', 0],
  ['one xl cell, with margins', 17, 31, 'xl', 0],
] as const;

describe('layerHistogram', () => {
  it.each(CASES)('counts what a strided histogram of the drawn frame counts: %s', (_name, width, height, size, cropPx) => {
    wasmArena(); // the kernel path needs this thread's arena
    const grid = createGrid({ width, height: height + cropPx, size, onWarning: quiet });
    const rng = new Rng(11 + width);
    const layer = randomLayer(grid, rng, grid.glyphIds(PALETTE));
    const drawn = drawnOnBlack(grid, layer, width, height);
    for (const step of [4, 3, 1]) {
      const want = stridedHistogram(drawn, step);
      const viaKernel = new Int32Array(256);
      expect(layerHistogram(grid.blitTable(width), grid, layer, width, height, step, viaKernel)).toBe(want.n);
      expect(Array.from(viaKernel)).toEqual(want.hist);
      // The JavaScript loop (threads without an arena) counts the same non-zero values.
      const viaLoop = new Int32Array(256);
      const nonZero = histogramLoop(grid.blitTable(width), grid, visibleLayer(grid, layer, width, height), step, viaLoop);
      expect(nonZero).toBe(want.n - want.hist[0]!);
      expect(Array.from(viaLoop.subarray(1))).toEqual(want.hist.slice(1));
    }
    // A drawn layer has something to count (the one-cell frame may draw nothing on the sampled pixels).
    if (width > 100) expect(stridedHistogram(drawn, 4).hist.slice(1).some((c) => c > 0)).toBe(true);
  });

  it('adds to the bins it is given (several layers into one histogram)', () => {
    const grid = createGrid({ width: 400, height: 240, size: 'md', onWarning: quiet });
    const layer = randomLayer(grid, new Rng(2), grid.glyphIds('#@'));
    const hist = new Int32Array(256);
    const n1 = grid.histogram(layer, 400, 240, 4, hist);
    const once = Array.from(hist);
    const n2 = grid.histogram(layer, 400, 240, 4, hist);
    expect(n2).toBe(n1);
    expect(Array.from(hist)).toEqual(once.map((c) => 2 * c));
  });

  it('rejects a bad step or a short histogram', () => {
    const grid = createGrid({ width: 100, height: 60, size: 'md', onWarning: quiet });
    const layer = grid.createLayer();
    expect(() => grid.histogram(layer, 100, 60, 0, new Int32Array(256))).toThrow(/step 0 is invalid/);
    expect(() => grid.histogram(layer, 100, 60, 4, new Int32Array(10))).toThrow(/10 bins; expected 256/);
  });
});

describe('blitLayerMapped', () => {
  it.each(CASES)('equals the layer drawn on black with every byte then mapped: %s', (_name, width, height, size, cropPx) => {
    const grid = createGrid({ width, height: height + cropPx, size, onWarning: quiet });
    const rng = new Rng(5 + height);
    const layer = randomLayer(grid, rng, grid.glyphIds(PALETTE));
    const drawn = drawnOnBlack(grid, layer, width, height);
    for (let round = 0; round < 3; round++) {
      const map = randomMap(rng);
      const want = Buffer.from(drawn.data.map((v) => map[v]!));
      // Whatever the frame held before is replaced, on both paths.
      const garbage = randomFrame(width, height, rng);
      const inArena = arenaFrame(garbage);
      const onHeap = { ...garbage, data: garbage.data.slice() };
      blitLayerMapped(grid.blitTable(width), grid, layer, inArena, map);
      blitLayerMapped(grid.blitTable(width), grid, layer, onHeap, map);
      expect(Buffer.from(inArena.data).equals(want)).toBe(true);
      expect(Buffer.from(onHeap.data).equals(want)).toBe(true);
    }
  });

  it('draws through the scene renderer into an uncleared pooled frame', () => {
    const renderer = createSceneRenderer({ width: 480, height: 270, onWarning: quiet, createFrame: (w, h) => arenaFrame(createFrame(w, h)) });
    const grid = renderer.grid('md');
    const layer = randomLayer(grid, new Rng(9), grid.glyphIds(PALETTE));
    const map = randomMap(new Rng(10));
    const first = renderer.frame();
    first.data.fill(77);
    renderer.beginFrame();
    const again = renderer.frame({ clear: false });
    expect(again).toBe(first);
    expect(again.data[0]).toBe(77); // not cleared
    renderer.renderMapped(grid, layer, again, map);
    const want = drawnOnBlack(grid, layer, 480, 270).data.map((v) => map[v]!);
    expect(Buffer.from(again.data).equals(Buffer.from(want))).toBe(true);
    const hist = new Int32Array(256);
    expect(renderer.histogram(grid, layer, 4, hist)).toBe(120 * 68 * 3);
    renderer.clearFrame(again);
    expect(again.data.every((v) => v === 0)).toBe(true);
  });

  it('refuses a decreasing or short map with one line naming the problem', () => {
    const grid = createGrid({ width: 100, height: 60, size: 'md', onWarning: quiet });
    const layer = grid.createLayer();
    const frame = createFrame(100, 60);
    const down = new Uint8Array(256).map((_, i) => 255 - i);
    const errOf = (map: Uint8Array) => {
      try {
        grid.renderMapped(layer, frame, map);
      } catch (e) {
        return e;
      }
      return null;
    };
    const e1 = errOf(down);
    expect(isGlyphreelError(e1) && e1.code).toBe('E_PARAM');
    expect((e1 as Error).message).toBe('renderMapped: the map decreases at 1 (255 → 254); only a non-decreasing map commutes with max-compositing');
    expect((errOf(new Uint8Array(16)) as Error).message).toMatch(/a Uint8Array of 256 bytes, got 16 bytes/);
  });

  it('an unknown glyph id is the blit’s error', () => {
    const grid = createGrid({ width: 300, height: 200, size: 'md', onWarning: quiet });
    const layer = randomLayer(grid, new Rng(4), grid.glyphIds('#@'));
    layer.glyphs[3 * grid.cols + 2] = 60000;
    layer.colors.fill(200, 3 * (3 * grid.cols + 2), 3 * (3 * grid.cols + 2) + 3);
    const map = new Uint8Array(256).map((_, i) => i);
    expect(() => grid.renderMapped(layer, arenaFrame(createFrame(300, 200)), map)).toThrow(/^render: glyph id 60000 is not in this grid's atlas/);
    expect(() => grid.renderMapped(layer, createFrame(300, 200), map)).toThrow(/^render: glyph id 60000 is not in this grid's atlas/);
  });
});
