import { defineShader, hsvToRgbInto } from '@glyphreel/core';

/** Sum of horizontal and vertical |Δ(r+g+b)| is at most 2·765. */
const MAX_N = 2 * 765;

export const edgeGlow = defineShader({
  name: 'edge_glow',
  description: 'Central-difference edges of the channel mean, added as an HSV(hue, 0.8, 0.5·edge) overlay',
  params: {
    hue: { type: 'number', default: 0.5, min: 0, max: 1, description: 'overlay hue in turns' },
  },
  apply(frame, p, ctx) {
    const { width, height, data } = frame;
    const npx = width * height;
    const sums = ctx.scratch.i32('edge_glow:sums', npx);
    for (let i = 0, o = 0; i < npx; i++, o += 3) sums[i] = data[o]! + data[o + 1]! + data[o + 2]!;
    // edge = clamp((|gx| + |gy|)/255·2) with gx, gy differences of the mean = N/3: the overlay depends on N only.
    const lut = ctx.scratch.u8('edge_glow:lut', (MAX_N + 1) * 3);
    for (let k = 0; k <= MAX_N; k++) {
      const edge = Math.min(1, (k / 3 / 255) * 2);
      hsvToRgbInto(p.hue, 0.8, edge * 0.5, lut, k * 3);
    }
    for (let y = 0; y < height; y++) {
      const row = y * width;
      const up = y > 0 && y < height - 1 ? row - width : -1;
      for (let x = 0; x < width; x++) {
        const i = row + x;
        let k = 0;
        if (x > 0 && x < width - 1) k += Math.abs(sums[i + 1]! - sums[i - 1]!);
        if (up >= 0) k += Math.abs(sums[i + width]! - sums[i - width]!);
        if (k === 0) continue;
        const o = i * 3;
        const l = k * 3;
        const r = data[o]! + lut[l]!;
        const g = data[o + 1]! + lut[l + 1]!;
        const b = data[o + 2]! + lut[l + 2]!;
        data[o] = r > 255 ? 255 : r;
        data[o + 1] = g > 255 ? 255 : g;
        data[o + 2] = b > 255 ? 255 : b;
      }
    }
  },
});
