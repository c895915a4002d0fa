import { defineShader } from '@glyphreel/core';
import { frameWords } from '../internal/packed.js';
import { groupWords } from '../internal/words.js';

export const colorRamp = defineShader({
  name: 'color_ramp',
  description: 'Channel-mean luminance mapped through an evenly spaced multi-stop RGB gradient (linear interpolation)',
  params: {
    ramp: {
      type: 'array',
      items: { type: 'color', default: [0, 0, 0] },
      minItems: 2,
      maxItems: 256,
      default: [
        [0, 0, 0],
        [255, 255, 255],
      ],
      description: 'colours from dark to bright',
    },
  },
  apply(frame, p, ctx) {
    const ramp = p.ramp as unknown as ReadonlyArray<readonly [number, number, number]>;
    const n = ramp.length;
    // The output depends only on r + g + b (0..765): tabulate it once per frame.
    const lut = ctx.scratch.i32('color_ramp:lut', 766);
    const rgb = ctx.scratch.u8('color_ramp:rgb', 3);
    for (let sum = 0; sum < 766; sum++) {
      const gray = sum / 3 / 255;
      let idx = gray * (n - 1);
      idx = idx < 0 ? 0 : idx > n - 1.001 ? n - 1.001 : idx;
      const lo = Math.floor(idx);
      const hi = Math.min(lo + 1, n - 1);
      const f = idx - lo;
      const a = ramp[lo]!;
      const b = ramp[hi]!;
      for (let ch = 0; ch < 3; ch++) rgb[ch] = a[ch]! * (1 - f) + b[ch]! * f; // the byte store truncates
      lut[sum] = rgb[0]! | (rgb[1]! << 8) | (rgb[2]! << 16);
    }
    // Four pixels per three words: four channel sums, four packed lookups.
    const d = frame.data;
    const words = frameWords(d);
    let o = 0;
    if (words) {
      for (let k = 0, nw = groupWords(d); k < nw; k += 3, o += 12) {
        const w0 = words[k]!;
        const w1 = words[k + 1]!;
        const w2 = words[k + 2]!;
        const p0 = lut[(w0 & 255) + ((w0 >>> 8) & 255) + ((w0 >>> 16) & 255)]!;
        const p1 = lut[(w0 >>> 24) + (w1 & 255) + ((w1 >>> 8) & 255)]!;
        const p2 = lut[((w1 >>> 16) & 255) + (w1 >>> 24) + (w2 & 255)]!;
        const p3 = lut[((w2 >>> 8) & 255) + ((w2 >>> 16) & 255) + (w2 >>> 24)]!;
        words[k] = p0 | (p1 << 24);
        words[k + 1] = (p1 >>> 8) | (p2 << 16);
        words[k + 2] = (p2 >>> 16) | (p3 << 8);
      }
    }
    for (const len = d.length; o < len; o += 3) {
      const p = lut[d[o]! + d[o + 1]! + d[o + 2]!]!;
      d[o] = p;
      d[o + 1] = p >>> 8;
      d[o + 2] = p >>> 16;
    }
  },
});
