import { defineShader, hsvToRgbInto } from '@glyphreel/core';
import { PACKED_COPY_KEY, packPixels, unpackPixels } from '../internal/packed.js';

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
    const px = ctx.scratch.i32(PACKED_COPY_KEY, npx);
    const sums = ctx.scratch.i32('edge_glow:sums', npx);
    unpackPixels(data, px);
    for (let i = 0; i < npx; i++) {
      const v = px[i]!;
      sums[i] = (v & 255) + ((v >>> 8) & 255) + (v >>> 16);
    }
    // edge = clamp((|gx| + |gy|)/255·2) with gx, gy differences of the mean = N/3: the overlay depends on N only.
    const lut = ctx.scratch.u8('edge_glow:rgb', 3);
    const overlay = ctx.scratch.i32('edge_glow:lut', MAX_N + 1);
    for (let k = 0; k <= MAX_N; k++) {
      hsvToRgbInto(p.hue, 0.8, Math.min(1, (k / 3 / 255) * 2) * 0.5, lut, 0);
      overlay[k] = lut[0]! | (lut[1]! << 8) | (lut[2]! << 16);
    }
    for (let y = 0; y < height; y++) {
      const row = y * width;
      // Rows 0 and H−1 have no vertical difference; a zero offset makes |s − s| vanish without a branch per pixel.
      const off = y > 0 && y < height - 1 ? width : 0;
      // Columns 0 and W−1 have no horizontal difference either: handle them outside the sliding window.
      for (let i = row; i < row + width; i += width > 1 ? width - 1 : 1) {
        const k = Math.abs(sums[i + off]! - sums[i - off]!);
        if (k !== 0) px[i] = addOverlay(px[i]!, overlay[k]!);
      }
      let left = sums[row]!;
      let mid = width > 1 ? sums[row + 1]! : 0;
      for (let i = row + 1, end = row + width - 1; i < end; i++) {
        const right = sums[i + 1]!;
        const k = Math.abs(right - left) + Math.abs(sums[i + off]! - sums[i - off]!);
        left = mid;
        mid = right;
        if (k !== 0) px[i] = addOverlay(px[i]!, overlay[k]!);
      }
    }
    packPixels(px, data);
  },
});

/** Per-channel saturating add of two packed 0x00bbggrr pixels: red and blue in 16-bit lanes, green alone. */
function addOverlay(v: number, o: number): number {
  let rb = (v & 0xff00ff) + (o & 0xff00ff);
  rb |= ((rb >>> 8) & 0x10001) * 0xff;
  const g = ((v >>> 8) & 255) + ((o >>> 8) & 255);
  return (rb & 0xff00ff) | ((g > 255 ? 255 : g) << 8);
}
