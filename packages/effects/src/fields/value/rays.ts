import { defineValueEffect } from '@glyphreel/core';
import { num } from '../schema.js';
import { featureCount } from '../util.js';

/**
 * Legacy `eff_rays`: cos(n·θ + 3t)·0.6·bdecay·(1 − distN), clipped to [0, 0.7]; n = trunc(n_base + 25·hi_r), with
 * featureCount's epsilon so a float32 hi_r of 0.08 gives 10 rays, not 9. Dark without beats.
 */
export const rays = defineValueEffect({
  name: 'rays',
  pure: true,
  description: 'Radial rays flashing with the beat decay (legacy eff_rays)',
  params: {
    n_base: num(8, 0, 200, 'ray count before audio (+25·hi_r)'),
  },
  fill(out, grid, ctx, p) {
    const nr = featureCount(p.n_base + ctx.features.get('hi_r') * 25);
    const k = ctx.features.get('bdecay') * 0.6;
    const t3 = ctx.t * 3;
    const { angle, distN } = grid;
    for (let i = 0; i < out.length; i++) {
      const v = Math.cos(angle[i] * nr + t3) * k * (1 - distN[i]);
      out[i] = v < 0 ? 0 : v > 0.7 ? 0.7 : v;
    }
  },
});
