import { expect } from '@jest/globals';
import { createFrame, type RgbFrame } from '@glyphreel/core';
import { arena } from '../shaders/internal/simd/arena.js';
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

/**
 * Runs each case on a w×h arena frame holding `src` with 64 guard bytes on either side, and expects the guards
 * untouched and the frame changed: kernels work in 16-pixel vectors and must never spill past the frame.
 */
export function expectStaysInside(w: number, h: number, src: Uint8Array, cases: Array<[string, (frame: RgbFrame) => void]>): void {
  const a = arena();
  const bytes = w * h * 3;
  const ptr = a.alloc(bytes + 128);
  const guard = a.u8(ptr, bytes + 128);
  for (const [name, fn] of cases) {
    guard.fill(0xa5);
    const frame = { width: w, height: h, data: a.u8(ptr + 64, bytes) };
    frame.data.set(src);
    fn(frame);
    expect([name, [...guard.subarray(0, 64)].every((b) => b === 0xa5)]).toEqual([name, true]);
    expect([name, [...guard.subarray(64 + bytes)].every((b) => b === 0xa5)]).toEqual([name, true]);
    expect([name, firstDiff(frame.data, src, w) !== null]).toEqual([name, true]);
  }
  a.release(ptr);
}
