import { defineTransform } from '@glyphreel/core';
import { num, oneOf } from '../schema.js';

/** `uv_wave`: sinusoidal displacement with phase 3t (the one transform that reads time). */
export const wave = defineTransform({
  name: 'wave',
  description: 'Sinusoidal wobble of one axis',
  params: {
    freq: num(0.1, 0, 10, 'spatial frequency'),
    amp: num(3, -1000, 1000, 'displacement in cells'),
    axis: oneOf(['x', 'y'], 'x', 'x displaces columns along rows; y displaces rows along columns'),
  },
  apply(outCol, outRow, grid, ctx, p) {
    const { col, row } = grid;
    const ph = ctx.t * 3;
    if (p.axis === 'x') {
      for (let i = 0; i < outCol.length; i++) {
        outCol[i] = col[i] + Math.sin(row[i] * p.freq + ph) * p.amp;
        outRow[i] = row[i];
      }
    } else {
      for (let i = 0; i < outCol.length; i++) {
        outCol[i] = col[i];
        outRow[i] = row[i] + Math.sin(col[i] * p.freq + ph) * p.amp;
      }
    }
  },
});
