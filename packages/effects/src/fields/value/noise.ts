import { defineValueEffect } from '@glyphreel/core';
import { isLatticeGrid } from '../axes.js';
import { valueNoiseOctave } from '../noise/value-noise.js';
import { num } from '../schema.js';

/** Value noise at (cc·freq + speed·t, 0.8·rr·freq − 0.4·speed·t), ×bri. */
export const noise = defineValueEffect({
  name: 'noise',
  pure: true,
  description: 'Smooth value noise (lattice hash, smootherstep interpolation)',
  params: {
    freq: num(0.08, 0, 10, 'spatial frequency'),
    speed: num(0.3, -50, 50, 'scroll speed'),
    bri: num(0.7, 0, 2, 'brightness'),
  },
  fill(out, grid, ctx, p) {
    const t = ctx.t;
    valueNoiseOctave(out, grid, isLatticeGrid(grid), ctx, 'noise', 0, p.freq, t * p.speed, p.freq * 0.8, -t * p.speed * 0.4, p.bri, false);
    for (let i = 0; i < out.length; i++) if (out[i] > 1) out[i] = 1;
  },
});
