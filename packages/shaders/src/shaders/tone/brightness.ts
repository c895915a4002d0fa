import { defineShader } from '@glyphreel/core';
import { applyLut, fillLut } from '../internal/bytes.js';

export const brightness = defineShader({
  name: 'brightness',
  description: 'Linear multiply, clamped (prefer tonemap for scene-level brightness)',
  params: {
    factor: { type: 'number', default: 1.5, min: 0, max: 100, description: 'multiplier' },
  },
  apply(frame, p, ctx) {
    const f = p.factor;
    applyLut(frame.data, fillLut(ctx.scratch.u8('brightness:lut', 256), (c) => c * f));
  },
});
