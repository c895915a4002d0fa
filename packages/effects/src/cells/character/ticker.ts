import { defineCellEffect } from '@glyphreel/core';
import { rowFromParam } from '../common.js';

/**
 * News ticker (catalog 2.6 `eff_ticker`): `text` followed by three spaces repeats along one row and scrolls left,
 * cell c showing character (⌊t·speed⌋ + c) mod L of the loop (L = its length in code points). The reference slices
 * text + 3 spaces + text, which runs dry on rows wider than the loop; tiling the loop gives the same cells where the
 * reference has any and keeps the row full on wide grids. Spaces stay transparent.
 */
export const ticker = defineCellEffect({
  name: 'ticker',
  description: 'Text scrolling along one row (catalog 2.6)',
  params: {
    text: { type: 'string', default: 'GLYPHREEL', nonEmpty: true },
    row: { type: 'integer', default: -2, min: -10000, max: 10000, description: 'row from the top, or from the bottom if negative' },
    speed: { type: 'number', default: 15, min: -1000, max: 1000, description: 'characters per second' },
    color: { type: 'color', default: [80, 100, 140] },
  },
  draw(layer, grid, ctx, p) {
    if (ctx.replaying) return;
    const row = rowFromParam(grid, p.row);
    if (row < 0 || row >= grid.rows) return;
    // The loop string is built once per text, not per frame.
    let loop = ctx.state['ticker:loop'] as { text: string; loop: string } | undefined;
    if (!loop || loop.text !== p.text) {
      loop = { text: p.text, loop: p.text + '   ' };
      ctx.state['ticker:loop'] = loop;
    }
    const ids = grid.glyphIds(loop.loop);
    const len = ids.length;
    let off = Math.floor(ctx.t * p.speed) % len;
    if (off < 0) off += len;
    const cols = grid.cols;
    const base = row * cols;
    const [r, g, b] = p.color;
    for (let c = 0; c < cols; c++) {
      let k = off + c;
      k %= len;
      const id = ids[k]!;
      if (id === 0) continue;
      const at = base + c;
      layer.glyphs[at] = id;
      layer.colors[at * 3] = r;
      layer.colors[at * 3 + 1] = g;
      layer.colors[at * 3 + 2] = b;
    }
  },
});
