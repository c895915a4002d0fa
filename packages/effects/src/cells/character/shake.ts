import { defineCellEffect } from '@glyphreel/core';
import { mod } from '../common.js';
import { layerScratch } from './roll.js';

/**
 * Screen shake (catalog 2.6 `eff_shake`), a post-process: rolls the whole layer, with wrap-around, by
 * x = round(sub·x_amp·U(−1, 1) + 4·bdecay·U(−1, 1)) columns and y = round(bass·y_amp·U(−1, 1)) rows. Nothing is lost:
 * the layer's cells are only permuted.
 */
export const shake = defineCellEffect({
  name: 'shake',
  description: 'Shakes the whole layer with the sub and bass (catalog 2.6, post-process)',
  params: {
    x_amp: { type: 'number', default: 6, min: 0, max: 200, description: 'columns × sub' },
    y_amp: { type: 'number', default: 3, min: 0, max: 200, description: 'rows × bass' },
  },
  draw(layer, grid, ctx, p) {
    const f = ctx.features;
    const rng = ctx.rng;
    const dx = Math.round(f.get('sub') * p.x_amp * rng.uniform(-1, 1) + 4 * f.get('bdecay') * rng.uniform(-1, 1));
    const dy = Math.round(f.get('bass') * p.y_amp * rng.uniform(-1, 1));
    if (ctx.replaying) return;
    const rows = grid.rows;
    const cols = grid.cols;
    const sx = mod(dx, cols);
    const sy = mod(dy, rows);
    if (sx === 0 && sy === 0) return;
    const n = rows * cols;
    const tmp = layerScratch(ctx, 'shake:layer', n);
    tmp.glyphs.set(layer.glyphs);
    tmp.colors.set(layer.colors);
    const g = layer.glyphs;
    const c = layer.colors;
    const tg = tmp.glyphs;
    const tc = tmp.colors;
    for (let r = 0; r < rows; r++) {
      const dst = ((r + sy) % rows) * cols;
      const src = r * cols;
      for (let k = 0; k < cols; k++) {
        let d = k + sx;
        if (d >= cols) d -= cols;
        const from = src + k;
        const at = dst + d;
        g[at] = tg[from]!;
        c[at * 3] = tc[from * 3]!;
        c[at * 3 + 1] = tc[from * 3 + 1]!;
        c[at * 3 + 2] = tc[from * 3 + 2]!;
      }
    }
  },
});
