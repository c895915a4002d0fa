import { defineRgbHue, oklchToRgb } from '@glyphreel/core';
import { num } from '../schema.js';
import { frac } from './wrap.js';

/** Hue steps of the colour wheel table: 4096 keeps neighbouring entries within about one byte of each other. */
const STEPS = 4096;

/** Wheels by (lightness, chroma); a handful of layers use a handful of settings, so a small cache suffices. */
const wheels = new Map<string, Uint8Array>();
const MAX_WHEELS = 16;

/** The RGB wheel at fixed L and C, built once per (lightness, chroma) and shared. */
let last: { lightness: number; chroma: number; rgb: Uint8Array } = { lightness: NaN, chroma: NaN, rgb: new Uint8Array(0) };

function wheelFor(lightness: number, chroma: number): Uint8Array {
  if (last.lightness === lightness && last.chroma === chroma) return last.rgb;
  const key = `${lightness}|${chroma}`;
  const hit = wheels.get(key);
  if (hit) {
    last = { lightness, chroma, rgb: hit };
    return hit;
  }
  const rgb = new Uint8Array(STEPS * 3);
  for (let k = 0; k < STEPS; k++) {
    const [r, g, b] = oklchToRgb(lightness, chroma, k / STEPS);
    rgb[k * 3] = r;
    rgb[k * 3 + 1] = g;
    rgb[k * 3 + 2] = b;
  }
  if (wheels.size >= MAX_WHEELS) wheels.delete(wheels.keys().next().value!);
  wheels.set(key, rgb);
  last = { lightness, chroma, rgb };
  return rgb;
}

/**
 * `hf_oklch_angle`: OKLCH hue θ/2π + offset + 0.05t at fixed lightness and chroma, written as RGB bytes
 * (perceptually even brightness around the wheel, unlike HSV). The colour wheel is tabulated (4096 hues) per (L, C),
 * so a frame costs one lookup per cell instead of an OKLab→sRGB conversion. Out-of-gamut colours are clipped per
 * channel (core's oklchToRgb).
 */
export const oklchAngleHue = defineRgbHue({
  name: 'oklch_angle',
  description: 'Perceptually even rainbow wheel in OKLCH (writes RGB)',
  params: {
    offset: num(0, -1000, 1000, 'hue offset'),
    chroma: num(0.12, 0, 0.4, 'OKLCH chroma'),
    lightness: num(0.7, 0, 1, 'OKLCH lightness'),
  },
  fill(out, grid, ctx, p) {
    const rgb = wheelFor(p.lightness, p.chroma);
    const { angle } = grid;
    const k = 1 / (2 * Math.PI);
    const o = p.offset + ctx.t * 0.05;
    const n = grid.rows * grid.cols;
    for (let i = 0; i < n; i++) {
      const j = ((frac(angle[i] * k + o) * STEPS) | 0) * 3;
      out[i * 3] = rgb[j];
      out[i * 3 + 1] = rgb[j + 1];
      out[i * 3 + 2] = rgb[j + 2];
    }
  },
});
