import { defineTransform } from '@glyphreel/core';
import { num } from '../schema.js';

/** `uv_fisheye`: in centre-normalized coordinates the radius r becomes r^strength (barrel/pincushion). */
export const fisheye = defineTransform({
  name: 'fisheye',
  description: 'Fisheye / barrel distortion (radius raised to a power)',
  params: {
    strength: num(1.5, 0.01, 20, 'exponent on the normalized radius'),
  },
  apply(outCol, outRow, grid, _ctx, p) {
    const { col, row } = grid;
    const cx = grid.cols / 2;
    const cy = grid.rows / 2;
    for (let i = 0; i < outCol.length; i++) {
      const dx = (col[i] - cx) / cx;
      const dy = (row[i] - cy) / cy;
      const r = Math.sqrt(dx * dx + dy * dy);
      const s = r > 0 ? r ** p.strength / (r + 1e-10) : 1;
      outCol[i] = cx + dx * s * cx;
      outRow[i] = cy + dy * s * cy;
    }
  },
});
