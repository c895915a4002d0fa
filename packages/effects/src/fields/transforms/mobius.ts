import { defineTransform } from '@glyphreel/core';
import { num } from '../schema.js';

/** `uv_mobius`: (az + b)/(cz + d) on the complex plane mapped to [−1,1]², real coefficients only. */
export const mobius = defineTransform({
  name: 'mobius',
  description: 'Möbius transformation (az+b)/(cz+d): conformal inversions and circular warps',
  params: {
    a: num(1, -100, 100),
    b: num(0, -100, 100),
    c: num(0, -100, 100),
    d: num(1, -100, 100),
  },
  apply(outCol, outRow, grid, _ctx, p) {
    const { col, row } = grid;
    const cx = grid.cols / 2;
    const cy = grid.rows / 2;
    const { a, b, c, d } = p;
    for (let i = 0; i < outCol.length; i++) {
      const zr = (col[i] - cx) / cx;
      const zi = (row[i] - cy) / cy;
      const nr = a * zr + b;
      const ni = a * zi;
      const dr = c * zr + d;
      const di = c * zi;
      const den = dr * dr + di * di + 1e-10;
      outCol[i] = cx + ((nr * dr + ni * di) / den) * cx;
      outRow[i] = cy + ((ni * dr - nr * di) / den) * cy;
    }
  },
});
