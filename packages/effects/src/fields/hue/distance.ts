import { defineHue } from '@glyphreel/core';
import { num } from '../schema.js';
import { frac } from './wrap.js';

/** `hf_distance`: base + dist·scale + 0.03t. */
export const distanceHue = defineHue({
  name: 'distance',
  description: 'Hue from the distance to the centre, drifting with time',
  params: {
    base: num(0.5, -1000, 1000, 'hue at the centre'),
    scale: num(0.02, -100, 100, 'hue change per cell of distance'),
  },
  fill(out, grid, ctx, p) {
    const { dist } = grid;
    const o = p.base + ctx.t * 0.03;
    for (let i = 0; i < out.length; i++) out[i] = frac(o + dist[i] * p.scale);
  },
});
