/**
 * Byte-level passes shared by the shaders. V8 runs a plain `d[i] = lut[d[i]]` loop at about 1.5 ns per byte here;
 * reading and writing whole 32-bit words halves that, so the per-channel passes go through word views (see words.ts)
 * when the frame's buffer allows it, and single-table passes go to the WebAssembly kernel (simd/).
 */
import { lutBytes } from './simd/kernels.js';
import { groupWords, wordsOf } from './words.js';


/** Below this many bytes the JavaScript loop beats the kernel's table build and copy. */
const KERNEL_MIN_BYTES = 16384;

/** `data[i] = lut[data[i]]` for i in [start, end): the SIMD module's two-byte-table kernel for large runs. */
export function applyLut(data: Uint8Array, lut: Uint8Array, start = 0, end = data.length): void {
  if (end - start >= KERNEL_MIN_BYTES) {
    lutBytes(data, lut, start, end);
    return;
  }
  for (let i = start; i < end; i++) data[i] = lut[data[i]!]!;
}

/**
 * Per-channel LUTs on rgb24: red bytes through `lr`, green through `lg`, blue through `lb`. Four pixels are three
 * words, so the channel of every byte in a 12-byte group is fixed.
 */
export function applyChannelLuts(data: Uint8Array, lr: Uint8Array, lg: Uint8Array, lb: Uint8Array): void {
  const n = data.length;
  const words = wordsOf(data);
  let i = 0;
  if (words) {
    const nw = groupWords(data);
    i = nw * 4;
    for (let k = 0; k < nw; k += 3) {
      const w0 = words[k]!;
      const w1 = words[k + 1]!;
      const w2 = words[k + 2]!;
      words[k] = lr[w0 & 255]! | (lg[(w0 >>> 8) & 255]! << 8) | (lb[(w0 >>> 16) & 255]! << 16) | (lr[w0 >>> 24]! << 24);
      words[k + 1] = lg[w1 & 255]! | (lb[(w1 >>> 8) & 255]! << 8) | (lr[(w1 >>> 16) & 255]! << 16) | (lg[w1 >>> 24]! << 24);
      words[k + 2] = lb[w2 & 255]! | (lr[(w2 >>> 8) & 255]! << 8) | (lg[(w2 >>> 16) & 255]! << 16) | (lb[w2 >>> 24]! << 24);
    }
  }
  for (; i < n; i += 3) {
    data[i] = lr[data[i]!]!;
    data[i + 1] = lg[data[i + 1]!]!;
    data[i + 2] = lb[data[i + 2]!]!;
  }
}

/** Fills `lut` with trunc(clamp(f(c), 0, 255)) for c = 0..255. */
export function fillLut(lut: Uint8Array, f: (c: number) => number): Uint8Array {
  for (let c = 0; c < 256; c++) {
    const v = f(c);
    lut[c] = v >= 255 ? 255 : v > 0 ? v : 0; // Uint8Array stores truncate, like numpy's astype(uint8) after clip
  }
  return lut;
}

/** A copy of the frame's bytes in a scratch buffer shared by all shaders (they never run nested). */
export const FRAME_COPY_KEY = 'shaders:frame-copy';

/** data[i] ^= 0xff for all bytes, i.e. 255 − c, a word at a time. */
export function invertBytes(data: Uint8Array): void {
  const n = data.length;
  const words = wordsOf(data);
  let i = 0;
  if (words) {
    const nw = words.length;
    for (let k = 0; k < nw; k++) words[k] = ~words[k]!;
    i = nw * 4;
  }
  for (; i < n; i++) data[i] = 255 - data[i]!;
}
