import { defineShader } from '@glyphreel/core';
import { arena } from '../internal/simd/arena.js';
import { WASM_BASE64 } from '../internal/simd/remap-wasm.js';

/** The export of wasm/remap.wat.mjs this shader uses (pointers into the arena). */
interface ChromaticKernel {
  chromatic(p: number, w: number, h: number, a: number, row: number): void;
}

/**
 * Red moves right and blue moves left by trunc(amt) pixels, without wrapping: the columns they vacate keep their old
 * value (the reference shifts inside a copy). The chain scales amt by the beat before it gets here (catalog 3.3).
 * The kernel reads each row from a padded copy, so a shift is three vector loads and two bit-selects per 16 bytes.
 */
export const chromatic = defineShader({
  name: 'chromatic',
  description: 'Chromatic aberration: red shifted right, blue shifted left by amt px (beat-scaled in a chain)',
  params: {
    amt: { type: 'number', default: 3, min: 0, max: 512, description: 'shift in pixels; below 1 does nothing' },
  },
  apply(frame, p) {
    if (p.amt < 1) return;
    const a = Math.trunc(p.amt);
    const { width, height, data } = frame;
    if (a >= width || height === 0) return;
    const ar = arena();
    const row = ar.scratch('chromatic:row', 3 * (width + 2 * a));
    const kernel = ar.load<ChromaticKernel>(WASM_BASE64);
    ar.withBytes(data, (ptr) => kernel.chromatic(ptr, width, height, a, row));
  },
});
