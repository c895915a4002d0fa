import { defineHue } from '@glyphreel/core';
import { num } from '../schema.js';
import { frac } from './wrap.js';

/** `hf_angle`: θ/2π + offset + 0.05t, a rotating rainbow wheel. */
export const angleHue = defineHue({
  name: 'angle',
  description: 'Hue from the angle about the centre: a rotating rainbow wheel',
  params: { offset: num(0, -1000, 1000, 'hue offset') },
  fill(out, grid, ctx, p) {
    const { angle } = grid;
    const k = 1 / (2 * Math.PI);
    const o = p.offset + ctx.t * 0.05;
    for (let i = 0; i < out.length; i++) out[i] = frac(angle[i] * k + o);
  },
});
