/**
 * Packed-pixel helpers. V8 pays for every Uint8Array element access, so a gather that moves 3 bytes per pixel costs
 * ~10 ms at 1080p; moving whole pixels as 32-bit words costs less than half. With rgb24's 4 pixels per 3 words
 * (words.ts), unpacking to one word per pixel (0x00bbggrr) and packing back are a few shifts per group.
 */
import { groupWords, wordsOf } from './words.js';

/** The frame's word view (undefined when unavailable); loops over it stop at groupWords(data). */
export const frameWords = wordsOf;

/** out[i] = r | g << 8 | b << 16 for every pixel. */
export function unpackPixels(data: Uint8Array, out: Int32Array): void {
  const npx = data.length / 3;
  const words = frameWords(data);
  let i = 0;
  if (words) {
    const nw = groupWords(data);
    for (let k = 0; k < nw; k += 3, i += 4) {
      const w0 = words[k]!;
      const w1 = words[k + 1]!;
      const w2 = words[k + 2]!;
      out[i] = w0 & 0xffffff;
      out[i + 1] = (w0 >>> 24) | ((w1 & 0xffff) << 8);
      out[i + 2] = (w1 >>> 16) | ((w2 & 0xff) << 16);
      out[i + 3] = w2 >>> 8;
    }
  }
  for (let o = i * 3; i < npx; i++, o += 3) out[i] = data[o]! | (data[o + 1]! << 8) | (data[o + 2]! << 16);
}

/** Writes packed pixels back as rgb24: data pixel i = px[i]. */
export function packPixels(px: Int32Array, data: Uint8Array): void {
  const npx = data.length / 3;
  const words = frameWords(data);
  let i = 0;
  if (words) {
    const nw = groupWords(data);
    for (let k = 0; k < nw; k += 3, i += 4) {
      const p1 = px[i + 1]!;
      const p2 = px[i + 2]!;
      words[k] = px[i]! | (p1 << 24);
      words[k + 1] = (p1 >>> 8) | (p2 << 16);
      words[k + 2] = (p2 >>> 16) | (px[i + 3]! << 8);
    }
  }
  for (let o = i * 3; i < npx; i++, o += 3) {
    const p = px[i]!;
    data[o] = p;
    data[o + 1] = p >>> 8;
    data[o + 2] = p >>> 16;
  }
}

/** data pixel i = src pixel map[i], with src already unpacked (one word per pixel). */
export function gatherPacked(src: Int32Array, map: Int32Array, data: Uint8Array): void {
  const npx = map.length;
  const words = frameWords(data);
  let i = 0;
  if (words) {
    const nw = groupWords(data);
    for (let k = 0; k < nw; k += 3, i += 4) {
      const p1 = src[map[i + 1]!]!;
      const p2 = src[map[i + 2]!]!;
      words[k] = src[map[i]!]! | (p1 << 24);
      words[k + 1] = (p1 >>> 8) | (p2 << 16);
      words[k + 2] = (p2 >>> 16) | (src[map[i + 3]!]! << 8);
    }
  }
  for (let o = i * 3; i < npx; i++, o += 3) {
    const p = src[map[i]!]!;
    data[o] = p;
    data[o + 1] = p >>> 8;
    data[o + 2] = p >>> 16;
  }
}

export const PACKED_COPY_KEY = 'shaders:packed-copy';
