import { defineTransform } from '@glyphreel/core';
import { num } from '../schema.js';

/** `uv_scale`: zoom about (cx_frac·cols, cy_frac·rows); > 1 zooms in. */
export const scale = defineTransform({
  name: 'scale',
  description: 'Zoom coordinates about a point (> 1 zooms in)',
  params: {
    sx: num(1, 0.001, 1000, 'horizontal zoom'),
    sy: num(1, 0.001, 1000, 'vertical zoom'),
    cx_frac: num(0.5, -10, 10, 'centre, fraction of cols'),
    cy_frac: num(0.5, -10, 10, 'centre, fraction of rows'),
  },
  apply(outCol, outRow, grid, _ctx, p) {
    const cx = grid.cols * p.cx_frac;
    const cy = grid.rows * p.cy_frac;
    const ix = 1 / p.sx;
    const iy = 1 / p.sy;
    const { col, row } = grid;
    for (let i = 0; i < outCol.length; i++) {
      outCol[i] = cx + (col[i] - cx) * ix;
      outRow[i] = cy + (row[i] - cy) * iy;
    }
  },
});
