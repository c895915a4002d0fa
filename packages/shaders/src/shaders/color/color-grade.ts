import { defineShader } from '@glyphreel/core';
import { applyChannelLuts, fillLut } from '../internal/bytes.js';

export const colorGrade = defineShader({
  name: 'color_grade',
  description: 'Per-channel multiply, clamped (the tint presets feed this)',
  params: {
    tint: {
      type: 'array',
      items: { type: 'number', min: 0, max: 100 },
      length: 3,
      default: [1, 1, 1],
      description: '(R, G, B) multipliers',
    },
  },
  apply(frame, p, ctx) {
    const [tr, tg, tb] = p.tint as [number, number, number];
    if (tr === 1 && tg === 1 && tb === 1) return;
    const s = ctx.scratch;
    applyChannelLuts(
      frame.data,
      fillLut(s.u8('color_grade:r', 256), (c) => c * tr),
      fillLut(s.u8('color_grade:g', 256), (c) => c * tg),
      fillLut(s.u8('color_grade:b', 256), (c) => c * tb),
    );
  },
});
