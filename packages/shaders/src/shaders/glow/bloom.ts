import { defineShader, type Scratch } from '@glyphreel/core';
import { arena } from '../internal/simd/kernels.js';

const FACTOR = 4;

/** Three clamped 3-tap passes over v[0..n) in place (the exact definition, used near the ends and on short lines). */
function cascade(v: Float64Array, n: number): void {
  for (let pass = 0; pass < 3; pass++) {
    let prev = v[0]!;
    let cur = prev;
    for (let k = 0; k < n; k++) {
      const next = k + 1 < n ? v[k + 1]! : cur;
      v[k] = prev + cur + next;
      prev = cur;
      cur = next;
    }
  }
}

const left = new Float64Array(7);
const right = new Float64Array(7);

/**
 * Three 3-tap box passes with edge padding along one line (a row or a column of one channel) of `a`, in place. Away
 * from the ends the three passes are the 7-tap kernel 1 3 6 7 6 3 1, computed from a sliding window that reads
 * three samples ahead of the one it writes; the three values at each end depend on the per-pass padding and come
 * from running the exact passes on copies of the first and last 7 samples. Sums of integers stay exact, so the
 * caller divides once at the end.
 */
function blurLine(a: Float32Array, start: number, step: number, n: number): void {
  // The blur of an all-zero line is zero: thresholded glyph frames are mostly such lines.
  let k0 = 0;
  for (let i = start; k0 < n; k0++, i += step) if (a[i] !== 0) break;
  if (k0 === n) return;
  if (n < 7) {
    for (let k = 0, i = start; k < n; k++, i += step) left[k] = a[i]!;
    cascade(left, n);
    for (let k = 0, i = start; k < n; k++, i += step) a[i] = left[k]!;
    return;
  }
  const tail = start + (n - 7) * step;
  for (let k = 0; k < 7; k++) {
    left[k] = a[start + k * step]!;
    right[k] = a[tail + k * step]!;
  }
  let x0 = left[0]!;
  let x1 = left[1]!;
  let x2 = left[2]!;
  let x3 = left[3]!;
  let x4 = left[4]!;
  let x5 = left[5]!;
  const ahead = 3 * step;
  for (let i = start + ahead, end = start + (n - 3) * step; i < end; i += step) {
    const x6 = a[i + ahead]!;
    a[i] = x0 + 3 * x1 + 6 * x2 + 7 * x3 + 6 * x4 + 3 * x5 + x6;
    x0 = x1;
    x1 = x2;
    x2 = x3;
    x3 = x4;
    x4 = x5;
    x5 = x6;
  }
  cascade(left, 7);
  cascade(right, 7);
  for (let k = 0; k < 3; k++) {
    a[start + k * step] = left[k]!;
    a[tail + (k + 4) * step] = right[k + 4]!;
  }
}

/**
 * Three passes of a 3×3 box blur with edge padding on an interleaved rgb image, unnormalized (×729). Box filters
 * along x and along y are separate linear operators (edge padding included), so three passes of the 3×3 box equal
 * three x-passes followed by three y-passes.
 */
export function boxBlur3x3Thrice(a: Float32Array, w: number, h: number): void {
  const stride = w * 3;
  for (let y = 0; y < h; y++) for (let c = 0; c < 3; c++) blurLine(a, y * stride + c, 3, w);
  for (let j = 0; j < stride; j++) blurLine(a, j, stride, h);
}

/**
 * The seed's bloom: stride-4 downsample, keep channel values > thr (others 0), three 3×3 box blurs with edge padding,
 * upsample by repetition, then ADD 0.5·blur and clamp. The reference docstring says "screen" but its code adds, and
 * adding is what the rest of the pipeline was tuned with (catalog 9.3 item 27), so this adds.
 */
export function bloomInPlace(data: Uint8Array, width: number, height: number, thr: number, scratch: Scratch): void {
  const add = bloomGrid(data, width, height, thr, scratch);
  if (add) addBloom(data, width, height, add);
}

/**
 * The glow to add per 4×4 block, packed 0x00bbggrr (each channel ≤ 127), one entry per block of a ceil(W/4) ×
 * ceil(H/4) grid, in the SIMD arena (returned as its address); 0 when nothing exceeds the threshold (the blur of
 * zeros is zero). floor(c + 0.5·blur) = c + floor(0.5·blur) for integer c, so the glow is an integer per block and
 * channel.
 */
function bloomGrid(data: Uint8Array, width: number, height: number, thr: number, scratch: Scratch): number {
  const sw = Math.ceil(width / FACTOR);
  const sh = Math.ceil(height / FACTOR);
  const n = sw * sh * 3;
  const a = scratch.f32('bloom:small', n);
  const stride = width * 3;
  let any = false;
  for (let sy = 0, j = 0; sy < sh; sy++) {
    let s = sy * FACTOR * stride;
    for (let sx = 0; sx < sw; sx++, s += FACTOR * 3, j += 3) {
      const r = data[s]!;
      const g = data[s + 1]!;
      const b = data[s + 2]!;
      a[j] = r > thr ? r : 0;
      a[j + 1] = g > thr ? g : 0;
      a[j + 2] = b > thr ? b : 0;
      if (r > thr || g > thr || b > thr) any = true;
    }
  }
  if (!any) return 0;
  boxBlur3x3Thrice(a, sw, sh);
  const ptr = arena().scratch('bloom:add', sw * sh * 4);
  const add = arena().i32(ptr, sw * sh);
  for (let k = 0, j = 0; k < sw * sh; k++, j += 3) {
    // a holds 729·blur: floor(0.5·blur) = floor(a / 1458)
    add[k] = ((a[j]! / 1458) | 0) | (((a[j + 1]! / 1458) | 0) << 8) | (((a[j + 2]! / 1458) | 0) << 16);
  }
  return ptr;
}

/** Adds a bloomGrid to the frame with saturation (the kernel skips groups of four zero blocks). */
function addBloom(data: Uint8Array, width: number, height: number, addPtr: number): void {
  const sw = Math.ceil(width / FACTOR);
  const arn = arena();
  const stride = width * 3;
  arn.withBytes(data, (ptr) => {
    for (let y = 0; y < height; y++) arn.kernels.add_blocks_row(ptr + y * stride, width, addPtr + (y >> 2) * sw * 4);
  });
}

export const bloom = defineShader({
  name: 'bloom',
  description: 'Glow around bright areas: 4× downsample, threshold, 3 box-blur passes, add 0.5·blur',
  params: {
    thr: { type: 'number', default: 130, min: 0, max: 255, description: 'channel values above it glow' },
  },
  apply(frame, p, ctx) {
    bloomInPlace(frame.data, frame.width, frame.height, p.thr, ctx.scratch);
  },
});
