import { createCellLayer } from '@glyphreel/core';
import { blitLayer, type BlitTable, type Placement } from './blit.js';
import { fieldToLayer, fieldToLayerRgb } from './mapping.js';

let primed = false;

/**
 * Runs the per-frame kernels once on a few cells that take every branch (blank, black, full and partial glyph runs,
 * every hue sector, NaN and out-of-range values), before their first real call on this thread. (Renderer frames live
 * in the wasm arena and are blitted by the wasm kernel; the JavaScript blit primed here draws frames made elsewhere.)
 *
 * Why: V8 optimizes a hot loop while its first call is still running (on-stack replacement), and a branch that
 * call has not taken yet has no type feedback; when the frame reaches it, the optimized code is thrown away and the
 * function compiled again. At 1080p blitLayer was replaced after its first row (the outer loop's `r++` had never
 * run) and fieldToLayer at its first blank cell, costing 2–3 compilations each per worker (≈ 50 ms of compiler
 * time, which two workers on two cores pay in wall clock, and more frames run in the slow tiers). The priming costs
 * microseconds and changes no output: it draws into its own small buffers.
 */
export function primeKernels(table: BlitTable, grid: Placement): void {
  if (primed) return;
  primed = true;
  const glyphCount = table.built;
  const { cols, ch, oy } = grid;
  // A few cells per row, each kind once: a glyph with full runs, one with partial runs, a blank cell and a black
  // one. Few, so that the priming itself stays too short for V8 to optimize blitLayer before every branch ran.
  let full = 0;
  let partial = 0;
  for (let g = 1; g < glyphCount && (full === 0 || partial === 0); g++) {
    for (let q = table.runStart[g]!; q < table.runStart[g + 1]!; q++) {
      if (table.runCov[q]! < 0) full ||= g;
      else partial ||= g;
    }
  }
  // The grid itself as the placement and a frame two cell rows tall: the calls see the same object shapes as the
  // real ones, so the feedback they leave is the feedback the frames need (a placeholder shape made V8 compile
  // blitLayer for it, then throw that code away at the first real frame).
  const layer = createCellLayer(grid);
  const kinds = [full, partial, 0, partial || full];
  for (let r = 0; r < 2; r++) {
    for (let k = 0; k < kinds.length && k < cols; k++) {
      const i = r * cols + k;
      layer.glyphs[i] = kinds[k]!;
      if (k === 3) continue; // the fourth cell stays black: skipped
      layer.colors[i * 3] = 90 + 50 * k;
      layer.colors[i * 3 + 1] = 165 - 50 * k;
      layer.colors[i * 3 + 2] = 30 + r;
    }
  }
  // one pixel row more than two cells, so that rows = ⌊(height − oy) / ch⌋ divides inexactly, as at real sizes
  const height = oy + 2 * ch + 1;
  const frame = { width: table.frameWidth, height, data: new Uint8Array(table.frameWidth * height * 3) };
  // Three calls each: V8 allocates a function's feedback storage only after it has run a while (lazy feedback
  // allocation), so the first call may record nothing.
  for (let k = 0; k < 3; k++) blitLayer(table, grid, layer, frame);

  const n = 32;
  const cells = createCellLayer({ rows: 1, cols: n });
  const value = new Float32Array(n);
  const hue = new Float32Array(n);
  const rgb = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    value[i] = i === 0 ? NaN : i === 1 ? -1 : i === 2 ? 0.01 : i === n - 1 ? 2 : i / n;
    hue[i] = -0.5 + (i * 2) / n; // −0.5 … 1.44: every sector, wrapped both ways
    rgb[i * 3] = i * 8;
    rgb[i * 3 + 1] = 255 - i * 8;
    rgb[i * 3 + 2] = i * 5;
  }
  const palette = Uint16Array.of(0, full, partial);
  for (let k = 0; k < 3; k++) {
    fieldToLayer(cells, value, hue, palette);
    fieldToLayer(cells, value, 0.3, palette);
    fieldToLayerRgb(cells, value, rgb, palette);
  }
}
