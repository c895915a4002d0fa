import { defineShader } from '@glyphreel/core';
import { arena } from '../internal/simd/arena.js';
import { WASM_BASE64 } from '../internal/simd/remap-wasm.js';

/** The export of wasm/remap.wat.mjs this shader uses (pointers into the arena). */
interface SwapKernel {
  swap_channels(p: number, npx: number, masks: number, a: number, b: number, c: number): void;
}

/**
 * The kernel's nine swizzle masks for an order: mask (v, u) at bytes 16·(3v + u) picks, for output vector v of a
 * 16-pixel group, the bytes that come from input vector u (byte j takes 3·⌊j/3⌋ + order[j mod 3]); 0x80 elsewhere
 * makes the swizzle give 0, so the kernel ORs the picks.
 */
function writeSwapMasks(out: Uint8Array, order: readonly number[]): void {
  for (let v = 0; v < 3; v++) {
    for (let u = 0; u < 3; u++) {
      for (let t = 0; t < 16; t++) {
        const j = 16 * v + t;
        const s = 3 * Math.floor(j / 3) + order[j % 3]! - 16 * u;
        out[16 * (3 * v + u) + t] = s >= 0 && s < 16 ? s : 0x80;
      }
    }
  }
}

export const channelSwap = defineShader({
  name: 'channel_swap',
  description: 'Output channel i takes input channel order[i] ((2,1,0) = BGR); repeats are allowed',
  params: {
    order: {
      type: 'array',
      items: { type: 'integer', min: 0, max: 2 },
      length: 3,
      default: [2, 1, 0],
      description: 'source channel for R, G and B',
    },
  },
  apply(frame, p) {
    const [a, b, c] = p.order as [number, number, number];
    if (a === 0 && b === 1 && c === 2) return;
    const npx = Math.floor(frame.data.length / 3);
    if (npx === 0) return;
    const ar = arena();
    const masks = ar.scratch('channel_swap:masks', 144);
    writeSwapMasks(ar.u8(masks, 144), p.order);
    const kernel = ar.load<SwapKernel>(WASM_BASE64);
    ar.withBytes(frame.data, (ptr) => kernel.swap_channels(ptr, npx, masks, a, b, c));
  },
});
