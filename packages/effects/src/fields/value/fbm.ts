import { defineValueEffect } from '@glyphreel/core';
import { isLatticeGrid } from '../axes.js';
import { valueNoiseOctave } from '../noise/value-noise.js';
import { int, num } from '../schema.js';

/**
 * Fractal Brownian motion over value noise. y frequency is 0.85× x; octave i scrolls with speed·t·(1+0.3i) and is
 * offset by (17.3i, 31.7i); the sum is divided by the geometric amplitude sum.
 */
export const fbm = defineValueEffect({
  name: 'fbm',
  pure: true,
  description: 'Fractal Brownian motion: octaved value noise for clouds, smoke, terrain',
  params: {
    octaves: int(5, 1, 10, 'noise layers'),
    freq: num(0.06, 0, 10, 'base spatial frequency'),
    lacunarity: num(2, 1, 4, 'frequency multiplier per octave'),
    gain: num(0.5, 0, 1, 'amplitude multiplier per octave'),
    speed: num(0.2, -50, 50, 'evolution speed'),
    bri: num(0.8, 0, 2, 'brightness'),
  },
  fill(out, grid, ctx, p) {
    const n = out.length;
    const fast = isLatticeGrid(grid);
    let amp = 1;
    let fx = p.freq;
    let fy = p.freq * 0.85;
    for (let o = 0; o < p.octaves; o++) {
      const phase = ctx.t * p.speed * (1 + o * 0.3);
      valueNoiseOctave(out, grid, fast, ctx, 'fbm', o, fx, phase + o * 17.3, fy, -phase * 0.6 + o * 31.7, amp, o > 0);
      amp *= p.gain;
      fx *= p.lacunarity;
      fy *= p.lacunarity;
    }
    const maxAmp = p.gain !== 1 ? (1 - p.gain ** p.octaves) / (1 - p.gain) : p.octaves;
    const k = (p.bri * (0.6 + ctx.features.get('rms') * 0.6)) / maxAmp;
    for (let i = 0; i < n; i++) {
      const v = out[i] * k;
      out[i] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
  },
});
