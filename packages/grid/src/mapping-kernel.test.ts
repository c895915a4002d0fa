import { describe, expect, it } from '@jest/globals';
import { createCellLayer, Rng, wasmArena } from '@glyphreel/core';
import { fieldToLayer, fieldToLayerLoop } from './mapping.js';

/** Values across and beyond [0, 1], with the awkward ones the runtime can meet. */
function field(n: number, rng: Rng, lo: number, hi: number): Float32Array {
  const f = new Float32Array(n);
  const odd = [NaN, Infinity, -Infinity, -0, 0, 1, 0.03, 0.030000001, 1e-30, -1e-30, 0.9999999, 1.0000001];
  for (let i = 0; i < n; i++) f[i] = rng.next() < 0.1 ? odd[i % odd.length]! : lo + rng.next() * (hi - lo);
  return f;
}

describe('fieldToLayer on a thread with a wasm arena (wasm/mapping.wat.mjs)', () => {
  it.each([
    ['hue field, default saturation and threshold', 'field', 0.8, 0.03],
    ['constant hue', 0.37, 0.8, 0.03],
    ['negative constant hue (wraps)', -2.25, 0.5, 0.03],
    ['NaN constant hue', NaN, 0.8, 0.03],
    ['saturation 0 and threshold 0', 'field', 0, 0],
    ['saturation above 1, negative threshold (NaN values are drawn as 0)', 'field', 1.7, -0.5],
    ['NaN saturation', 'field', NaN, 0.03],
  ] as const)('writes the glyphs and colours of the JavaScript loop: %s', (_name, hue, saturation, threshold) => {
    wasmArena();
    const rng = new Rng(17);
    const rows = 40;
    const cols = 61;
    const n = rows * cols;
    const value = field(n, rng, -0.2, 1.2);
    const hueField = field(n, rng, -3, 3);
    for (const palette of [Uint16Array.of(7), Uint16Array.of(0, 3, 4, 9, 12, 2, 5), Uint16Array.from({ length: 70 }, (_, i) => i + 1)]) {
      const viaKernel = createCellLayer({ rows, cols });
      const viaLoop = createCellLayer({ rows, cols });
      viaKernel.glyphs.fill(999);
      viaKernel.colors.fill(99);
      const h = hue === 'field' ? hueField : hue;
      fieldToLayer(viaKernel, value, h, palette, saturation, threshold);
      fieldToLayerLoop(viaLoop, value, h, palette, saturation, threshold);
      expect(Buffer.from(viaKernel.glyphs.buffer).equals(Buffer.from(viaLoop.glyphs.buffer))).toBe(true);
      expect(Buffer.from(viaKernel.colors).equals(Buffer.from(viaLoop.colors))).toBe(true);
      // Something was drawn, and something left blank.
      expect(viaLoop.glyphs.some((g) => g !== 0) || palette[0] === 0).toBe(true);
      expect(viaLoop.colors.some((c) => c === 0)).toBe(true);
    }
  });

  it('every hue sector and both wrap directions, on a fine sweep', () => {
    wasmArena();
    const n = 6000;
    const value = new Float32Array(n).map((_, i) => 0.05 + (0.95 * i) / n);
    const hue = new Float32Array(n).map((_, i) => -2 + (5 * i) / n);
    const a = createCellLayer({ rows: 1, cols: n });
    const b = createCellLayer({ rows: 1, cols: n });
    const palette = Uint16Array.of(1, 2, 3);
    fieldToLayer(a, value, hue, palette);
    fieldToLayerLoop(b, value, hue, palette, 0.8, 0.03);
    expect(Buffer.from(a.colors).equals(Buffer.from(b.colors))).toBe(true);
    expect(Buffer.from(a.glyphs.buffer).equals(Buffer.from(b.glyphs.buffer))).toBe(true);
  });
});
