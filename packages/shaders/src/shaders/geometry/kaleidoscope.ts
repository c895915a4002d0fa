import { defineShader } from '@glyphreel/core';
import { cachedRemap } from '../internal/simd/gather.js';

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

const remap = cachedRemap((width, height, param, out) => kaleidoscopeMap(width, height, param, out, 3));

export const kaleidoscope = defineShader({
  name: 'kaleidoscope',
  description: 'Radial symmetry by folding the polar angle into one wedge; reads from a copy of the frame',
  params: {
    folds: { type: 'integer', default: 6, min: 1, max: 64, description: 'number of wedges' },
  },
  apply(frame, p) {
    remap(frame, p.folds);
  },
});
