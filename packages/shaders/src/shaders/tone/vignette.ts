import { defineShader } from '@glyphreel/core';
import { BoundedCache, roundTo } from '../internal/cache.js';
import { frameWords } from '../internal/packed.js';
import { groupWords } from '../internal/words.js';

/** The floor keeps corners from going black (catalog 9.3 item 27: elliptical, floor 0.15). */
export const VIGNETTE_FLOOR = 0.15;

const maps = new BoundedCache<Int32Array>();

/**
 * clamp(1 − s·√(X² + Y²), 0.15, 1) with X and Y spanning [−1, 1] over the width and height (np.linspace), so the
 * falloff is elliptical on non-square frames. Returned as 16.16 fixed point, floor(f·65536) + 1, so that
 * (c·k) >>> 16 = trunc(c·f) except when c·f lies within c/65536 below an integer (one byte value high there), and
 * k = 1.0 leaves every byte unchanged. Integer multiplies run twice as fast as float ones here.
 */
export function vignetteFactors(width: number, height: number, s: number): Int32Array {
  const f = new Int32Array(width * height);
  const lin = (i: number, n: number) => (n > 1 ? -1 + (2 * i) / (n - 1) : -1);
  for (let y = 0; y < height; y++) {
    const Y = lin(y, height);
    for (let x = 0; x < width; x++) {
      const X = lin(x, width);
      const v = 1 - Math.sqrt(X * X + Y * Y) * s;
      f[y * width + x] = Math.floor((v < VIGNETTE_FLOOR ? VIGNETTE_FLOOR : v > 1 ? 1 : v) * 65536) + 1;
    }
  }
  return f;
}

/** The cached factors for a size and an already rounded s. */
function cachedVignetteFactors(width: number, height: number, s: number): Int32Array {
  return maps.lookup(width, height, s, 0, 0, vignetteFactors);
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
    const f = cachedVignetteFactors(width, height, s);
    scalePixels(data, f);
  },
});

/**
 * Every channel of pixel i multiplied by the fixed-point factor f[i] ≤ 1 and truncated. Four pixels are read and written as three words;
 * the factors are ≤ 1, so no byte overflows and no clamp is needed.
 */
function scalePixels(data: Uint8Array, f: Int32Array): void {
  const npx = f.length;
  const words = frameWords(data);
  let i = 0;
  if (words) {
    const nw = groupWords(data);
    for (let k = 0; k < nw; k += 3, i += 4) {
      const f0 = f[i]!;
      const f1 = f[i + 1]!;
      const f2 = f[i + 2]!;
      const f3 = f[i + 3]!;
      const w0 = words[k]!;
      const w1 = words[k + 1]!;
      const w2 = words[k + 2]!;
      words[k] = (((w0 & 255) * f0) >>> 16) | ((((w0 >>> 8) & 255) * f0) >>> 16) << 8
        | ((((w0 >>> 16) & 255) * f0) >>> 16) << 16 | (((w0 >>> 24) * f1) >>> 16) << 24;
      words[k + 1] = (((w1 & 255) * f1) >>> 16) | ((((w1 >>> 8) & 255) * f1) >>> 16) << 8
        | ((((w1 >>> 16) & 255) * f2) >>> 16) << 16 | (((w1 >>> 24) * f2) >>> 16) << 24;
      words[k + 2] = (((w2 & 255) * f2) >>> 16) | ((((w2 >>> 8) & 255) * f3) >>> 16) << 8
        | ((((w2 >>> 16) & 255) * f3) >>> 16) << 16 | (((w2 >>> 24) * f3) >>> 16) << 24;
    }
  }
  for (let o = i * 3; i < npx; i++, o += 3) {
    const k = f[i]!;
    data[o] = (data[o]! * k) >>> 16;
    data[o + 1] = (data[o + 1]! * k) >>> 16;
    data[o + 2] = (data[o + 2]! * k) >>> 16;
  }
}
