import { defineValueEffect } from '@glyphreel/core';
import { int, num } from '../schema.js';

/** Depth illusion from 1/(distN+0.1): a sine travelling along depth averaged with an angular×depth sine. */
export const tunnel = defineValueEffect({
  name: 'tunnel',
  pure: true,
  description: 'Infinite-zoom tunnel from inverse distance',
  params: {
    speed: num(3, -50, 50, 'travel speed along depth'),
    complexity: int(6, 0, 64, 'angular repeats'),
  },
  fill(out, grid, ctx, p) {
    const { distN, angle } = grid;
    const ts = ctx.t * p.speed;
    const t2 = ctx.t * 2;
    const cx = p.complexity;
    for (let i = 0; i < out.length; i++) {
      const d = 1 / (distN[i] + 0.1);
      const v1 = Math.sin(d * 2 - ts) * 0.45 + 0.55;
      const v2 = Math.sin(angle[i] * cx + d * 1.5 - t2) * 0.35 + 0.55;
      const v = v1 * 0.5 + v2 * 0.5;
      out[i] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
  },
});
