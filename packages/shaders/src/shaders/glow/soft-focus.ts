import { defineShader } from '@glyphreel/core';
import { arena } from '../internal/simd/arena.js';
import { WASM_BASE64 } from '../internal/simd/glow-wasm.js';

/** The export of wasm/glow.wat.mjs this shader uses (pointers into the arena; scratch sizes as the kernel states). */
interface SoftFocusKernel {
  soft_focus(p: number, w: number, h: number, kb: number, A: number, bias: number, pad: number, ring: number, hrow: number, abuf: number): void;
}

/**
 * Fixed-point bias (in 1/65536): covers the rounding of both terms, so flat areas map onto themselves; results are
 * trunc(c·(1 − s) + blur·s) except when the exact value lies within 0.005 below an integer.
 */
const BIAS = 192;

/**
 * Lerp towards a 2×-downsampled (stride 2) single-pass 3×3 box blur with edge padding, upsampled by repetition:
 * out = trunc(c·(1 − s) + blur·s). The blur is exact integer sums; the lerp is 16.16 fixed point:
 * (c·A + floor(sum9·s·65536/9) + BIAS) >> 16 with A = round((1 − s)·65536), in the SIMD kernel (wasm/glow.wat.mjs).
 */
export const softFocus = defineShader({
  name: 'soft_focus',
  description: 'Lerp towards a 2×-downsampled single-pass 3×3 box blur',
  params: {
    strength: { type: 'number', default: 0.3, min: 0, max: 1, description: 'weight of the blurred image' },
  },
  apply(frame, p) {
    const s = p.strength;
    const A = Math.round((1 - s) * 65536);
    // A = 65536 (s ≤ 2⁻¹⁷) is the identity: the weight floor(sum9·kb) + BIAS stays below 65536. The kernel's
    // multiplier is 16-bit, so that case must not reach it.
    if (s === 0 || A >= 65536) return;
    const { width, height, data } = frame;
    const sw = Math.ceil(width / 2);
    const hrow = 6 * sw + 32;
    const a = arena();
    const pad = a.scratch('soft_focus:pad', 3 * sw + 64);
    const ring = a.scratch('soft_focus:ring', 3 * hrow);
    const abuf = a.scratch('soft_focus:weights', 12 * sw + 64);
    const k = a.load<SoftFocusKernel>(WASM_BASE64);
    a.withBytes(data, (ptr) => k.soft_focus(ptr, width, height, (s * 65536) / 9, A, BIAS, pad, ring, hrow, abuf));
  },
});
