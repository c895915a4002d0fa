import { defineShader, hsvToRgbInto } from '@glyphreel/core';
import { groupWords, wordsOf } from '../internal/words.js';

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
    channelSums(data, sums);
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
        const o = overlay[Math.abs(sums[i + off]! - sums[i - off]!)]!;
        if (o !== 0) addOverlay(data, i * 3, o);
      }
      let left = sums[row]!;
      let mid = width > 1 ? sums[row + 1]! : 0;
      for (let i = row + 1, end = row + width - 1; i < end; i++) {
        const right = sums[i + 1]!;
        const k = Math.abs(right - left) + Math.abs(sums[i + off]! - sums[i - off]!);
        left = mid;
        mid = right;
        // Small differences give an overlay below one byte: most pixels away from glyph edges skip here.
        const o = overlay[k]!;
        if (o !== 0) addOverlay(data, i * 3, o);
      }
    }
  },
});

/** Adds a packed 0x00bbggrr overlay to the pixel at byte offset p, saturating per channel. */
function addOverlay(data: Uint8Array, p: number, o: number): void {
  const r = data[p]! + (o & 255);
  const g = data[p + 1]! + ((o >>> 8) & 255);
  const b = data[p + 2]! + (o >>> 16);
  data[p] = r > 255 ? 255 : r;
  data[p + 1] = g > 255 ? 255 : g;
  data[p + 2] = b > 255 ? 255 : b;
}

/** sums[i] = r + g + b of pixel i, reading four pixels per three words where possible. */
function channelSums(data: Uint8Array, sums: Int32Array): void {
  const words = wordsOf(data);
  let i = 0;
  if (words) {
    const nw = groupWords(data);
    for (let k = 0; k < nw; k += 3, i += 4) {
      const w0 = words[k]!;
      const w1 = words[k + 1]!;
      const w2 = words[k + 2]!;
      sums[i] = (w0 & 255) + ((w0 >>> 8) & 255) + ((w0 >>> 16) & 255);
      sums[i + 1] = (w0 >>> 24) + (w1 & 255) + ((w1 >>> 8) & 255);
      sums[i + 2] = ((w1 >>> 16) & 255) + (w1 >>> 24) + (w2 & 255);
      sums[i + 3] = ((w2 >>> 8) & 255) + ((w2 >>> 16) & 255) + (w2 >>> 24);
    }
  }
  for (let o = i * 3; i < sums.length; i++, o += 3) sums[i] = data[o]! + data[o + 1]! + data[o + 2]!;
}
