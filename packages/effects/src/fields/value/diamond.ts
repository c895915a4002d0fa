import { defineValueEffect } from '@glyphreel/core';
import { isLatticeGrid } from '../axes.js';
import { num } from '../schema.js';
import { stateF32 } from '../util.js';

/** Checker/diamond: |sin(cc·f + 0.5t)|·|sin(1.2·rr·f − 0.3t)|·(0.6 + 0.8·rms); separable on plain grids. */
export const diamond = defineValueEffect({
  name: 'diamond',
  pure: true,
  description: 'Diamond/checkerboard pattern',
  params: {
    freq: num(0.15, 0, 10, 'spatial frequency'),
  },
  fill(out, grid, ctx, p) {
    const { col, row, rows, cols } = grid;
    const fc = p.freq;
    const fr = p.freq * 1.2;
    const pc = ctx.t * 0.5;
    const pr = -ctx.t * 0.3;
    const gain = 0.6 + ctx.features.get('rms') * 0.8;
    if (isLatticeGrid(grid)) {
      const cs = stateF32(ctx, 'dm.c', cols);
      const rs = stateF32(ctx, 'dm.r', rows);
      for (let c = 0; c < cols; c++) cs[c] = Math.abs(Math.sin(c * fc + pc)) * gain;
      for (let r = 0; r < rows; r++) rs[r] = Math.abs(Math.sin(r * fr + pr));
      for (let r = 0, i = 0; r < rows; r++) {
        const rv = rs[r];
        for (let c = 0; c < cols; c++, i++) {
          const v = cs[c] * rv;
          out[i] = v > 1 ? 1 : v;
        }
      }
      return;
    }
    for (let i = 0; i < out.length; i++) {
      const v = Math.abs(Math.sin(col[i] * fc + pc)) * Math.abs(Math.sin(row[i] * fr + pr)) * gain;
      out[i] = v > 1 ? 1 : v;
    }
  },
});
