import { defineCellEffect, PART_HEX } from '@glyphreel/core';
import { featureFloor } from '../../fields/util.js';

/**
 * Hex data stream (catalog 2.6): every frame ⌊count + count_flux·flux⌋ random hex strings of min_len–max_len (8–20)
 * characters, each at a random row and a column that keeps it on the grid, in `color` ((0, 160, 80)).
 */
export const hexStream = defineCellEffect({
  name: 'hex_stream',
  description: 'Random hex strings flickering over the grid (catalog 2.6)',
  params: {
    count: { type: 'integer', default: 6, min: 0, max: 10000, description: 'strings per frame' },
    count_flux: { type: 'number', default: 10, min: 0, max: 10000, description: 'extra strings × flux' },
    min_len: { type: 'integer', default: 8, min: 1, max: 1000 },
    max_len: { type: 'integer', default: 20, min: 1, max: 1000 },
    color: { type: 'color', default: [0, 160, 80] },
  },
  draw(layer, grid, ctx, p) {
    const rng = ctx.rng;
    const rows = grid.rows;
    const cols = grid.cols;
    const ids = grid.glyphIds(PART_HEX);
    const n = featureFloor(p.count + p.count_flux * ctx.features.get('flux'));
    const lo = Math.min(p.min_len, p.max_len);
    const hi = Math.max(p.min_len, p.max_len);
    const [cr, cg, cb] = p.color;
    for (let k = 0; k < n; k++) {
      const len = Math.min(cols, rng.int(lo, hi));
      const row = rng.int(0, rows - 1);
      const col = rng.int(0, cols - len);
      const base = row * cols + col;
      for (let i = 0; i < len; i++) {
        const glyph = ids[rng.int(0, ids.length - 1)]!;
        if (ctx.replaying) continue;
        const at = base + i;
        layer.glyphs[at] = glyph;
        layer.colors[at * 3] = cr;
        layer.colors[at * 3 + 1] = cg;
        layer.colors[at * 3 + 2] = cb;
      }
    }
  },
});
