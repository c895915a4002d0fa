import { defineShader } from '@glyphreel/core';
import { applyLut, fillLut } from '../internal/bytes.js';

export const contrast = defineShader({
  name: 'contrast',
  description: '(c − 128)·factor + 128, clamped',
  params: {
    factor: { type: 'number', default: 1.3, min: 0, max: 100, description: '>1 more contrast, <1 flatter' },
  },
  apply(frame, p, ctx) {
    const f = p.factor;
    applyLut(frame.data, fillLut(ctx.scratch.u8('contrast:lut', 256), (c) => (c - 128) * f + 128));
  },
});
