import { defineValueEffect } from '@glyphreel/core';
import { num } from '../schema.js';

/**
 * Fresh white noise every frame, drawn from ctx.rng (the reference uses NumPy's unseeded global RNG, so it was not
 * reproducible). Unclipped in the reference with max = density; density is limited to [0,1] here, so the field is
 * in [0,1] without a clip and values are otherwise unchanged.
 */
export const noiseStatic = defineValueEffect({
  name: 'noise_static',
  pure: true,
  description: 'White noise, new every frame (seeded from the layer RNG)',
  params: {
    density: num(0.4, 0, 1, 'peak value before the rms gain'),
  },
  fill(out, _grid, ctx, p) {
    const gain = p.density * (0.5 + ctx.features.get('rms') * 0.5);
    const rng = ctx.rng;
    for (let i = 0; i < out.length; i++) out[i] = rng.next() * gain;
  },
});
