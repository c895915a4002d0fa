import { defineShader } from '@glyphreel/core';
import { arena } from '../internal/simd/arena.js';
import { WASM_BASE64 } from '../internal/simd/remap-wasm.js';

/** The export of wasm/remap.wat.mjs this shader uses (a pointer into the arena). */
interface MirrorDiagKernel {
  mirror_diag(p: number, w: number, h: number): void;
}

/**
 * Per row y, cut at x = trunc(W·y/H); the part right of the cut becomes the part left of it reversed, starting with
 * the cut pixel itself (out[cut + j] = in[cut − j]). Where the right part is longer than the left one the reference
 * fails (a numpy shape mismatch); here the reflection continues back and forth across the left part. The kernel
 * computes the cut as the integer ⌊W·y/H⌋, which equals the float quotient's trunc (a non-integer quotient of
 * integers below 2^31 is never rounded onto an integer).
 */
export const mirrorDiag = defineShader({
  name: 'mirror_diag',
  description: 'Diagonal fold: each row right of x = W·y/H is replaced by its left part reversed',
  params: {},
  apply(frame) {
    const { width, height, data } = frame;
    if (width < 2 || height === 0) return;
    const a = arena();
    const kernel = a.load<MirrorDiagKernel>(WASM_BASE64);
    a.withBytes(data, (ptr) => kernel.mirror_diag(ptr, width, height));
  },
});
