import { defineShader } from '@glyphreel/core';
import { BoundedCache, roundTo } from '../internal/cache.js';

/** The floor keeps corners from going black (catalog 9.3 item 27: elliptical, floor 0.15). */
export const VIGNETTE_FLOOR = 0.15;

const maps = new BoundedCache<Float32Array>();

/**
 * clamp(1 − s·√(X² + Y²), 0.15, 1) with X and Y spanning [−1, 1] over the width and height (np.linspace), so the
 * falloff is elliptical on non-square frames.
 */
export function vignetteFactors(width: number, height: number, s: number): Float32Array {
  const f = new Float32Array(width * height);
  const lin = (i: number, n: number) => (n > 1 ? -1 + (2 * i) / (n - 1) : -1);
  for (let y = 0; y < height; y++) {
    const Y = lin(y, height);
    for (let x = 0; x < width; x++) {
      const X = lin(x, width);
      const v = 1 - Math.sqrt(X * X + Y * Y) * s;
      f[y * width + x] = v < VIGNETTE_FLOOR ? VIGNETTE_FLOOR : v > 1 ? 1 : v;
    }
  }
  return f;
}

export const vignette = defineShader({
  name: 'vignette',
  description: 'Edge darkening by clamp(1 − s·r, 0.15, 1), elliptical; factors cached per size and s (2 decimals)',
  params: {
    s: { type: 'number', default: 0.22, min: 0, max: 10, description: 'darkening per unit of normalized radius' },
  },
  apply(frame, p) {
    const s = roundTo(p.s, 2);
    if (s === 0) return;
    const { width, height, data } = frame;
    const f = maps.get(`${width}x${height}:${s}`, () => vignetteFactors(width, height, s));
    const npx = width * height;
    // Factors are ≤ 1, so the products need no clamp; the Uint8Array store truncates.
    for (let i = 0, o = 0; i < npx; i++, o += 3) {
      const k = f[i]!;
      data[o] = data[o]! * k;
      data[o + 1] = data[o + 1]! * k;
      data[o + 2] = data[o + 2]! * k;
    }
  },
});
