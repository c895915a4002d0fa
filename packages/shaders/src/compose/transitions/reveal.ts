import { GlyphreelError, type RgbFrame } from '@glyphreel/core';
import { arena } from '../../shaders/internal/simd/arena.js';
import { composeKernels, sameBytes, stage, wordsIn } from '../blend/wasm.js';

export function checkTransitionFrames(name: string, from: RgbFrame, to: RgbFrame, out: RgbFrame): void {
  if (from.width !== to.width || from.height !== to.height || out.width !== from.width || out.height !== from.height) {
    throw new GlyphreelError(
      'E_PARAM',
      `transition ${name}: frame sizes differ (from ${from.width}×${from.height}, to ${to.width}×${to.height}, out ${out.width}×${out.height})`,
    );
  }
}

const orderCache = new Map<string, Float32Array>();

/**
 * A reveal order: one value s ∈ [0, 1) per pixel; the pixel shows `to` once progress passes s. Static per (size,
 * shape, params), so it is built once and cached (a few MiB at 1080p; at most 6 kept) in the SIMD arena, where the
 * reveal kernel reads it; an evicted order's memory goes back to the arena, so callers must not keep one.
 */
export function revealOrder(key: string, width: number, height: number, fill: (order: Float32Array) => void): Float32Array {
  const full = `${width}x${height}:${key}`;
  let order = orderCache.get(full);
  if (!order) {
    const a = arena();
    const n = width * height;
    const ptr = a.alloc(n * 4); // before reading a.buffer: the allocation may grow the memory
    order = new Float32Array(a.buffer, ptr, n);
    fill(order);
    if (orderCache.size >= 6) {
      const [oldKey, old] = orderCache.entries().next().value as [string, Float32Array];
      orderCache.delete(oldKey);
      a.release(old.byteOffset);
    }
    orderCache.set(full, order);
  }
  return order;
}

const f32 = new Float32Array(1);
const bits = new Uint32Array(f32.buffer);

/** The smallest non-negative f32 (by bits, up to +∞) where `pred` holds, for `pred` false then true; NaN if none. */
function firstF32(pred: (s: number) => boolean): number {
  let lo = 0;
  let hi = 0x7f800001;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    bits[0] = mid;
    if (pred(f32[0] as number)) hi = mid;
    else lo = mid + 1;
  }
  bits[0] = lo;
  return f32[0] as number;
}

/**
 * out = from where the pixel is not yet revealed, to where it is, and ⌊from·(1 − m) + to·m⌋ in a soft edge of width
 * `feather` (in order units). The edge runs from −feather to 1 so progress 0 is exactly `from` and 1 exactly `to`.
 *
 * Runs in the reveal kernel (wasm/compose.wat.mjs). m is non-increasing in s, so the f32 orders with m = 1 are those
 * below a threshold `lo` and those with m = 0 the ones from `hi` on; both are found here by bisection over the f32
 * values with the exact f64 formula. The kernel selects whole 16-pixel groups by comparing with them and runs this
 * formula per pixel only in groups that straddle the soft edge. Negative orders are left to the formula.
 */
export function revealMix(from: RgbFrame, to: RgbFrame, out: RgbFrame, order: Float32Array, progress: number, feather: number): void {
  const a = from.data;
  const b = to.data;
  const o = out.data;
  const n = Math.min(order.length, Math.floor(o.length / 3));
  if (!(progress > 0) || progress >= 1) {
    const src = progress >= 1 ? b : a;
    if (!sameBytes(o, src)) copyBytes(src, o);
    return;
  }
  const edge = progress * (1 + feather);
  const mOf = (s: number): number => {
    if (feather > 0) {
      const m = (edge - s) / feather;
      return m < 0 ? 0 : m > 1 ? 1 : m;
    }
    return s < progress ? 1 : 0;
  };
  let lo = firstF32((s) => !(mOf(s) >= 1));
  if (lo === 0) lo = -Infinity;
  const hi = firstF32((s) => mOf(s) <= 0);
  const st = stage([a, b], o, 'compose');
  const orderPtr = wordsIn(order, 'compose:order');
  composeKernels().reveal(st.ptrs[0] as number, st.ptrs[1] as number, st.out, orderPtr, n, lo, hi, edge, feather, progress);
  st.finish();
}

/** dst = src, by memory.copy when both live in the arena (a typed-array copy on shared memory is slower). */
export function copyBytes(src: Uint8Array, dst: Uint8Array): void {
  const a = arena();
  const s = a.ptrOf(src);
  const d = a.ptrOf(dst);
  if (s >= 0 && d >= 0) composeKernels().copy_bytes(d, s, Math.min(src.length, dst.length));
  else dst.set(src);
}
