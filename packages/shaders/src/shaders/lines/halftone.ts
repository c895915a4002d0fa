import { defineShader } from '@glyphreel/core';
import { arena } from '../internal/simd/arena.js';
import { WASM_BASE64 } from '../internal/simd/pixel-wasm.js';

/** The export of wasm/pixel.wat.mjs this shader uses (scratch sizes as the kernel states). */
interface HalftoneKernel {
  halftone(p: number, w: number, h: number, dot: number, acc: number, kpx: number, sums: number): void;
}

/**
 * Per dot_size block, radius = mean luminance·dot_size/2 around the block-local centre (dot_size//2, dot_size//2);
 * pixels with distance < radius keep their colour, the rest turn black. In the WebAssembly kernel
 * (wasm/pixel.wat.mjs): per block row the rows are summed as vectors, the block sums give r² (in f32, as the
 * JavaScript version stored it), and every row is masked branch-free by comparing dy² with a per-byte ⌈r²⌉ − 1 − dx².
 */
export const halftone = defineShader({
  name: 'halftone',
  description: 'Halftone dots: per block, only pixels inside a disc sized by the block mean keep their colour',
  params: {
    dot_size: { type: 'integer', default: 6, min: 1, max: 256, description: 'block size in pixels' },
  },
  apply(frame, p) {
    const { width, height, data } = frame;
    if (width <= 0 || height <= 0) return;
    // The kernel's 16-bit lanes hold sums of up to 256 rows and squared offsets up to 128².
    const dot = Math.min(256, Math.max(1, Math.floor(p.dot_size)));
    const a = arena();
    const rowScratch = 6 * width + 32;
    const acc = a.scratch('halftone:acc', rowScratch);
    const kpx = a.scratch('halftone:kpx', rowScratch);
    const sums = a.scratch('halftone:sums', 4 * Math.ceil(width / dot));
    const k = a.load<HalftoneKernel>(WASM_BASE64);
    a.withBytes(data, (ptr) => k.halftone(ptr, width, height, dot, acc, kpx, sums));
  },
});
