import { defineShader } from '@glyphreel/core';

/**
 * Per dot_size block, radius = mean luminance·dot_size/2 around the block-local centre (dot_size//2, dot_size//2);
 * pixels with distance < radius keep their colour, the rest turn black. Two row-major passes (block sums, then the
 * mask) replace the reference's four nested Python loops.
 */
export const halftone = defineShader({
  name: 'halftone',
  description: 'Halftone dots: per block, only pixels inside a disc sized by the block mean keep their colour',
  params: {
    dot_size: { type: 'integer', default: 6, min: 1, max: 256, description: 'block size in pixels' },
  },
  apply(frame, p, ctx) {
    const { width, height, data } = frame;
    const dot = p.dot_size;
    const nbx = Math.ceil(width / dot);
    const stride = width * 3;
    const sums = ctx.scratch.f32('halftone:sums', nbx);
    const r2 = ctx.scratch.f32('halftone:r2', nbx);
    const dx2 = ctx.scratch.i32('halftone:dx2', dot);
    const cb = dot >> 1;
    for (let d = 0; d < dot; d++) dx2[d] = (d - cb) * (d - cb);
    for (let y0 = 0; y0 < height; y0 += dot) {
      const y1 = Math.min(y0 + dot, height);
      sums.fill(0);
      for (let y = y0; y < y1; y++) {
        let o = y * stride;
        for (let bx = 0; bx < nbx; bx++) {
          const end = y * stride + Math.min((bx + 1) * dot, width) * 3;
          let s = 0;
          for (; o < end; o++) s += data[o]!;
          sums[bx] += s;
        }
      }
      const bh = y1 - y0;
      for (let bx = 0; bx < nbx; bx++) {
        const bw = Math.min(dot, width - bx * dot);
        const radius = (sums[bx]! / (3 * 255 * bw * bh)) * dot * 0.5;
        r2[bx] = radius * radius;
      }
      for (let y = y0; y < y1; y++) {
        const dy = y - y0 - cb;
        const dy2 = dy * dy;
        const row = y * stride;
        for (let bx = 0; bx < nbx; bx++) {
          const x0 = bx * dot;
          const x1 = Math.min(x0 + dot, width);
          const lim = r2[bx]! - dy2;
          if (lim <= 0) {
            data.fill(0, row + x0 * 3, row + x1 * 3);
            continue;
          }
          for (let x = x0, o = row + x0 * 3; x < x1; x++, o += 3) {
            if (dx2[x - x0]! < lim) continue; // dx² + dy² < r²  ⇔  inside the disc
            data[o] = 0;
            data[o + 1] = 0;
            data[o + 2] = 0;
          }
        }
      }
    }
  },
});
