import { defineCellEffect, PAL_BLOCKS, PAL_KATA } from '@glyphreel/core';
import { featureFloor } from '../../fields/util.js';

/** PAL_BLOCKS[4:] + PAL_KATA[2:8], by code point (catalog 6.2 "Block-corrupt pool"). */
export const BLOCK_CORRUPT_POOL = Array.from(PAL_BLOCKS).slice(4).join('') + Array.from(PAL_KATA).slice(2, 8).join('');

/**
 * Block corruption (catalog 2.6 `eff_block_corrupt`), a post-process: ⌊count_base + 60·flux + 40·bdecay⌋ rectangles of
 * 2–6 × 1–4 cells at random positions (clipped to the grid), each filled with one glyph of `char_pool` and one
 * reddish colour: R U(100, 255), G U(0, 100), B U(0, 80).
 */
export const blockCorrupt = defineCellEffect({
  name: 'block_corrupt',
  description: 'Stamps reddish blocks of corrupt glyphs over the layer (catalog 2.6, post-process)',
  params: {
    char_pool: { type: 'string', default: BLOCK_CORRUPT_POOL, nonEmpty: true },
    count_base: { type: 'integer', default: 20, min: 0, max: 10000 },
  },
  draw(layer, grid, ctx, p) {
    const f = ctx.features;
    const rng = ctx.rng;
    const rows = grid.rows;
    const cols = grid.cols;
    const ids = grid.glyphIds(p.char_pool);
    const count = featureFloor(p.count_base + 60 * f.get('flux') + 40 * f.get('bdecay'));
    const glyphs = layer.glyphs;
    const colors = layer.colors;
    for (let k = 0; k < count; k++) {
      const w = rng.int(2, 6);
      const h = rng.int(1, 4);
      const c0 = rng.int(0, cols - 1);
      const r0 = rng.int(0, rows - 1);
      const glyph = ids[rng.int(0, ids.length - 1)]!;
      const cr = rng.int(100, 255);
      const cg = rng.int(0, 100);
      const cb = rng.int(0, 80);
      if (ctx.replaying) continue;
      const r1 = Math.min(rows, r0 + h);
      const c1 = Math.min(cols, c0 + w);
      for (let r = r0; r < r1; r++) {
        for (let c = c0; c < c1; c++) {
          const at = r * cols + c;
          glyphs[at] = glyph;
          colors[at * 3] = cr;
          colors[at * 3 + 1] = cg;
          colors[at * 3 + 2] = cb;
        }
      }
    }
  },
});
