import { arena } from './simd/arena.js';
import { WASM_BASE64 as COLOR_WASM } from './simd/color-wasm.js';

/** The exports of wasm/color.wat.mjs. */
interface ColorKernels {
  adjust_hsv(p: number, npx: number, dh: number, sf: number, cache: number, reset: number): void;
  hue_shift_levels(p: number, q: number, npx: number, levels: number, dh: number, cache: number, reset: number): void;
}

/** 64K keys + 64K values of 32 bits: the kernel's direct-mapped colour cache. */
const CACHE_BYTES = 8 * 65536;

/** The (dh, sf) the cache was filled for; the cache's results depend on nothing else, so it survives across calls. */
let cachedDh = NaN;
let cachedSf = NaN;
let cachedAt = -1;

/**
 * In-place HSV adjustment of rgb24 bytes: hue += dh (mod 1), saturation ×= sf (clamped). The arithmetic is exactly
 * core's rgbToHsvInto followed by hsvToRgbInto (same operations in the same order, in doubles), done by a
 * WebAssembly kernel over the whole frame: 16-pixel groups of one colour are written as vectors and other pixels go
 * through a colour cache, so only the frame's distinct colours are converted. Frames outside the SIMD memory are
 * copied in and back.
 */
export function adjustHsv(data: Uint8Array, dh: number, sf: number): void {
  const npx = Math.floor(data.length / 3);
  if (npx === 0) return;
  const a = arena();
  const kernels = a.load<ColorKernels>(COLOR_WASM);
  const cache = a.scratch('hsv:cache', CACHE_BYTES);
  const reset = cache !== cachedAt || !Object.is(dh, cachedDh) || !Object.is(sf, cachedSf);
  cachedAt = cache;
  cachedDh = dh;
  cachedSf = sf;
  a.withBytes(data.subarray(0, npx * 3), (p) => kernels.adjust_hsv(p, npx, dh, sf, cache, reset ? 1 : 0));
}

/** The (levels, dh) the hue-shift cache was filled for, and where that cache was. */
const shiftLevels = new Float64Array(256);
let shiftDh = NaN;
let shiftAt = -1;

/**
 * The FeedbackBuffer's hue shift over arena addresses: npx rgb24 pixels from `src` to `dst` (the same address, or
 * not overlapping), each channel byte standing for `levels[byte]` (256 finite values in [0, 255]: the decayed
 * buffer in byte units), hue += dh (dh finite ≥ 0) and truncated back to bytes. The arithmetic is buffer.ts's
 * original per-pixel JavaScript (its own thresholds and rounding, not adjustHsv's), run by the colour kernel's
 * cached frame loop, so only the distinct colours are converted.
 */
export function hueShiftLevels(src: number, dst: number, npx: number, levels: Float64Array, dh: number): void {
  if (npx === 0) return;
  const a = arena();
  const kernels = a.load<ColorKernels>(COLOR_WASM);
  const cache = a.scratch('hsv:shift-cache', CACHE_BYTES + 8 * 256);
  const tab = cache + CACHE_BYTES;
  let reset = cache !== shiftAt || !Object.is(dh, shiftDh);
  for (let i = 0; i < 256 && !reset; i++) reset = !Object.is(levels[i], shiftLevels[i]);
  if (reset) {
    shiftLevels.set(levels.subarray(0, 256));
    new Float64Array(a.buffer, tab, 256).set(shiftLevels);
    shiftAt = cache;
    shiftDh = dh;
  }
  kernels.hue_shift_levels(src, dst, npx, tab, dh, cache, reset ? 1 : 0);
}
