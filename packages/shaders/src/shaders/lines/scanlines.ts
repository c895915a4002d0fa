import { defineShader } from '@glyphreel/core';
import { fillLut } from '../internal/bytes.js';
import { lutRows } from '../internal/simd/kernels.js';

/** trunc(c·(1 − intensity)) for every byte. */
function scanlineLut(lut: Uint8Array, intensity: number): Uint8Array {
  const k = 1 - intensity;
  return fillLut(lut, (c) => c * k);
}

export const scanlines = defineShader({
  name: 'scanlines',
  description: 'Every spacing-th row, starting at row 0, multiplied by 1 − intensity',
  params: {
    intensity: { type: 'number', default: 0.08, min: 0, max: 1, description: 'darkening of the affected rows' },
    spacing: { type: 'integer', default: 3, min: 1, max: 4096, description: 'row period' },
  },
  apply(frame, p, ctx) {
    if (p.intensity === 0) return;
    const lut = scanlineLut(ctx.scratch.u8('scanlines:lut', 256), p.intensity);
    lutRows(frame.data, lut, frame.width * 3, 0, p.spacing);
  },
});
