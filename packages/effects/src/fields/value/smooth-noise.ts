import { defineValueEffect } from '@glyphreel/core';
import { isLatticeGrid } from '../axes.js';
import { int, num } from '../schema.js';
import { stateF32 } from '../util.js';

/**
 * Cheap Perlin-like noise: octaves of sin(cc·fᵢ+φ)·cos(0.7·rr·fᵢ−φ/2)·aᵢ, fᵢ = 0.05·2ⁱ, aᵢ = 0.5/(i+1).
 * Each octave is a product of a column term and a row term, computed once per column and row on plain grids.
 */
export const smoothNoise = defineValueEffect({
  name: 'smooth_noise',
  pure: true,
  description: 'Multi-octave sine approximation of Perlin noise',
  params: {
    octaves: int(3, 1, 8, 'number of sine octaves'),
    bri: num(0.5, 0, 2, 'brightness'),
  },
  fill(out, grid, ctx, p) {
    const { col, row, rows, cols } = grid;
    const n = out.length;
    const t = ctx.t;
    const fast = isLatticeGrid(grid);
    const cs = stateF32(ctx, 'sn.c', cols);
    const rs = stateF32(ctx, 'sn.r', rows);
    out.fill(0);
    for (let o = 0; o < p.octaves; o++) {
      const f = 0.05 * 2 ** o;
      const fr = f * 0.7;
      const amp = 0.5 / (o + 1);
      const phase = t * (0.3 + o * 0.2);
      const ph2 = phase * 0.5;
      if (fast) {
        for (let c = 0; c < cols; c++) cs[c] = Math.sin(c * f + phase) * amp;
        for (let r = 0; r < rows; r++) rs[r] = Math.cos(r * fr - ph2);
        for (let r = 0, i = 0; r < rows; r++) {
          const rv = rs[r];
          for (let c = 0; c < cols; c++, i++) out[i] += cs[c] * rv;
        }
      } else {
        for (let i = 0; i < n; i++) out[i] += Math.sin(col[i] * f + phase) * Math.cos(row[i] * fr - ph2) * amp;
      }
    }
    const bri = p.bri;
    for (let i = 0; i < n; i++) {
      const v = out[i] * 0.5 + 0.5;
      out[i] = (v < 0 ? 0 : v > 1 ? 1 : v) * bri;
    }
  },
});
