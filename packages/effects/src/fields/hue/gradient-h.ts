import { defineHue } from '@glyphreel/core';
import { num } from '../schema.js';
import { frac } from './wrap.js';

/** `hf_gradient_h`: start + (cc/cols)(end − start), left to right. */
export const gradientHHue = defineHue({
  name: 'gradient_h',
  description: 'Left-to-right hue gradient',
  params: {
    start: num(0, -1000, 1000, 'hue at the left edge'),
    end: num(1, -1000, 1000, 'hue at the right edge'),
  },
  fill(out, grid, _ctx, p) {
    const { col, cols } = grid;
    const k = (p.end - p.start) / cols;
    for (let i = 0; i < out.length; i++) out[i] = frac(p.start + col[i] * k);
  },
});
