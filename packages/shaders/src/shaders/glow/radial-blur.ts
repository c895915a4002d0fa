import { defineShader } from '@glyphreel/core';
import { roundTo } from '../internal/cache.js';
import { arena } from '../internal/simd/arena.js';
import { WASM_BASE64 } from '../internal/simd/glow-wasm.js';

/** The export of wasm/glow.wat.mjs this shader uses (pointers into the arena). */
interface RadialBlurKernel {
  radial_blur(p: number, w: number, h: number, top: number, own: number, colN: number, colF: number, rowN: number, rowF: number): void;
}

/** out[i] = trunc(i + (i − c)·s) clamped to [0, n − 1], times `scale`, plus `add`: one axis of a sample position. */
function axisMap(out: Int32Array, n: number, c: number, s: number, scale: number, add: number): void {
  for (let i = 0; i < n; i++) {
    const v = Math.trunc(i + (i - c) * s);
    out[i] = (v < 0 ? 0 : v >= n ? n - 1 : v) * scale + add;
  }
}

/**
 * Zoom blur: each pixel becomes the per-channel floor of the mean of itself and the pixels at trunc(p + (p − c)·s)
 * and trunc(p + (p − c)·2s), clamped. A sample position's x depends on x only and its y on y only, so the maps are
 * one row and one column per distance (built per frame, a few microseconds), and the SIMD kernel gathers from them.
 */
export const radialBlur = defineShader({
  name: 'radial_blur',
  description: 'Zoom blur: mean of the pixel and two samples pushed outward from the centre by s and 2s',
  params: {
    strength: { type: 'number', default: 0.03, min: 0, max: 1, description: 'push per sample, as a fraction of the distance' },
    center: {
      type: 'array',
      items: { type: 'number', min: 0, max: 1 },
      maxItems: 2,
      default: [],
      description: '[x, y] as fractions of width and height; [] = the frame centre (W//2, H//2)',
    },
  },
  apply(frame, p) {
    const s = roundTo(p.strength, 4);
    if (s === 0) return;
    const { width, height, data } = frame;
    const cx = p.center.length > 0 ? p.center[0]! * width : width >> 1;
    const cy = p.center.length > 1 ? p.center[1]! * height : height >> 1;
    const a = arena();
    const colN = a.scratch('radial_blur:col-near', 4 * width);
    const colF = a.scratch('radial_blur:col-far', 4 * width);
    const rowN = a.scratch('radial_blur:row-near', 4 * height);
    const rowF = a.scratch('radial_blur:row-far', 4 * height);
    // Columns as byte offsets of the sample minus one: the kernel reads four bytes with the pixel in the top three,
    // which never reads past a row's end (nor before address 0: the arena starts at 64).
    axisMap(a.i32(colN, width), width, cx, s, 3, -1);
    axisMap(a.i32(colF, width), width, cx, 2 * s, 3, -1);
    axisMap(a.i32(rowN, height), height, cy, s, 1, 0);
    axisMap(a.i32(rowF, height), height, cy, 2 * s, 1, 0);
    const own = a.scratch('radial_blur:row', 3 * width + 64);
    // Rows at or above the centre sample rows at or above themselves, the others rows below themselves.
    const top = Math.min(Math.floor(cy), height - 1);
    const kernel = a.load<RadialBlurKernel>(WASM_BASE64);
    a.withBytes(data, (ptr) => kernel.radial_blur(ptr, width, height, top, own, colN, colF, rowN, rowF));
  },
});
