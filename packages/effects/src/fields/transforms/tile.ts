import { defineTransform } from '@glyphreel/core';
import { bool, num } from '../schema.js';

/**
 * `uv_tile`: fractional repeat, nx×ny tiles; with mirror, odd tiles are flipped so joins are seamless. Tile parity
 * uses truncation and a floor modulo, as NumPy's astype(int) % 2.
 */
export const tile = defineTransform({
  name: 'tile',
  description: 'Repeat coordinates nx×ny times (mirror flips odd tiles)',
  params: {
    nx: num(3, 0.001, 1000, 'horizontal repeats'),
    ny: num(3, 0.001, 1000, 'vertical repeats'),
    mirror: bool(false, 'flip alternate tiles for seamless joins'),
  },
  apply(outCol, outRow, grid, _ctx, p) {
    const { col, row, cols, rows } = grid;
    const kx = p.nx / cols;
    const ky = p.ny / rows;
    for (let i = 0; i < outCol.length; i++) {
      const x = col[i] * kx;
      const y = row[i] * ky;
      let u = x - Math.floor(x);
      let v = y - Math.floor(y);
      if (p.mirror) {
        if ((((Math.trunc(x) % 2) + 2) % 2) === 1) u = 1 - u;
        if ((((Math.trunc(y) % 2) + 2) % 2) === 1) v = 1 - v;
      }
      outCol[i] = u * cols;
      outRow[i] = v * rows;
    }
  },
});
