import { defineCellEffect } from '@glyphreel/core';
import { featureFloor } from '../../fields/util.js';
import { layerScratch, rollRows } from './roll.js';

/**
 * Glitch displacement (catalog 2.6 `eff_glitch_displace`), a post-process on whatever the layer holds:
 * ⌊(8 + 25·flux + 15·bdecay)·intensity⌋ bands, each starting on a random row with a height of 1..⌊3 + 8·sub⌋ rows,
 * rolled horizontally (with wrap, glyphs and colours together) by round((U − 0.5)·40·rms + 20·bdecay·(U − 0.5)).
 * Rolling only permutes cells within a row, so each row keeps its glyphs.
 */
export const glitchDisplace = defineCellEffect({
  name: 'glitch_displace',
  description: 'Rolls random horizontal bands of the layer sideways (catalog 2.6, post-process)',
  params: {
    intensity: { type: 'number', default: 1, min: 0, max: 10 },
  },
  draw(layer, grid, ctx, p) {
    const f = ctx.features;
    const rng = ctx.rng;
    const rows = grid.rows;
    const flux = f.get('flux');
    const bdecay = f.get('bdecay');
    const rms = f.get('rms');
    const bands = Math.floor((8 + 25 * flux + 15 * bdecay) * p.intensity);
    const maxH = Math.max(1, featureFloor(3 + 8 * f.get('sub')));
    const tmp = layerScratch(ctx, 'glitch_displace:row', grid.cols);
    for (let k = 0; k < bands; k++) {
      const r0 = rng.int(0, rows - 1);
      const h = rng.int(1, maxH);
      const shift = Math.round((rng.next() - 0.5) * 40 * rms + 20 * bdecay * (rng.next() - 0.5));
      if (!ctx.replaying) rollRows(layer, r0, Math.min(rows, r0 + h), shift, tmp);
    }
  },
});
