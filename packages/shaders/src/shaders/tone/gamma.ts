import { defineShader } from '@glyphreel/core';
import { applyLut, fillLut } from '../internal/bytes.js';

export const gamma = defineShader({
  name: 'gamma',
  description: '(c/255)^(1/gamma)·255; gamma > 1 brightens the mids',
  params: {
    gamma: { type: 'number', default: 1.5, min: 0.01, max: 100, description: 'gamma; 1 = identity' },
  },
  apply(frame, p, ctx) {
    const e = 1 / p.gamma;
    applyLut(frame.data, fillLut(ctx.scratch.u8('gamma:lut', 256), (c) => (c / 255) ** e * 255));
  },
});
