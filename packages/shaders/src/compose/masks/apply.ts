import { GlyphreelError, type Field, type GridGeometry, type RgbFrame } from '@glyphreel/core';
import { arena } from '../../shaders/internal/simd/arena.js';
import { bytesIn, composeKernels, wordsIn } from '../blend/wasm.js';
import { checkMask } from './common.js';

/** Per pixel row, the row's first mask index (cell row × cols); per run of columns over one cell, x0, x1, cell column. */
interface CellMap {
  rowBase: Int32Array;
  runs: Int32Array;
}

const mapCache = new Map<string, CellMap>();

/**
 * The cell under each pixel row and column, from the grid's real geometry: cell = ⌊(px − offset)/cellSize⌋. Pixels in
 * the margins outside the grid take the nearest cell (clamped), so a mask that is 1 at the border keeps the margin and
 * a uniform mask is uniform over the whole frame.
 */
function cellMap(grid: GridGeometry, width: number, height: number): CellMap {
  const { rows, cols, cellWidthPx: cw, cellHeightPx: ch, offsetXPx: ox, offsetYPx: oy } = grid;
  const key = `${width}x${height}:${rows}x${cols}:${cw}x${ch}:${ox},${oy}`;
  let m = mapCache.get(key);
  if (!m) {
    const rowBase = new Int32Array(height);
    for (let y = 0; y < height; y++) rowBase[y] = Math.min(rows - 1, Math.max(0, Math.floor((y - oy) / ch))) * cols;
    const runs: number[] = [];
    for (let x = 0; x < width; x++) {
      const col = Math.min(cols - 1, Math.max(0, Math.floor((x - ox) / cw)));
      if (runs.length > 0 && runs[runs.length - 1] === col) runs[runs.length - 2] = x + 1;
      else runs.push(x, x + 1, col);
    }
    m = { rowBase, runs: Int32Array.from(runs) };
    if (mapCache.size >= 16) mapCache.delete(mapCache.keys().next().value as string);
    mapCache.set(key, m);
  }
  return m;
}

/**
 * apply_mask_canvas, in place: frame = ⌊frame·m + bg·(1 − m)⌋ per channel (black where there is no bg), with the
 * grid mask expanded to pixels along the grid's actual cells. The reference repeated each cell ⌊H/rows⌋ + 1 times
 * from the frame's corner, ignoring the offsets and the exact cell size (catalog 9.3 item 31); that drifts by up to a
 * cell across the frame, so it is fixed here. Runs in the apply_mask kernel (wasm/compose.wat.mjs): cells with m ≥ 1
 * are skipped, m ≤ 0 copied, the rest mixed in f64 as before.
 */
export function applyMask(frame: RgbFrame, mask: Field, grid: GridGeometry, bg?: RgbFrame): RgbFrame {
  checkMask(mask, grid, 'applyMask');
  const { width, height, data } = frame;
  if (bg && (bg.width !== width || bg.height !== height)) {
    throw new GlyphreelError('E_PARAM', `applyMask: background is ${bg.width}×${bg.height}, frame is ${width}×${height}`);
  }
  if (width * height === 0) return frame;
  const { rowBase, runs } = cellMap(grid, width, height);
  const a = arena();
  const maskPtr = wordsIn(mask, 'compose:mask');
  const rowPtr = wordsIn(rowBase, 'compose:rows');
  const runPtr = wordsIn(runs, 'compose:runs');
  const bgPtr = bg ? bytesIn(bg.data, 'compose:in1') : 0;
  a.withBytes(data, (p) => composeKernels().apply_mask(p, bgPtr, width, height, maskPtr, rowPtr, runPtr, runs.length / 3));
  return frame;
}
