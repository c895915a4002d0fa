import { defineShader } from '@glyphreel/core';
import { arena } from '../internal/simd/arena.js';
import { WASM_BASE64 } from '../internal/simd/pixel-wasm.js';

/** The export of wasm/pixel.wat.mjs this shader uses (scratch sizes as the kernel states). */
interface HalftoneKernel {
  halftone(p: number, w: number, h: number, dot: number, acc: number, kpx: number, sums: number, col: number): void;
}

/**
 * Filled halftone dots (a deviation from the catalog, README "Decisions"). Per dot_size block with mean colour
 * (m_r, m_g, m_b) and peak p = max(m_r, m_g, m_b): a disc around the block-local centre (dot_size//2, dot_size//2)
 * of area (p/255)·dot_size² (r² = (p/255)·dot_size²/π) is filled with the block's colour at full brightness,
 * ⌊255·m_c/p⌋, and the rest of the block turns black. The light of the block is kept (area × colour ≈ mean), so
 * sparse glyph art keeps its brightness and shows as dots; the catalog's disc of radius mean luminance·dot/2 that
 * keeps each pixel's own colour left sub-pixel dots on glyph frames (mean brightness 32 → 2).
 * In the WebAssembly kernel (wasm/pixel.wat.mjs): per block row the rows are summed as vectors, the block's channel
 * sums give r² and the colour, and every row is written branch-free as colour & (dy² ≤ ⌈r²⌉ − 1 − dx²).
 */
export const halftone = defineShader({
  name: 'halftone',
  description: 'Halftone dots: per block, a disc with area ∝ the block brightness, filled with its colour at full brightness',
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
    const col = a.scratch('halftone:col', 3 * width + 32);
    const sums = a.scratch('halftone:sums', 12 * Math.ceil(width / dot));
    const k = a.load<HalftoneKernel>(WASM_BASE64);
    a.withBytes(data, (ptr) => k.halftone(ptr, width, height, dot, acc, kpx, sums, col));
  },
});
