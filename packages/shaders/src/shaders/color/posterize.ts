import { defineShader } from '@glyphreel/core';
import { applyLut, fillLut } from '../internal/bytes.js';

/** Steps are 256/levels wide and start at 0, so the top level is below 255 (catalog 9.3 item 27). */
export const posterize = defineShader({
  name: 'posterize',
  description: 'Quantize each channel to `levels` values: floor(c/(256/levels))·(256/levels)',
  params: {
    levels: { type: 'integer', default: 4, min: 1, max: 256, description: 'values per channel' },
  },
  apply(frame, p, ctx) {
    const step = 256 / p.levels;
    const lut = fillLut(ctx.scratch.u8('posterize:lut', 256), (c) => Math.floor(c / step) * step);
    applyLut(frame.data, lut);
  },
});
