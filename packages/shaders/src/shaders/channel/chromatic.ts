import { defineShader } from '@glyphreel/core';

/**
 * Red moves right and blue moves left by trunc(amt) pixels, without wrapping: the columns they vacate keep their old
 * value (the reference shifts inside a copy). The chain scales amt by the beat before it gets here (catalog 3.3).
 */
export const chromatic = defineShader({
  name: 'chromatic',
  description: 'Chromatic aberration: red shifted right, blue shifted left by amt px (beat-scaled in a chain)',
  params: {
    amt: { type: 'number', default: 3, min: 0, max: 512, description: 'shift in pixels; below 1 does nothing' },
  },
  apply(frame, p) {
    if (p.amt < 1) return;
    const a = Math.trunc(p.amt);
    const { width, height, data } = frame;
    if (a >= width) return;
    const stride = width * 3;
    const off = a * 3;
    for (let y = 0; y < height; y++) {
      const row = y * stride;
      // Right to left for red so each source is read before it is overwritten; left to right for blue.
      for (let o = row + stride - 3; o >= row + off; o -= 3) data[o] = data[o - off]!;
      const bEnd = row + stride - off;
      for (let o = row + 2; o < bEnd; o += 3) data[o] = data[o + off]!;
    }
  },
});
