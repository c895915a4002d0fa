import { defineShader } from '@glyphreel/core';
import { applyLut, fillLut } from '../internal/bytes.js';

export const levels = defineShader({
  name: 'levels',
  description: 'Photoshop-style levels: clamp((c − black)/max(1, white − black))^(1/midtone)·255',
  params: {
    black: { type: 'number', default: 0, min: 0, max: 255, description: 'input black point' },
    white: { type: 'number', default: 255, min: 0, max: 255, description: 'input white point' },
    midtone: { type: 'number', default: 1, min: 0.01, max: 100, description: 'midtone gamma; >1 brightens' },
  },
  apply(frame, p, ctx) {
    const range = Math.max(1, p.white - p.black);
    const e = 1 / p.midtone;
    const lut = fillLut(ctx.scratch.u8('levels:lut', 256), (c) => {
      const v = (c - p.black) / range;
      return (v < 0 ? 0 : v > 1 ? 1 : v) ** e * 255;
    });
    applyLut(frame.data, lut);
  },
});
