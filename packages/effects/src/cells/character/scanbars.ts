import { CHARS_SCANBARS, defineCellEffect } from '@glyphreel/core';
import { featureFloor } from '../../fields/util.js';

/**
 * Scan bars (catalog 2.6 `eff_scanbars`), a post-process: ⌊n_base + 12·himid_r⌋ vertical bars, bar i at column
 * ⌊50t(1 + 0.3i) + 37i⌋ mod cols; each cell of a bar gets, with probability `chance` (0.7), a random glyph of `chars`
 * in `color` at a random brightness of 60–100 %. The reference leaves the colour unspecified; pale blue is ours.
 */
export const scanbars = defineCellEffect({
  name: 'scanbars',
  description: 'Vertical bars of noise glyphs sweeping across (catalog 2.6, post-process)',
  params: {
    n_base: { type: 'integer', default: 4, min: 0, max: 1000 },
    chars: { type: 'string', default: CHARS_SCANBARS, nonEmpty: true },
    chance: { type: 'number', default: 0.7, min: 0, max: 1, description: 'probability that a bar cell is drawn' },
    color: { type: 'color', default: [170, 200, 255] },
  },
  draw(layer, grid, ctx, p) {
    const rng = ctx.rng;
    const rows = grid.rows;
    const cols = grid.cols;
    const t = ctx.t;
    const ids = grid.glyphIds(p.chars);
    const n = featureFloor(p.n_base + 12 * ctx.features.get('himid_r'));
    const [cr, cg, cb] = p.color;
    const glyphs = layer.glyphs;
    const colors = layer.colors;
    for (let i = 0; i < n; i++) {
      const x = Math.floor(50 * t * (1 + 0.3 * i) + 37 * i) % cols;
      for (let r = 0; r < rows; r++) {
        if (rng.next() >= p.chance) continue;
        const glyph = ids[Math.floor(rng.next() * ids.length)]!;
        const k = 0.6 + 0.4 * rng.next();
        if (ctx.replaying) continue;
        const at = r * cols + x;
        glyphs[at] = glyph;
        colors[at * 3] = (cr * k) | 0;
        colors[at * 3 + 1] = (cg * k) | 0;
        colors[at * 3 + 2] = (cb * k) | 0;
      }
    }
  },
});
