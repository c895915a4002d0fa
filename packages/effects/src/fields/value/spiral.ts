import { defineValueEffect } from '@glyphreel/core';
import { int, num } from '../schema.js';

/**
 * Logarithmic spiral arms. Arm i adds an offset 2πi/n before the phase is multiplied by n, i.e. a multiple of 2π, so
 * every arm of the reference evaluates to the same value and the max over arms is one evaluation.
 */
export const spiral = defineValueEffect({
  name: 'spiral',
  pure: true,
  description: 'Logarithmic spiral arms with a radial falloff',
  params: {
    n_arms: int(3, 1, 32, 'number of arms'),
    tightness: num(2.5, -20, 20, 'winding: phase change per unit of ln(dist+1)'),
  },
  fill(out, grid, ctx, p) {
    const { dist, distN, angle } = grid;
    const nArms = p.n_arms;
    const tight = p.tightness;
    const t8 = ctx.t * 0.8;
    const gain = 0.4 + ctx.features.get('rms') * 0.6;
    for (let i = 0; i < out.length; i++) {
      const phase = angle[i] - Math.log(dist[i] + 1) * tight + t8;
      let arm = Math.cos(phase * nArms) * 0.6 + 0.2;
      arm = arm < 0 ? 0 : arm > 1 ? 1 : arm;
      let fall = 1 - distN[i] * 0.5;
      fall = fall < 0.2 ? 0.2 : fall > 1 ? 1 : fall;
      out[i] = arm * gain * fall;
    }
  },
});
