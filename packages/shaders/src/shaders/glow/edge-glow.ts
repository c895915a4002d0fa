import { defineShader, hsvToRgbInto } from '@glyphreel/core';
import { arena } from '../internal/simd/arena.js';
import { WASM_BASE64 } from '../internal/simd/glow-wasm.js';

/** The export of wasm/glow.wat.mjs this shader uses (pointers into the arena). */
interface EdgeGlowKernel {
  edge_glow(p: number, w: number, h: number, ring: number, rowBytes: number, table: number, kzero: number): void;
}

/** Sum of horizontal and vertical |Δ(r+g+b)| is at most 2·765. */
const MAX_N = 2 * 765;

const rgb = new Uint8Array(3);

/**
 * Central differences of the channel mean: edge = clamp((|gx| + |gy|)/255·2), no difference across the frame's
 * border. With gx, gy differences of the mean = N/3 of the channel sums, the overlay depends on
 * k = |Δx sum| + |Δy sum| ≤ 1530 only, so it is a table per hue; the SIMD kernel computes k 16 pixels at a time and
 * looks the table up only for groups where some k reaches a non-zero entry (glyph frames are mostly flat).
 */
export const edgeGlow = defineShader({
  name: 'edge_glow',
  description: 'Central-difference edges of the channel mean, added as an HSV(hue, 0.8, 0.5·edge) overlay',
  params: {
    hue: { type: 'number', default: 0.5, min: 0, max: 1, description: 'overlay hue in turns' },
  },
  apply(frame, p) {
    const { width, height, data } = frame;
    const a = arena();
    const tablePtr = a.scratch('edge_glow:table', 4 * (MAX_N + 1));
    const table = a.i32(tablePtr, MAX_N + 1);
    let kzero = -1;
    for (let k = 0; k <= MAX_N; k++) {
      hsvToRgbInto(p.hue, 0.8, Math.min(1, (k / 3 / 255) * 2) * 0.5, rgb, 0);
      table[k] = rgb[0]! | (rgb[1]! << 8) | (rgb[2]! << 16);
      if (kzero < 0 && table[k] !== 0) kzero = k;
    }
    if (kzero < 0) return;
    const rowBytes = 2 * width + 64;
    const ring = a.scratch('edge_glow:sums', 3 * rowBytes);
    const kernel = a.load<EdgeGlowKernel>(WASM_BASE64);
    a.withBytes(data, (ptr) => kernel.edge_glow(ptr, width, height, ring, rowBytes, tablePtr, kzero));
  },
});
