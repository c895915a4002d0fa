import { defineTransform } from '@glyphreel/core';
import { num } from '../schema.js';

/** `uv_twist`: rotation angle distN·amount about the grid centre (a spiral distortion). */
export const twist = defineTransform({
  name: 'twist',
  description: 'Rotation that grows with distance from the centre',
  params: {
    amount: num(2, -100, 100, 'radians of rotation per unit of distN'),
  },
  apply(outCol, outRow, grid, _ctx, p) {
    const { col, row, distN } = grid;
    const cx = grid.cols / 2;
    const cy = grid.rows / 2;
    for (let i = 0; i < outCol.length; i++) {
      const a = distN[i] * p.amount;
      const c = Math.cos(a);
      const s = Math.sin(a);
      const dx = col[i] - cx;
      const dy = row[i] - cy;
      outCol[i] = cx + dx * c - dy * s;
      outRow[i] = cy + dx * s + dy * c;
    }
  },
});
