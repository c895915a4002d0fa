import { defineHue } from '@glyphreel/core';
import { num } from '../schema.js';

/** `hf_fixed`: one hue everywhere (taken mod 1). */
export const fixedHue = defineHue({
  name: 'fixed',
  description: 'A single hue everywhere',
  params: { hue: num(0.5, -1000, 1000, 'hue, taken mod 1') },
  fill(out, _grid, _ctx, p) {
    const h = p.hue - Math.floor(p.hue);
    out.fill(h >= 1 ? 0 : h);
  },
});
