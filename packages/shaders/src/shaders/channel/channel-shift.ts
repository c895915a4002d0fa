import { defineShader } from '@glyphreel/core';
import { FRAME_COPY_KEY } from '../internal/bytes.js';

const shift = {
  type: 'array',
  items: { type: 'integer', min: -65536, max: 65536 },
  length: 2,
  default: [0, 0],
  description: '(sx, sy) roll in pixels, wrapping',
} as const;

export const channelShift = defineShader({
  name: 'channel_shift',
  description: 'Independent wrap-around roll of each channel, in x then y',
  params: { r: shift, g: shift, b: shift },
  apply(frame, p, ctx) {
    const { width, height, data } = frame;
    const shifts = [p.r, p.g, p.b];
    if (shifts.every(([sx, sy]) => sx === 0 && sy === 0)) return;
    const src = ctx.scratch.u8(FRAME_COPY_KEY, data.length);
    src.set(data);
    const stride = width * 3;
    for (let ch = 0; ch < 3; ch++) {
      const [sxRaw, syRaw] = shifts[ch]!;
      const sx = ((sxRaw! % width) + width) % width;
      const sy = ((syRaw! % height) + height) % height;
      if (sx === 0 && sy === 0) continue;
      for (let y = 0; y < height; y++) {
        let ry = y - sy;
        if (ry < 0) ry += height;
        const dRow = y * stride + ch;
        const sRow = ry * stride + ch;
        // out[x] = in[x − sx]: two straight runs instead of a modulo per pixel.
        for (let x = sx, o = dRow + sx * 3, s = sRow; x < width; x++, o += 3, s += 3) data[o] = src[s]!;
        for (let x = 0, o = dRow, s = sRow + (width - sx) * 3; x < sx; x++, o += 3, s += 3) data[o] = src[s]!;
      }
    }
  },
});
