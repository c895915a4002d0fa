import { defineShader } from '@glyphreel/core';
import { BoundedCache } from '../internal/cache.js';
import { arena } from '../internal/simd/arena.js';
import { WASM_BASE64 } from '../internal/simd/remap-wasm.js';

/** The export of wasm/remap.wat.mjs this shader uses (pointers into the arena). */
interface GatherKernel {
  gather_px(p: number, npx: number, map: number, src: number): void;
}

/** Maps live in the SIMD arena (byte offsets, i32); an evicted map's region goes back to it. */
const maps = new BoundedCache<number>(8, (ptr) => arena().release(ptr));

/**
 * Polar fold about (W//2, H//2): folded angle |(θ mod 2π/folds) − π/folds|, sampled nearest and clamped. Source pixel
 * index per output pixel, times `scale` (3 gives byte offsets).
 */
export function kaleidoscopeMap(
  width: number,
  height: number,
  folds: number,
  out: Int32Array = new Int32Array(width * height),
  scale = 1,
): Int32Array {
  const cx = width >> 1;
  const cy = height >> 1;
  const wedge = (2 * Math.PI) / folds;
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    for (let x = 0; x < width; x++) {
      const dx = x - cx;
      const dist = Math.sqrt(dx * dx + dy * dy);
      let m = Math.atan2(dy, dx) % wedge;
      if (m < 0) m += wedge; // Python's % is a floor modulo
      const a = Math.abs(m - wedge / 2);
      let sx = Math.trunc(cx + dist * Math.cos(a));
      let sy = Math.trunc(cy + dist * Math.sin(a));
      sx = sx < 0 ? 0 : sx >= width ? width - 1 : sx;
      sy = sy < 0 ? 0 : sy >= height ? height - 1 : sy;
      out[y * width + x] = (sy * width + sx) * scale;
    }
  }
  return out;
}

export const kaleidoscope = defineShader({
  name: 'kaleidoscope',
  description: 'Radial symmetry by folding the polar angle into one wedge; reads from a copy of the frame',
  params: {
    folds: { type: 'integer', default: 6, min: 1, max: 64, description: 'number of wedges' },
  },
  apply(frame, p) {
    const { width, height, data } = frame;
    const npx = width * height;
    if (npx === 0) return;
    const a = arena();
    const map = maps.lookup(width, height, p.folds, 0, 0, () => {
      const ptr = a.alloc(npx * 4);
      kaleidoscopeMap(width, height, p.folds, a.i32(ptr, npx), 3);
      return ptr;
    });
    // The kernel moves 4 bytes per pixel, so the copy it reads from has one byte to spare.
    const src = a.scratch('remap:source', 3 * npx + 4);
    const kernel = a.load<GatherKernel>(WASM_BASE64);
    a.withBytes(data, (ptr) => kernel.gather_px(ptr, npx, map, src));
  },
});
