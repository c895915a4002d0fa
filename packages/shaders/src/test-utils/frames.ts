import { expect } from '@jest/globals';
import { createFrame, type RgbFrame } from '@glyphreel/core';
import { createSimdFrame, releaseSimdFrame } from '../shaders/internal/simd/frame.js';
import { firstDiff } from './bytes.js';

/**
 * Runs `apply` on a heap frame and on an arena frame (createSimdFrame) holding `src`, and expects both to equal
 * `want`: kernels run in place on arena frames and through a copy on heap frames, and both paths must agree.
 */
export function expectBoth(src: Uint8Array, w: number, h: number, apply: (frame: RgbFrame) => void, want: Uint8Array, label: string): void {
  const heap = createFrame(w, h);
  heap.data.set(src);
  apply(heap);
  expect([label, 'heap', firstDiff(heap.data, want, w)]).toEqual([label, 'heap', null]);
  const simd = createSimdFrame(w, h);
  simd.data.set(src);
  apply(simd);
  expect([label, 'arena', firstDiff(simd.data, want, w)]).toEqual([label, 'arena', null]);
  releaseSimdFrame(simd);
}
