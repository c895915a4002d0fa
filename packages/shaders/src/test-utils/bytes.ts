import type { Rng } from '@glyphreel/core';

/** Where two rgb24 byte arrays first differ. */
export interface PixelDiff {
  /** Pixel index (−1 when the lengths differ); x and y when the width was given. */
  pixel: number;
  x?: number;
  y?: number;
  got: number[];
  want: number[];
}

/**
 * The first pixel where two rgb24 byte arrays differ, with both values, or null. Kernel tests compare whole frames
 * with it: jest's deep equality is slow on big arrays and prints them whole.
 */
export function firstDiff(got: Uint8Array, want: Uint8Array, width?: number): PixelDiff | null {
  if (got.length !== want.length) return { pixel: -1, got: [got.length], want: [want.length] };
  for (let i = 0; i < got.length; i++) {
    if (got[i] !== want[i]) {
      const o = i - (i % 3);
      const pixel = o / 3;
      const at = width ? { x: pixel % width, y: Math.floor(pixel / width) } : {};
      return { pixel, ...at, got: [...got.subarray(o, o + 3)], want: [...want.subarray(o, o + 3)] };
    }
  }
  return null;
}

/** n uniform random bytes from `rng`. */
export function randomBytes(rng: Rng, n: number): Uint8Array {
  const d = new Uint8Array(n);
  for (let i = 0; i < n; i++) d[i] = rng.int(0, 255);
  return d;
}
