import { defineShader } from '@glyphreel/core';
import { arena } from '../internal/simd/arena.js';
import { WASM_BASE64 } from '../internal/simd/pixel-wasm.js';

/** The export of wasm/pixel.wat.mjs this shader uses. */
interface ThresholdKernel {
  threshold(p: number, npx: number, lim: number): void;
}

export const threshold = defineShader({
  name: 'threshold',
  description: 'Pixels whose channel mean exceeds thr become white, all others black',
  params: {
    thr: { type: 'number', default: 128, min: 0, max: 255, description: 'mean brightness threshold' },
  },
  apply(frame, p) {
    const d = frame.data;
    const npx = Math.floor(d.length / 3);
    if (npx === 0) return;
    // mean > thr ⇔ sum > 3·thr ⇔ sum > ⌊3·thr⌋ for the integer sum, so the kernel compares integers (16-bit lanes:
    // −1 keeps every pixel white, 765 none; a NaN thr compares false everywhere, as before).
    const limit = Math.floor(3 * p.thr);
    const lim = Number.isNaN(limit) ? 765 : Math.max(-1, Math.min(765, limit));
    const a = arena();
    const k = a.load<ThresholdKernel>(WASM_BASE64);
    a.withBytes(d.subarray(0, npx * 3), (ptr) => k.threshold(ptr, npx, lim));
  },
});
