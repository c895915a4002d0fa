import { defineShader } from '@glyphreel/core';
import { BoundedCache, roundTo } from '../internal/cache.js';
import { gatherPacked, PACKED_COPY_KEY, unpackPixels } from '../internal/packed.js';

const maps = new BoundedCache<Int32Array>();

/**
 * Source pixel index per output pixel for barrel distortion k. Written as x + (x − cx)·k·r² rather than the
 * reference's nx·factor·cx + cx so that k = 0 maps every pixel exactly onto itself.
 */
export function crtMap(width: number, height: number, k: number): Int32Array {
  const map = new Int32Array(width * height);
  const cx = width / 2;
  const cy = height / 2;
  for (let y = 0; y < height; y++) {
    const ny = (y - cy) / cy;
    for (let x = 0; x < width; x++) {
      const nx = (x - cx) / cx;
      const f = k * (nx * nx + ny * ny);
      let sx = Math.floor(x + (x - cx) * f);
      let sy = Math.floor(y + (y - cy) * f);
      sx = sx < 0 ? 0 : sx >= width ? width - 1 : sx;
      sy = sy < 0 ? 0 : sy >= height ? height - 1 : sy;
      map[y * width + x] = sy * width + sx;
    }
  }
  return map;
}

export const crt = defineShader({
  name: 'crt',
  description: 'CRT barrel distortion (nearest neighbour, clamped); the remap is cached per size and strength (3 decimals)',
  params: {
    strength: { type: 'number', default: 0.05, min: -1, max: 1, description: 'barrel factor k: sample at n·(1 + k·r²)' },
  },
  apply(frame, p, ctx) {
    const k = roundTo(p.strength, 3);
    if (k === 0) return;
    const { width, height } = frame;
    const map = maps.lookup(width, height, k, 0, 0, crtMap);
    const src = ctx.scratch.i32(PACKED_COPY_KEY, width * height);
    unpackPixels(frame.data, src);
    gatherPacked(src, map, frame.data);
  },
});
