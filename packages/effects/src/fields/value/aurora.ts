import { defineValueEffect } from '@glyphreel/core';
import { isLatticeGrid } from '../axes.js';
import { int } from '../schema.js';
import { stateF32 } from '../util.js';

/**
 * Horizontal bands: Σ sin(rr·fr + t·sr)·sin(cc·fc + t·sc), driven by lomid_r, clipped to [0, 0.7] as the reference.
 * Each band is a row term times a column term (one sine per row and column on plain grids).
 */
export const aurora = defineValueEffect({
  name: 'aurora',
  pure: true,
  description: 'Horizontal aurora bands (tops out at 0.7)',
  params: {
    n_bands: int(3, 1, 16, 'number of bands'),
  },
  fill(out, grid, ctx, p) {
    const { col, row, rows, cols } = grid;
    const n = out.length;
    const t = ctx.t;
    const w = 0.6 / p.n_bands;
    const fast = isLatticeGrid(grid);
    const cs = stateF32(ctx, 'au.c', cols);
    const rs = stateF32(ctx, 'au.r', rows);
    out.fill(0);
    for (let b = 0; b < p.n_bands; b++) {
      const fr = 0.08 + b * 0.04;
      const fc = 0.012 + b * 0.008;
      const pr = t * (0.7 + b * 0.3);
      const pc = t * (0.18 + b * 0.12);
      if (fast) {
        for (let c = 0; c < cols; c++) cs[c] = Math.sin(c * fc + pc) * w;
        for (let r = 0; r < rows; r++) rs[r] = Math.sin(r * fr + pr);
        for (let r = 0, i = 0; r < rows; r++) {
          const rv = rs[r];
          for (let c = 0; c < cols; c++, i++) out[i] += rv * cs[c];
        }
      } else {
        for (let i = 0; i < n; i++) out[i] += Math.sin(row[i] * fr + pr) * Math.sin(col[i] * fc + pc) * w;
      }
    }
    const gain = ctx.features.get('lomid_r') * 3 + 0.2;
    for (let i = 0; i < n; i++) {
      const v = out[i] * gain;
      out[i] = v < 0 ? 0 : v > 0.7 ? 0.7 : v;
    }
  },
});
