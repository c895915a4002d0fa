import { defineValueEffect } from '@glyphreel/core';
import { num } from '../schema.js';

/** Angle twisted by distN·twist·sin(0.5t), then sin(4·twisted − 2t) remapped and scaled by bass. */
export const vortex = defineValueEffect({
  name: 'vortex',
  pure: true,
  description: 'Twisting radial pattern: distance modulates angle',
  params: {
    twist: num(3, -50, 50, 'twist amount'),
  },
  fill(out, grid, ctx, p) {
    const { distN, angle } = grid;
    const tw = p.twist * Math.sin(ctx.t * 0.5);
    const t2 = ctx.t * 2;
    const gain = 0.5 + ctx.features.get('bass') * 0.8;
    for (let i = 0; i < out.length; i++) {
      const v = (Math.sin((angle[i] + distN[i] * tw) * 4 - t2) * 0.5 + 0.5) * gain;
      out[i] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
  },
});
