import { defineShader } from '@glyphreel/core';
import { BoundedCache } from '../internal/cache.js';
import { gatherPacked, PACKED_COPY_KEY, unpackPixels } from '../internal/packed.js';

const maps = new BoundedCache<Int32Array>();

/** Polar fold about (W//2, H//2): folded angle |(θ mod 2π/folds) − π/folds|, sampled nearest and clamped. */
export function kaleidoscopeMap(width: number, height: number, folds: number): Int32Array {
  const map = new Int32Array(width * height);
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
      map[y * width + x] = sy * width + sx;
    }
  }
  return map;
}

export const kaleidoscope = defineShader({
  name: 'kaleidoscope',
  description: 'Radial symmetry by folding the polar angle into one wedge; reads from a copy of the frame',
  params: {
    folds: { type: 'integer', default: 6, min: 1, max: 64, description: 'number of wedges' },
  },
  apply(frame, p, ctx) {
    const { width, height } = frame;
    const map = maps.lookup(width, height, p.folds, 0, 0, kaleidoscopeMap);
    const src = ctx.scratch.i32(PACKED_COPY_KEY, width * height);
    unpackPixels(frame.data, src);
    gatherPacked(src, map, frame.data);
  },
});
