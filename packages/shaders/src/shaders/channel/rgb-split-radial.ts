import { defineShader } from '@glyphreel/core';
import { BoundedCache, roundTo } from '../internal/cache.js';
import { arena } from '../internal/simd/arena.js';
import { WASM_BASE64 } from '../internal/simd/remap-wasm.js';

/** The export of wasm/remap.wat.mjs this shader uses (pointers into the arena). */
interface SplitKernel {
  gather_rb(p: number, npx: number, red: number, blue: number, src: number): void;
}

interface SplitMaps {
  red: Int32Array;
  blue: Int32Array;
}

/** Both maps of a size and strength in one arena region (red, then blue; byte offsets, i32), released on eviction. */
const maps = new BoundedCache<number>(8, (ptr) => arena().release(ptr));

/**
 * Offset = trunc(unit radial vector · strength·dist/maxdist) about (W//2, H//2) (the unit vector uses dist + 1, as the
 * reference); red samples outward (+offset), blue inward (−offset), both clamped. Source pixel indices times `scale`
 * (3 gives byte offsets).
 */
export function rgbSplitMaps(
  width: number,
  height: number,
  strength: number,
  out: SplitMaps = { red: new Int32Array(width * height), blue: new Int32Array(width * height) },
  scale = 1,
): SplitMaps {
  const { red, blue } = out;
  const cx = width >> 1;
  const cy = height >> 1;
  const maxDist = Math.sqrt(cx * cx + cy * cy) || 1;
  const clampX = (v: number) => (v < 0 ? 0 : v >= width ? width - 1 : v);
  const clampY = (v: number) => (v < 0 ? 0 : v >= height ? height - 1 : v);
  for (let y = 0; y < height; y++) {
    const ry = y - cy;
    for (let x = 0; x < width; x++) {
      const rx = x - cx;
      const dist = Math.sqrt(rx * rx + ry * ry);
      const factor = (dist / maxDist) * strength;
      const dy = Math.trunc((ry / (dist + 1)) * factor);
      const dx = Math.trunc((rx / (dist + 1)) * factor);
      const i = y * width + x;
      red[i] = (clampY(y + dy) * width + clampX(x + dx)) * scale;
      blue[i] = (clampY(y - dy) * width + clampX(x - dx)) * scale;
    }
  }
  return out;
}

export const rgbSplitRadial = defineShader({
  name: 'rgb_split_radial',
  description: 'Radial chromatic aberration growing with distance from the centre; maps cached per size and strength (2 decimals)',
  params: {
    strength: { type: 'number', default: 5, min: 0, max: 512, description: 'offset in pixels at the corners' },
  },
  apply(frame, p) {
    const s = roundTo(p.strength, 2);
    if (s === 0) return;
    const { width, height, data } = frame;
    const npx = width * height;
    if (npx === 0) return;
    const a = arena();
    const red = maps.lookup(width, height, s, 0, 0, () => {
      const ptr = a.alloc(npx * 8);
      rgbSplitMaps(width, height, s, { red: a.i32(ptr, npx), blue: a.i32(ptr + npx * 4, npx) }, 3);
      return ptr;
    });
    const src = a.scratch('remap:source', 3 * npx + 4);
    const kernel = a.load<SplitKernel>(WASM_BASE64);
    a.withBytes(data, (ptr) => kernel.gather_rb(ptr, npx, red, red + npx * 4, src));
  },
});
