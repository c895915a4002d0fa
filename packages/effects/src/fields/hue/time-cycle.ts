import { defineHue } from '@glyphreel/core';
import { num } from '../schema.js';
import { frac } from './wrap.js';

/** `hf_time_cycle`: uniform (t·speed) mod 1. */
export const timeCycleHue = defineHue({
  name: 'time_cycle',
  description: 'One hue everywhere, cycling with time',
  params: { speed: num(0.1, -100, 100, 'hue turns per second') },
  fill(out, _grid, ctx, p) {
    out.fill(frac(ctx.t * p.speed));
  },
});
