import { defineShader } from '@glyphreel/core';
import { adjustHsv } from '../internal/hsv.js';

export const saturation = defineShader({
  name: 'saturation',
  description: 'HSV saturation multiplied by factor and clamped to [0, 1]',
  params: {
    factor: { type: 'number', default: 1.5, min: 0, max: 100, description: '>1 more saturated, <1 towards grey' },
  },
  apply(frame, p) {
    adjustHsv(frame.data, 0, p.factor);
  },
});
