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
    if (p.r[0] === 0 && p.r[1] === 0 && p.g[0] === 0 && p.g[1] === 0 && p.b[0] === 0 && p.b[1] === 0) return;
    const src = ctx.scratch.u8(FRAME_COPY_KEY, data.length);
    src.set(data);
    const stride = width * 3;
    for (let ch = 0; ch < 3; ch++) {
      const shift = ch === 0 ? p.r : ch === 1 ? p.g : p.b;
      const sx = ((shift[0]! % width) + width) % width;
      const sy = ((shift[1]! % height) + height) % height;
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
