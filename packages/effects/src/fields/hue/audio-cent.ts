import { defineHue } from '@glyphreel/core';
import { frac } from './wrap.js';

/**
 * `hf_audio_cent`: uniform 0.3·cent (timbre shifts the colour). The reference reads cent with a 0.5 default; here an
 * absent feature reads the project-wide 0.3 like every other feature.
 */
export const audioCentHue = defineHue({
  name: 'audio_cent',
  description: 'One hue everywhere, following the spectral centroid',
  params: {},
  fill(out, _grid, ctx) {
    out.fill(frac(ctx.features.get('cent') * 0.3));
  },
});
