import { defineHue } from '@glyphreel/core';
import { isLatticeGrid } from '../axes.js';
import { num } from '../schema.js';
import { stateF32 } from '../util.js';
import { frac } from './wrap.js';

/** `hf_plasma`: 0.5·sin(0.02cc + speed·t) + 0.5·sin(0.015rr + 0.7·speed·t), mod 1; separable on plain grids. */
export const plasmaHue = defineHue({
  name: 'plasma',
  description: 'Organic plasma-style hue variation',
  params: { speed: num(0.3, -100, 100, 'drift speed') },
  fill(out, grid, ctx, p) {
    const { col, row, rows, cols } = grid;
    const pc = ctx.t * p.speed;
    const pr = ctx.t * p.speed * 0.7;
    if (isLatticeGrid(grid)) {
      const cs = stateF32(ctx, 'hp.c', cols);
      const rs = stateF32(ctx, 'hp.r', rows);
      for (let c = 0; c < cols; c++) cs[c] = Math.sin(c * 0.02 + pc) * 0.5;
      for (let r = 0; r < rows; r++) rs[r] = Math.sin(r * 0.015 + pr) * 0.5;
      for (let r = 0, i = 0; r < rows; r++) {
        const rv = rs[r];
        for (let c = 0; c < cols; c++, i++) out[i] = frac(cs[c] + rv);
      }
      return;
    }
    for (let i = 0; i < out.length; i++) {
      out[i] = frac(Math.sin(col[i] * 0.02 + pc) * 0.5 + Math.sin(row[i] * 0.015 + pr) * 0.5);
    }
  },
});
