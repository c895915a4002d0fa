import { defineShader } from '@glyphreel/core';
import { applyChannelLuts, fillLut } from '../internal/bytes.js';

/** The reference's phases, 2.09 and 4.19 (about 120° and 240°), kept as written. */
const PHASES = [0, 2.09, 4.19] as const;

export const colorWobble = defineShader({
  name: 'color_wobble',
  description: 'Channels multiplied by 1 + amt·sin(5t + φ), φ about 120° apart (rms-scaled in a chain)',
  params: {
    amt: { type: 'number', default: 0.3, min: 0, max: 10, description: 'modulation depth' },
  },
  apply(frame, p, ctx) {
    const w = 5 * ctx.t;
    const fr = 1 + p.amt * Math.sin(w + PHASES[0]);
    const fg = 1 + p.amt * Math.sin(w + PHASES[1]);
    const fb = 1 + p.amt * Math.sin(w + PHASES[2]);
    const s = ctx.scratch;
    applyChannelLuts(
      frame.data,
      fillLut(s.u8('color_wobble:r', 256), (c) => c * fr),
      fillLut(s.u8('color_wobble:g', 256), (c) => c * fg),
      fillLut(s.u8('color_wobble:b', 256), (c) => c * fb),
    );
  },
});
