import { defineHue } from '@glyphreel/core';
import { num } from '../schema.js';
import { frac } from './wrap.js';

/** `hf_gradient_v`: start + (rr/rows)(end − start), top to bottom. */
export const gradientVHue = defineHue({
  name: 'gradient_v',
  description: 'Top-to-bottom hue gradient',
  params: {
    start: num(0, -1000, 1000, 'hue at the top'),
    end: num(1, -1000, 1000, 'hue at the bottom'),
  },
  fill(out, grid, _ctx, p) {
    const { row, rows } = grid;
    const k = (p.end - p.start) / rows;
    for (let i = 0; i < out.length; i++) out[i] = frac(p.start + row[i] * k);
  },
});
