import { defineTransform } from '@glyphreel/core';

/** `uv_polar`: (θ/2π·cols, distN·rows), which makes any linear effect radial. */
export const polar = defineTransform({
  name: 'polar',
  description: 'Cartesian to polar: angle becomes the column, distance the row',
  params: {},
  apply(outCol, outRow, grid) {
    const { angle, distN, cols, rows } = grid;
    const k = cols / (2 * Math.PI);
    for (let i = 0; i < outCol.length; i++) {
      outCol[i] = angle[i] * k;
      outRow[i] = distN[i] * rows;
    }
  },
});
