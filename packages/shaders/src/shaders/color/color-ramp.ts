import { defineShader } from '@glyphreel/core';

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
    const lut = ctx.scratch.u8('color_ramp:lut', 766 * 3);
    for (let sum = 0; sum < 766; sum++) {
      const gray = sum / 3 / 255;
      let idx = gray * (n - 1);
      idx = idx < 0 ? 0 : idx > n - 1.001 ? n - 1.001 : idx;
      const lo = Math.floor(idx);
      const hi = Math.min(lo + 1, n - 1);
      const f = idx - lo;
      const a = ramp[lo]!;
      const b = ramp[hi]!;
      for (let ch = 0; ch < 3; ch++) lut[sum * 3 + ch] = a[ch]! * (1 - f) + b[ch]! * f;
    }
    const d = frame.data;
    const len = d.length;
    for (let i = 0; i < len; i += 3) {
      const k = (d[i]! + d[i + 1]! + d[i + 2]!) * 3;
      d[i] = lut[k]!;
      d[i + 1] = lut[k + 1]!;
      d[i + 2] = lut[k + 2]!;
    }
  },
});
