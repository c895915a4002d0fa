import { defineShader } from '@glyphreel/core';
import { BoundedCache, roundTo } from '../internal/cache.js';
import { registerBandStage, runStage, type BandStage } from '../internal/bands.js';
import { arena, kernels } from '../internal/simd/kernels.js';

/** The floor keeps corners from going black (catalog 9.3 item 27: elliptical, floor 0.15). */
export const VIGNETTE_FLOOR = 0.15;

/**
 * Point i of n evenly spaced over [−1, 1] (np.linspace; −1 for n = 1), made exactly symmetric: the second half is
 * the negated first half. −1 + 2i/(n − 1) alone rounds differently at i and n − 1 − i for about 40 % of the pairs
 * (so does np.linspace); with exact symmetry the factor map is mirror-symmetric, and the kernel takes a quarter of
 * the square roots (the map is built on a worker's first frame). The change to a factor is at most one 1/32768 step.
 */
const linspace11 = (i: number, n: number) => (n <= 1 ? -1 : 2 * i <= n - 1 ? -1 + (2 * i) / (n - 1) : 1 - (2 * (n - 1 - i)) / (n - 1));

/** Factor maps live in the SIMD arena; an evicted map's region goes back to it. */
const maps = new BoundedCache<number>(8, (ptr) => arena().release(ptr));

/**
 * clamp(1 − s·√(X² + Y²), 0.15, 1) with X and Y spanning [−1, 1] over the width and height (np.linspace), so the
 * falloff is elliptical on non-square frames. Returned as 1.15 fixed point, floor(f·32768) + 1, so that
 * (c·k) >> 15 = trunc(c·f) except when c·f lies within c/32768 below an integer (one byte value high there), and
 * k = 1.0 leaves every byte unchanged. 16-bit factors let the kernel multiply eight bytes per instruction.
 */
export function vignetteFactors(width: number, height: number, s: number, out: Uint16Array = new Uint16Array(width * height)): Uint16Array {
  for (let y = 0; y < height; y++) {
    const Y = linspace11(y, height);
    for (let x = 0; x < width; x++) {
      const X = linspace11(x, width);
      const v = 1 - Math.sqrt(X * X + Y * Y) * s;
      out[y * width + x] = Math.floor((v < VIGNETTE_FLOOR ? VIGNETTE_FLOOR : v > 1 ? 1 : v) * 32768) + 1;
    }
  }
  return out;
}

/** X² per column, the kernel's input: out[x] = linspace11(x, width)². */
export function columnSquares(width: number, out: Float64Array): Float64Array {
  for (let x = 0; x < width; x++) {
    const X = linspace11(x, width);
    out[x] = X * X;
  }
  return out;
}

/** The address of the cached factors for a size and an already rounded s (computed by a kernel: ~40 → ~6 ms). */
function cachedVignetteFactors(width: number, height: number, s: number): number {
  return maps.lookup(width, height, s, 0, 0, () => {
    const a = arena();
    const ptr = a.alloc(width * height * 2);
    const xxPtr = a.scratch('vignette:xx', width * 8);
    columnSquares(width, new Float64Array(a.buffer, xxPtr, width));
    kernels().vignette_factors(ptr, xxPtr, width, height, s, VIGNETTE_FLOOR);
    return ptr;
  });
}

export const vignette = defineShader({
  name: 'vignette',
  description: 'Edge darkening by clamp(1 − s·r, 0.15, 1), elliptical; factors cached per size and s (2 decimals)',
  params: {
    s: { type: 'number', default: 0.22, min: 0, max: 10, description: 'darkening per unit of normalized radius' },
  },
  apply(frame, p, ctx) {
    runStage(vignetteStage, frame, p, ctx);
  },
});

/** Vignette as a band stage: the cached factor map, then each band's pixels times their factors. */
export const vignetteStage: BandStage<{ s: number }> = {
  readsFrame: false,
  prepare(frame, _ptr, p, _ctx, st) {
    const s = roundTo(p.s, 2);
    if (s === 0) return false;
    st.factors = cachedVignetteFactors(frame.width, frame.height, s);
    return true;
  },
  rows(ptr, frame, y0, y1, st) {
    const { width } = frame;
    kernels().mul_pixels(ptr + y0 * width * 3, (y1 - y0) * width, st.factors! + y0 * width * 2);
  },
};
registerBandStage(vignette, vignetteStage);
