/**
 * Access to the compositing kernels (wasm/compose.wat.mjs) and the staging of byte arrays for them: arrays in the
 * SIMD arena are used in place, others are copied into named scratch regions (and results copied back by the caller).
 */
import { arena } from '../../shaders/internal/simd/arena.js';
import { WASM_BASE64 } from '../../shaders/internal/simd/compose-wasm.js';

/** The exports of wasm/compose.wat.mjs (addresses and lengths in bytes unless named otherwise). */
export interface ComposeKernels {
  blend_lut(a: number, b: number, o: number, n: number, lut: number, o2: number): void;
  copy_bytes(dst: number, src: number, n: number): void;
  fill_bytes(dst: number, value: number, n: number): void;
  gather_rows(src: number, dst: number, width: number, height: number, rowMap: number, colByte: number, colStart: number, colEnd: number, identity: number): void;
  gather_px(src: number, dst: number, npx: number, map: number): void;
  mirror_rows(src: number, dst: number, width: number, height: number): void;
  apply_mask(data: number, bg: number, width: number, height: number, mask: number, rowBase: number, runs: number, nruns: number): void;
  reveal(a: number, b: number, o: number, order: number, npx: number, lo: number, hi: number, edge: number, feather: number, progress: number): void;
}

export function composeKernels(): ComposeKernels {
  return arena().load<ComposeKernels>(WASM_BASE64);
}

/** True when two views start at the same byte of the same buffer (the aliasing the kernels support). */
export function sameBytes(x: ArrayBufferView, y: ArrayBufferView): boolean {
  return x.buffer === y.buffer && x.byteOffset === y.byteOffset;
}

/** The arena address of `data`: its own when it lives in the arena, else a copy in scratch region `name`. */
export function bytesIn(data: Uint8Array, name: string): number {
  const a = arena();
  const own = a.ptrOf(data);
  if (own >= 0) return own;
  const ptr = a.scratch(name, data.length);
  a.u8(ptr, data.length).set(data);
  return ptr;
}

/** The arena address of an Int32Array's or Float32Array's elements (copied into scratch `name` unless in place). */
export function wordsIn(data: Int32Array | Float32Array, name: string): number {
  const a = arena();
  const own = a.ptrOf(data);
  if (own >= 0) return own;
  const ptr = a.scratch(name, data.byteLength);
  new Uint8Array(a.buffer, ptr, data.byteLength).set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  return ptr;
}

/**
 * Addresses for a kernel reading `inputs` and writing `out`: inputs in place or copied (an input that is the same
 * bytes as an earlier one shares its address), `out` in place, or else the address of the input it aliases, or else
 * scratch. `finish()` copies the result back when `out` does not live in the arena.
 */
export function stage(inputs: Uint8Array[], out: Uint8Array, tag: string): { ptrs: number[]; out: number; finish: () => void } {
  const a = arena();
  const ptrs: number[] = [];
  inputs.forEach((data, i) => {
    const j = inputs.findIndex((x, k) => k < i && sameBytes(x, data));
    ptrs.push(j >= 0 ? (ptrs[j] as number) : bytesIn(data, `${tag}:in${i}`));
  });
  const own = a.ptrOf(out);
  if (own >= 0) return { ptrs, out: own, finish: () => {} };
  const j = inputs.findIndex((x) => sameBytes(x, out));
  const ptr = j >= 0 ? (ptrs[j] as number) : a.scratch(`${tag}:out`, out.length);
  return { ptrs, out: ptr, finish: () => out.set(a.u8(ptr, out.length)) };
}
