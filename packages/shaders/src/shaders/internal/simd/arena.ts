import { wasmArena, type WasmArena } from '@glyphreel/core';
import { WASM_BASE64 as CORE_WASM } from './core-wasm.js';

/** The exports of wasm/core.wat.mjs (pointers and lengths in bytes unless named otherwise). */
export interface Kernels {
  build_lut16(t8: number, t16: number): void;
  lut16(p: number, n: number, t16: number): void;
  mul_pixels(p: number, npx: number, f: number): void;
  add_pair_noise_row(p: number, npx: number, noise: number): void;
  add_blocks_row(p: number, npx: number, add: number): void;
  bloom_grid(src: number, width: number, height: number, thr: number, a: number, b: number, add: number): number;
  fill_zero(p: number, n: number): void;
  vignette_factors(out: number, xx: number, w: number, h: number, s: number, floor: number): void;
  histogram_strided(p: number, width: number, height: number, step: number, hist: number): void;
  grain_noise_row(noise: number, hw: number, counter: number, golden: number, span: number, base: number): number;
}

/** This thread's arena: the one of @glyphreel/core, shared with the grid's blit. */
export function arena(): WasmArena {
  return wasmArena();
}

let cached: { arena: WasmArena; kernels: Kernels } | undefined;

/** The exports of wasm/core.wat.mjs on this thread's arena. */
export function kernels(): Kernels {
  const a = wasmArena();
  if (cached?.arena !== a) cached = { arena: a, kernels: a.load<Kernels>(CORE_WASM) };
  return cached.kernels;
}
