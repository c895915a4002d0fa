import { defineTransform } from '@glyphreel/core';

/** `uv_cartesian_from_polar`: reads cc as an angle (cc/cols·2π) and rr as a radius (rr/rows), maps back to x/y. */
export const cartesianFromPolar = defineTransform({
  name: 'cartesian_from_polar',
  description: 'Polar to cartesian: the column is an angle, the row a radius',
  params: {},
  apply(outCol, outRow, grid) {
    const { col, row, cols, rows } = grid;
    const cx = cols / 2;
    const cy = rows / 2;
    const ka = (2 * Math.PI) / cols;
    for (let i = 0; i < outCol.length; i++) {
      const a = col[i] * ka;
      const r = row[i] / rows;
      outCol[i] = cx + r * Math.cos(a) * cx;
      outRow[i] = cy + r * Math.sin(a) * cy;
    }
  },
});
