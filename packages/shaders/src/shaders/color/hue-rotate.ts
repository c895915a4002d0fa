import { defineShader } from '@glyphreel/core';
import { adjustHsv } from '../internal/hsv.js';

export const hueRotate = defineShader({
  name: 'hue_rotate',
  description: 'RGB → HSV, h += amount (mod 1), back to RGB',
  params: {
    amount: { type: 'number', default: 0.1, min: -100, max: 100, description: 'hue turns (1 = a full turn)' },
  },
  apply(frame, p) {
    adjustHsv(frame.data, p.amount, 1);
  },
});
