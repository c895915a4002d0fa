import { defineShader } from '@glyphreel/core';
import { GOLDEN } from '../internal/noise.js';
import { arena } from '../internal/simd/arena.js';
import { WASM_BASE64 } from '../internal/simd/pixel-wasm.js';

/** The export of wasm/pixel.wat.mjs this shader uses. */
interface StaticKernel {
  static_cells(p: number, w: number, h: number, counter: number, golden: number, limit: number, all: number, color: number): void;
}

/**
 * TV static: a half-resolution mask at the given density (each cell covers 2×2 pixels) whose pixels are replaced by
 * random RGB, or random grey when color is false. The random bytes are per pixel, as the reference draws them: one
 * counter steps by GOLDEN through internal/noise.ts's hash32 for each cell's draw and each replaced pixel, in the
 * WebAssembly kernel (wasm/pixel.wat.mjs).
 */
export const staticNoise = defineShader({
  name: 'static',
  description: 'Random 2×2 cells at the given density replaced by random colour (or grey) pixels',
  params: {
    density: { type: 'number', default: 0.05, min: 0, max: 1, description: 'fraction of cells replaced' },
    color: { type: 'boolean', default: true, description: 'random RGB (true) or random grey (false)' },
  },
  apply(frame, p, ctx) {
    if (p.density <= 0) return;
    const { width, height, data } = frame;
    // u < density·2³² ⇔ uniform < density; for the integer u that is u < ⌈density·2³²⌉. A NaN density compared
    // false and so replaced every cell, like density ≥ 1.
    const limit = Math.ceil(p.density * 4294967296);
    const all = !(limit < 4294967296);
    const counter = ctx.rng.nextU32() | 0;
    if (width <= 0 || height <= 0) return;
    const a = arena();
    const k = a.load<StaticKernel>(WASM_BASE64);
    a.withBytes(data, (ptr) => k.static_cells(ptr, width, height, counter, GOLDEN | 0, all ? 0 : limit | 0, all ? 1 : 0, p.color ? 1 : 0));
  },
});
