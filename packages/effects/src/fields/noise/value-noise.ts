import type { FrameContext } from '@glyphreel/core';
import { hash2d } from './hash.js';
import { HashLattice } from './lattice.js';
import { keyOf, stateF32, stateSlots } from '../util.js';

/** Hermite smoothstep 3t²−2t³, t clamped to [0,1] (`_smoothstep`). */
export function smoothstep(t: number): number {
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  return t * t * (3 - 2 * t);
}

/** Perlin's smootherstep 6t⁵−15t⁴+10t³, t clamped to [0,1] (`_smootherstep`). */
export function smootherstep(t: number): number {
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  return t * t * t * (t * (t * 6 - 15) + 10);
}

/** `_value_noise_2d` at one point: corner hashes blended bilinearly with smootherstep weights, in [0,1]. */
export function valueNoise2d(x: number, y: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = smootherstep(x - ix);
  const fy = smootherstep(y - iy);
  const nx0 = hash2d(ix, iy) * (1 - fx) + hash2d(ix + 1, iy) * fx;
  const nx1 = hash2d(ix, iy + 1) * (1 - fx) + hash2d(ix + 1, iy + 1) * fx;
  return nx0 * (1 - fy) + nx1 * fy;
}

/** Above this many lattice points per sample a table stops paying off (very high frequencies): hash directly. */
const MAX_TABLE_PER_SAMPLE = 4;

/** The largest hash table worth building for n samples. */
export function tableLimit(n: number): number {
  return MAX_TABLE_PER_SAMPLE * n + 4096;
}

/**
 * Value noise sampled at (xs[i], ys[i]) for every cell, times `amp`, written to `out` (`add` = accumulate).
 * Uses a hash table over the sampled box (see HashLattice); identical to valueNoise2d per cell.
 */
export function valueNoiseField(
  out: Float32Array,
  xs: Float32Array,
  ys: Float32Array,
  amp: number,
  add: boolean,
  lattice: HashLattice,
): void {
  const n = out.length;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    const y = ys[i];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (!lattice.cover(Math.floor(minX), Math.floor(minY), Math.floor(maxX) + 1, Math.floor(maxY) + 1, tableLimit(n))) {
    for (let i = 0; i < n; i++) {
      const v = valueNoise2d(xs[i], ys[i]) * amp;
      out[i] = add ? out[i] + v : v;
    }
    return;
  }
  const t = lattice.table;
  const w = lattice.w;
  const x0 = lattice.x0;
  const y0 = lattice.y0;
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    const y = ys[i];
    const fx0 = Math.floor(x);
    const fy0 = Math.floor(y);
    const tx = x - fx0;
    const ty = y - fy0;
    const sx = tx * tx * tx * (tx * (tx * 6 - 15) + 10);
    const sy = ty * ty * ty * (ty * (ty * 6 - 15) + 10);
    const k = (fy0 - y0) * w + (fx0 - x0);
    const nx0 = t[k] * (1 - sx) + t[k + 1] * sx;
    const nx1 = t[k + w] * (1 - sx) + t[k + w + 1] * sx;
    const v = (nx0 * (1 - sy) + nx1 * sy) * amp;
    out[i] = add ? out[i] + v : v;
  }
}

/** The per-layer HashLattice number `index` for an effect, kept in ctx.state. */
export function stateLattice(ctx: FrameContext, key: string, index: number): HashLattice {
  const slots = stateSlots(ctx);
  const k = keyOf(keyOf('lattice.', key), index);
  let l = slots.get(k) as HashLattice | undefined;
  if (l === undefined) {
    l = new HashLattice();
    slots.set(k, l);
  }
  return l;
}

/** Per-axis scratch for valueNoiseAxes (lattice offsets and smootherstep weights per column and per row). */
export interface AxisScratch {
  colOff: Int32Array;
  colW: Float32Array;
  rowOff: Int32Array;
  rowW: Float32Array;
}

/**
 * Value noise on a plain grid where the sample x depends on the column only and y on the row only
 * (x = xOfCol[c], y = yOfRow[r]): floors and smootherstep weights are computed once per column and row, leaving four
 * table reads and three lerps per cell. Same values as valueNoiseField with xs/ys filled from the same coordinates.
 */
export function valueNoiseAxes(
  out: Float32Array,
  xOfCol: Float32Array,
  yOfRow: Float32Array,
  amp: number,
  add: boolean,
  lattice: HashLattice,
  s: AxisScratch,
): void {
  const cols = xOfCol.length;
  const rows = yOfRow.length;
  let ix0 = Infinity;
  let ix1 = -Infinity;
  let iy0 = Infinity;
  let iy1 = -Infinity;
  for (let c = 0; c < cols; c++) {
    const f = Math.floor(xOfCol[c]);
    if (f < ix0) ix0 = f;
    if (f > ix1) ix1 = f;
  }
  for (let r = 0; r < rows; r++) {
    const f = Math.floor(yOfRow[r]);
    if (f < iy0) iy0 = f;
    if (f > iy1) iy1 = f;
  }
  if (!lattice.cover(ix0, iy0, ix1 + 1, iy1 + 1, tableLimit(cols * rows))) {
    for (let r = 0, i = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++, i++) {
        const v = valueNoise2d(xOfCol[c], yOfRow[r]) * amp;
        out[i] = add ? out[i] + v : v;
      }
    }
    return;
  }
  const w = lattice.w;
  const { colOff, colW, rowOff, rowW } = s;
  for (let c = 0; c < cols; c++) {
    const x = xOfCol[c];
    const f = Math.floor(x);
    const tx = x - f;
    colOff[c] = f - lattice.x0;
    colW[c] = tx * tx * tx * (tx * (tx * 6 - 15) + 10);
  }
  for (let r = 0; r < rows; r++) {
    const y = yOfRow[r];
    const f = Math.floor(y);
    const ty = y - f;
    rowOff[r] = (f - lattice.y0) * w;
    rowW[r] = ty * ty * ty * (ty * (ty * 6 - 15) + 10);
  }
  const t = lattice.table;
  for (let r = 0, i = 0; r < rows; r++) {
    const rb = rowOff[r];
    const sy = rowW[r];
    for (let c = 0; c < cols; c++, i++) {
      const k = rb + colOff[c];
      const sx = colW[c];
      const nx0 = t[k] * (1 - sx) + t[k + 1] * sx;
      const nx1 = t[k + w] * (1 - sx) + t[k + w + 1] * sx;
      const v = (nx0 * (1 - sy) + nx1 * sy) * amp;
      out[i] = add ? out[i] + v : v;
    }
  }
}

/** The AxisScratch of a layer for a grid size. */
export function stateAxisScratch(ctx: FrameContext, rows: number, cols: number): AxisScratch {
  const state = ctx.state as Record<string, unknown>;
  let s = state['fields.noise.axes'] as AxisScratch | undefined;
  if (!s || s.colOff.length !== cols || s.rowOff.length !== rows) {
    s = { colOff: new Int32Array(cols), colW: new Float32Array(cols), rowOff: new Int32Array(rows), rowW: new Float32Array(rows) };
    state['fields.noise.axes'] = s;
  }
  return s;
}

/**
 * One octave of value noise at x = cc·fx + ox, y = rr·fy + oy, on any grid: the per-axis path on plain grids, the
 * per-cell path otherwise. The coordinates are rounded to float32 either way, so both paths agree exactly.
 */
export function valueNoiseOctave(
  out: Float32Array,
  grid: { rows: number; cols: number; col: Float32Array; row: Float32Array },
  fast: boolean,
  ctx: FrameContext,
  key: string,
  octave: number,
  fx: number,
  ox: number,
  fy: number,
  oy: number,
  amp: number,
  add: boolean,
): void {
  const lattice = stateLattice(ctx, key, octave);
  if (fast) {
    const xc = stateF32(ctx, 'noise.xc', grid.cols);
    const yr = stateF32(ctx, 'noise.yr', grid.rows);
    for (let c = 0; c < grid.cols; c++) xc[c] = c * fx + ox;
    for (let r = 0; r < grid.rows; r++) yr[r] = r * fy + oy;
    valueNoiseAxes(out, xc, yr, amp, add, lattice, stateAxisScratch(ctx, grid.rows, grid.cols));
    return;
  }
  const n = out.length;
  const xs = stateF32(ctx, 'noise.xs', n);
  const ys = stateF32(ctx, 'noise.ys', n);
  const { col, row } = grid;
  for (let i = 0; i < n; i++) {
    xs[i] = col[i] * fx + ox;
    ys[i] = row[i] * fy + oy;
  }
  valueNoiseField(out, xs, ys, amp, add, lattice);
}
