import { defineValueEffect } from '@glyphreel/core';
import { num } from '../schema.js';

/** Legacy `eff_glow`: intensity·e^(−spread·distN)·(0.5 + 2·rms + 0.2·sin 1.2t), clipped to [0, 0.9]. */
export const glow = defineValueEffect({
  name: 'glow',
  pure: true,
  description: 'Pulsing centre glow (legacy eff_glow), capped at 0.9',
  params: {
    intensity: num(0.6, 0, 4, 'peak brightness'),
    spread: num(2, 0, 100, 'falloff with normalized distance'),
  },
  fill(out, grid, ctx, p) {
    const k = p.intensity * (0.5 + ctx.features.get('rms') * 2 + Math.sin(ctx.t * 1.2) * 0.2);
    const { distN } = grid;
    for (let i = 0; i < out.length; i++) {
      const v = k * Math.exp(-distN[i] * p.spread);
      out[i] = v < 0 ? 0 : v > 0.9 ? 0.9 : v;
    }
  },
});
