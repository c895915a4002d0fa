import { defineValueEffect } from '@glyphreel/core';
import { num } from '../schema.js';
import { featureCount } from '../util.js';

/**
 * Concentric rings. The reference takes the max over n rings of clip((1 − |dist − rᵢ − wobble|/th)·amp); that is
 * monotone in the distance to the ring, so only the nearest ring can win and one evaluation per cell is exact.
 * Distances are the grid's `dist`, in column widths and round on screen (core README); spacing and thickness are in
 * column widths too.
 */
export const rings = defineValueEffect({
  name: 'rings',
  pure: true,
  description: 'Concentric rings; count, spacing, radius, wobble and thickness driven by sub/bass/mid',
  params: {
    n_base: num(6, 0, 200, 'ring count before audio (+25·sub_r + 10·bass)'),
    spacing_base: num(4, 0.1, 200, 'ring spacing in column widths before audio (+7·bass_r + 3·rms)'),
  },
  fill(out, grid, ctx, p) {
    const f = ctx.features;
    const bass = f.get('bass');
    const n = featureCount(p.n_base + f.get('sub_r') * 25 + bass * 10);
    const sp = p.spacing_base + f.get('bass_r') * 7 + f.get('rms') * 3;
    const r0 = f.get('bdecay') * 15;
    const wob = f.get('mid_r') * 5;
    const th = 1 + f.get('sub') * 3;
    const amp = 0.4 + bass * 0.8;
    const t4 = ctx.t * 4;
    const { dist, angle } = grid;
    if (n <= 0) {
      out.fill(0);
      return;
    }
    for (let i = 0; i < out.length; i++) {
      // Ring k (0-based) sits at (k+1)·sp + r0 + wobble.
      const x = dist[i] - r0 - wob * Math.sin(angle[i] * 3 + t4);
      let k = Math.round(x / sp) - 1;
      if (k < 0) k = 0;
      else if (k > n - 1) k = n - 1;
      const rd = Math.abs(x - (k + 1) * sp);
      const v = (1 - rd / th) * amp;
      out[i] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
  },
});
