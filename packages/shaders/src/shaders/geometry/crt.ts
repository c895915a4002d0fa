import { defineShader } from '@glyphreel/core';
import { roundTo } from '../internal/cache.js';
import { cachedRemap } from '../internal/simd/gather.js';

/**
 * Source pixel index per output pixel for barrel distortion k, times `scale` (3 gives byte offsets). Written as
 * x + (x − cx)·k·r² rather than the reference's nx·factor·cx + cx so that k = 0 maps every pixel exactly onto
 * itself. A sample outside the frame is the index width·height (times `scale`): black, the bezel. The reference
 * clamps to the edge, which smears the border pixels into solid blocks (README "Decisions").
 */
export function crtMap(
  width: number,
  height: number,
  k: number,
  out: Int32Array = new Int32Array(width * height),
  scale = 1,
): Int32Array {
  const cx = width / 2;
  const cy = height / 2;
  for (let y = 0; y < height; y++) {
    const ny = (y - cy) / cy;
    for (let x = 0; x < width; x++) {
      const nx = (x - cx) / cx;
      const f = k * (nx * nx + ny * ny);
      const sx = Math.floor(x + (x - cx) * f);
      const sy = Math.floor(y + (y - cy) * f);
      const outside = sx < 0 || sx >= width || sy < 0 || sy >= height;
      out[y * width + x] = (outside ? width * height : sy * width + sx) * scale;
    }
  }
  return out;
}

const remap = cachedRemap((width, height, param, out) => crtMap(width, height, param, out, 3));

export const crt = defineShader({
  name: 'crt',
  description: 'CRT barrel distortion (nearest neighbour; samples outside the frame are black, a bezel); the remap is cached per size and strength (3 decimals)',
  params: {
    strength: { type: 'number', default: 0.05, min: -1, max: 1, description: 'barrel factor k: sample at n·(1 + k·r²)' },
  },
  apply(frame, p) {
    const k = roundTo(p.strength, 3);
    if (k !== 0) remap(frame, k);
  },
});
