import { defineTransform } from '@glyphreel/core';
import { num } from '../schema.js';

/** `uv_skew`: shear, (cc + kx·rr, rr + ky·cc). */
export const skew = defineTransform({
  name: 'skew',
  description: 'Shear coordinates: kx horizontally, ky vertically',
  params: {
    kx: num(0, -100, 100, 'horizontal shear'),
    ky: num(0, -100, 100, 'vertical shear'),
  },
  apply(outCol, outRow, grid, _ctx, p) {
    const { col, row } = grid;
    for (let i = 0; i < outCol.length; i++) {
      const cc = col[i];
      const rr = row[i];
      outCol[i] = cc + rr * p.kx;
      outRow[i] = rr + cc * p.ky;
    }
  },
});
