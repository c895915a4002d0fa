import { defineShader } from '@glyphreel/core';
import { arena } from '../internal/simd/arena.js';
import { WASM_BASE64 } from '../internal/simd/pixel-wasm.js';

/** The export of wasm/pixel.wat.mjs this shader uses. */
interface ColorRampKernel {
  color_ramp(p: number, npx: number, lut: number): void;
}

export const colorRamp = defineShader({
  name: 'color_ramp',
  description: 'Channel-mean luminance mapped through an evenly spaced multi-stop RGB gradient (linear interpolation)',
  params: {
    ramp: {
      type: 'array',
      items: { type: 'color', default: [0, 0, 0] },
      minItems: 2,
      maxItems: 256,
      default: [
        [0, 0, 0],
        [255, 255, 255],
      ],
      description: 'colours from dark to bright',
    },
  },
  apply(frame, p, ctx) {
    const ramp = p.ramp as unknown as ReadonlyArray<readonly [number, number, number]>;
    const n = ramp.length;
    const d = frame.data;
    const npx = Math.floor(d.length / 3);
    if (npx === 0) return;
    // The output depends only on r + g + b (0..765): tabulate it once per frame, packed 0x00bbggrr, in the SIMD
    // memory where the kernel gathers from it.
    const a = arena();
    const lutPtr = a.scratch('color_ramp:lut', 4 * 766);
    const lut = a.i32(lutPtr, 766);
    const rgb = ctx.scratch.u8('color_ramp:rgb', 3);
    for (let sum = 0; sum < 766; sum++) {
      const gray = sum / 3 / 255;
      let idx = gray * (n - 1);
      idx = idx < 0 ? 0 : idx > n - 1.001 ? n - 1.001 : idx;
      const lo = Math.floor(idx);
      const hi = Math.min(lo + 1, n - 1);
      const f = idx - lo;
      const ca = ramp[lo]!;
      const cb = ramp[hi]!;
      for (let ch = 0; ch < 3; ch++) rgb[ch] = ca[ch]! * (1 - f) + cb[ch]! * f; // the byte store truncates
      lut[sum] = rgb[0]! | (rgb[1]! << 8) | (rgb[2]! << 16);
    }
    const k = a.load<ColorRampKernel>(WASM_BASE64);
    a.withBytes(d.subarray(0, npx * 3), (ptr) => k.color_ramp(ptr, npx, lutPtr));
  },
});
