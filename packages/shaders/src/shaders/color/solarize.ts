import { defineShader } from '@glyphreel/core';
import { applyLut, fillLut } from '../internal/bytes.js';

/** Per channel, not per pixel (catalog 9.3 item 27): a pixel can end up with some channels inverted. */
export const solarize = defineShader({
  name: 'solarize',
  description: 'Each channel value above the threshold becomes 255 − value',
  params: {
    threshold: { type: 'number', default: 128, min: 0, max: 255, description: 'values strictly above it are inverted' },
  },
  apply(frame, p, ctx) {
    const lut = fillLut(ctx.scratch.u8('solarize:lut', 256), (c) => (c > p.threshold ? 255 - c : c));
    applyLut(frame.data, lut);
  },
});
