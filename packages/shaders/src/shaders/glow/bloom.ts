import { defineShader } from '@glyphreel/core';
import { arena } from '../internal/simd/kernels.js';

const FACTOR = 4;

/**
 * The seed's bloom: stride-4 downsample, keep channel values > thr (others 0), three 3×3 box blurs with edge padding,
 * upsample by repetition, then ADD 0.5·blur and clamp. The reference docstring says "screen" but its code adds, and
 * adding is what the rest of the pipeline was tuned with (catalog 9.3 item 27), so this adds.
 *
 * Both halves are SIMD kernels: bloom_grid (sample, threshold, the blur as three x passes then three y passes in
 * integer lanes — box filters along x and y with edge padding are separable — and floor(sum / 1458) per channel,
 * since floor(c + 0.5·blur) = c + floor(0.5·blur) for integer c), then add_blocks_row per frame row, which skips
 * groups of blocks whose glow is zero (far from anything bright). Channel values compare as integers, so a
 * fractional thr (from audio scaling) acts as its floor.
 */
export function bloomInPlace(data: Uint8Array, width: number, height: number, thr: number): void {
  const sw = Math.ceil(width / FACTOR);
  const sh = Math.ceil(height / FACTOR);
  const n = sw * sh * 3 + 4;
  const arn = arena();
  const a = arn.scratch('bloom:a', n * 4);
  const b = arn.scratch('bloom:b', n * 4);
  const add = arn.scratch('bloom:add', sw * sh * 4);
  const k = arn.kernels;
  const stride = width * 3;
  const t = Math.floor(thr);
  arn.withBytes(data, (ptr) => {
    if (!k.bloom_grid(ptr, width, height, t, a, b, add)) return;
    for (let y = 0; y < height; y++) k.add_blocks_row(ptr + y * stride, width, add + (y >> 2) * sw * 4);
  });
}

export const bloom = defineShader({
  name: 'bloom',
  description: 'Glow around bright areas: 4× downsample, threshold, 3 box-blur passes, add 0.5·blur',
  params: {
    thr: { type: 'number', default: 130, min: 0, max: 255, description: 'channel values above it glow' },
  },
  apply(frame, p) {
    bloomInPlace(frame.data, frame.width, frame.height, p.thr);
  },
});
