import { defineShader } from '@glyphreel/core';
import { wordsOf } from '../internal/words.js';

/**
 * Fixed-point bias (in 1/65536): covers the rounding of both terms, so flat areas map onto themselves; results are
 * trunc(c·(1 − s) + blur·s) except when the exact value lies within 0.005 below an integer.
 */
const BIAS = 192;

/**
 * Lerp towards a 2×-downsampled (stride 2) single-pass 3×3 box blur with edge padding, upsampled by repetition:
 * out = trunc(c·(1 − s) + blur·s). The blur is exact integer sums; the lerp is 16.16 fixed point, four pixels (two
 * blur samples) per three words.
 */
export const softFocus = defineShader({
  name: 'soft_focus',
  description: 'Lerp towards a 2×-downsampled single-pass 3×3 box blur',
  params: {
    strength: { type: 'number', default: 0.3, min: 0, max: 1, description: 'weight of the blurred image' },
  },
  apply(frame, p, ctx) {
    const s = p.strength;
    if (s === 0) return;
    const { width, height, data } = frame;
    const sw = Math.ceil(width / 2);
    const sh = Math.ceil(height / 2);
    const n = sw * sh * 3;
    const a = ctx.scratch.i32('soft_focus:line', sw * 3);
    const tmp = ctx.scratch.i32('soft_focus:tmp', n);
    const stride = width * 3;
    const sstride = sw * 3;
    // Downsample and the horizontal 3-tap (edge-padded) in one pass, with the three samples of each channel in
    // registers: tmp = sum of the left, centre and right stride-2 samples.
    const last = (sw - 1) * 6;
    for (let sy = 0; sy < sh; sy++) {
      const row = sy * 2 * stride;
      let r0 = data[row]!;
      let g0 = data[row + 1]!;
      let b0 = data[row + 2]!;
      let r1 = r0;
      let g1 = g0;
      let b1 = b0;
      for (let sx = 0, j = sy * sstride, o = row; sx < sw; sx++, j += 3, o += 6) {
        const n = o < row + last ? o + 6 : o; // the right neighbour, clamped at the last sample
        const r2 = data[n]!;
        const g2 = data[n + 1]!;
        const b2 = data[n + 2]!;
        tmp[j] = r0 + r1 + r2;
        tmp[j + 1] = g0 + g1 + g2;
        tmp[j + 2] = b0 + b1 + b2;
        r0 = r1;
        g0 = g1;
        b0 = b1;
        r1 = r2;
        g1 = g2;
        b1 = b2;
      }
    }
    // a := blur·s in 16.16 (sum of 9 bytes · s/9 · 65536, at most 255·65536) plus the bias.
    const kb = (s * 65536) / 9;
    const A = Math.round((1 - s) * 65536);
    const words = (stride & 3) === 0 ? wordsOf(data) : undefined;
    const groups = words ? width >> 2 : 0;
    for (let sy = 0; sy < sh; sy++) {
      // The vertical 3-tap for this blur row, straight into a one-row buffer, then the two frame rows it covers.
      const row = sy * sstride;
      const up = (sy > 0 ? sy - 1 : 0) * sstride;
      const dn = (sy < sh - 1 ? sy + 1 : sy) * sstride;
      for (let i = 0; i < sstride; i++) a[i] = (((tmp[up + i]! + tmp[row + i]! + tmp[dn + i]!) * kb) | 0) + BIAS; // ≥ 0: | 0 floors
      for (let y = sy * 2, yEnd = Math.min(y + 2, height); y < yEnd; y++) {
        const frow = y * stride;
        if (words) {
          for (let g = 0, k = frow >> 2, j = 0; g < groups; g++, k += 3, j += 6) {
            const br0 = a[j]!;
            const bg0 = a[j + 1]!;
            const bb0 = a[j + 2]!;
            const br1 = a[j + 3]!;
            const bg1 = a[j + 4]!;
            const bb1 = a[j + 5]!;
            const w0 = words[k]!;
            const w1 = words[k + 1]!;
            const w2 = words[k + 2]!;
            words[k] = (((w0 & 255) * A + br0) >>> 16) | ((((w0 >>> 8) & 255) * A + bg0) >>> 16) << 8
              | ((((w0 >>> 16) & 255) * A + bb0) >>> 16) << 16 | (((w0 >>> 24) * A + br0) >>> 16) << 24;
            words[k + 1] = (((w1 & 255) * A + bg0) >>> 16) | ((((w1 >>> 8) & 255) * A + bb0) >>> 16) << 8
              | ((((w1 >>> 16) & 255) * A + br1) >>> 16) << 16 | (((w1 >>> 24) * A + bg1) >>> 16) << 24;
            words[k + 2] = (((w2 & 255) * A + bb1) >>> 16) | ((((w2 >>> 8) & 255) * A + br1) >>> 16) << 8
              | ((((w2 >>> 16) & 255) * A + bg1) >>> 16) << 16 | (((w2 >>> 24) * A + bb1) >>> 16) << 24;
          }
        }
        for (let x = groups * 4, o = frow + x * 3; x < width; x++, o += 3) {
          const j = (x >> 1) * 3;
          data[o] = (data[o]! * A + a[j]!) >>> 16;
          data[o + 1] = (data[o + 1]! * A + a[j + 1]!) >>> 16;
          data[o + 2] = (data[o + 2]! * A + a[j + 2]!) >>> 16;
        }
      }
    }
  },
});
