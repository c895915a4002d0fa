import { defineValueEffect } from '@glyphreel/core';
import { isLatticeGrid } from '../axes.js';
import { stateF32 } from '../util.js';

/**
 * Classic plasma: sines of cc, rr, a diagonal and distN, weights 0.5/0.4/0.3/0.3, remapped ×0.5+0.5. On plain grids
 * the axis and diagonal terms come from per-column/per-row tables; only the radial sine is per cell.
 */
export const plasma = defineValueEffect({
  name: 'plasma',
  pure: true,
  description: 'Classic plasma: sum of sines at different orientations and speeds',
  params: {},
  fill(out, grid, ctx) {
    const { col, row, distN, rows, cols } = grid;
    const t = ctx.t;
    const a = t * 0.7;
    const b = -t * 0.5;
    const c3 = t * 0.3;
    const d = -t * 0.8;
    if (isLatticeGrid(grid)) {
      const ac = stateF32(ctx, 'pl.a', cols);
      const sc = stateF32(ctx, 'pl.s', cols);
      const kc = stateF32(ctx, 'pl.k', cols);
      const br = stateF32(ctx, 'pl.b', rows);
      const sr = stateF32(ctx, 'pl.sr', rows);
      const kr = stateF32(ctx, 'pl.kr', rows);
      for (let c = 0; c < cols; c++) {
        ac[c] = Math.sin(c * 0.03 + a) * 0.5;
        sc[c] = Math.sin(c * 0.02 + c3) * 0.3;
        kc[c] = Math.cos(c * 0.02 + c3) * 0.3;
      }
      for (let r = 0; r < rows; r++) {
        br[r] = Math.sin(r * 0.04 + b) * 0.4;
        sr[r] = Math.sin(r * 0.03);
        kr[r] = Math.cos(r * 0.03);
      }
      for (let r = 0, i = 0; r < rows; r++) {
        const rb = br[r];
        const s = sr[r];
        const k = kr[r];
        for (let c = 0; c < cols; c++, i++) {
          const v = ac[c] + rb + sc[c] * k + kc[c] * s + Math.sin(distN[i] * 4 + d) * 0.3;
          const x = v * 0.5 + 0.5;
          out[i] = x < 0 ? 0 : x > 1 ? 1 : x;
        }
      }
      return;
    }
    for (let i = 0; i < out.length; i++) {
      const cc = col[i];
      const rr = row[i];
      const v =
        Math.sin(cc * 0.03 + a) * 0.5 +
        Math.sin(rr * 0.04 + b) * 0.4 +
        Math.sin(cc * 0.02 + rr * 0.03 + c3) * 0.3 +
        Math.sin(distN[i] * 4 + d) * 0.3;
      const x = v * 0.5 + 0.5;
      out[i] = x < 0 ? 0 : x > 1 ? 1 : x;
    }
  },
});
