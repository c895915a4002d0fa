import { describe, expect, it } from '@jest/globals';
import { createFrame, hsvToRgb } from '@glyphreel/core';
import { createGrid, fieldToLayer, fieldToLayerRgb, renderField, renderFieldRgb, val2char, val2charGamma, val2charStep } from './index.js';

const pal = Uint16Array.of(0, 11, 12, 13, 14); // n = 5

describe('value → glyph mapping', () => {
  it('val2char: clamp(⌊v·n⌋, 0, n−1); unmasked cells blank', () => {
    const v = Float32Array.of(-1, 0, 0.19, 0.2, 0.5, 0.99, 1, 7, NaN);
    expect(Array.from(val2char(v, pal, new Uint16Array(9), -1))).toEqual([0, 0, 0, 11, 12, 14, 14, 14, 0]);
    expect(Array.from(val2char(v, pal, new Uint16Array(9), 0.5))).toEqual([0, 0, 0, 0, 0, 14, 14, 14, 0]);
    const mask = Uint8Array.of(1, 1, 1, 0, 1, 0, 1, 1, 1);
    expect(Array.from(val2char(v, pal, new Uint16Array(9), 0, mask))).toEqual([0, 0, 0, 0, 12, 0, 14, 14, 0]);
  });

  it('val2charGamma curves the value first', () => {
    const v = Float32Array.of(0.5, 0.9);
    // 0.5² = 0.25 → 1, 0.9² = 0.81 → 4
    expect(Array.from(val2charGamma(v, pal, new Uint16Array(2), 2))).toEqual([11, 14]);
    expect(() => val2charGamma(v, pal, new Uint16Array(2), 0)).toThrow('gamma must be > 0');
  });

  it('val2charStep: v > thr_i → pal[i+1], default pal[0] (also outside the mask)', () => {
    const v = Float32Array.of(0.1, 0.3, 0.6, 0.95, 0.95);
    const out = val2charStep(v, pal, new Uint16Array(5), [0.2, 0.5, 0.9], Uint8Array.of(1, 1, 1, 1, 0));
    expect(Array.from(out)).toEqual([0, 11, 12, 13, 0]);
    expect(() => val2charStep(v, Uint16Array.of(0, 1), new Uint16Array(5), [0.2, 0.5])).toThrow('2 thresholds need 3 palette glyphs');
  });

  it('fieldToLayer is _render_vf: threshold 0.03, hsv(hue mod 1, 0.8, v)', () => {
    const g = createGrid({ width: 40, height: 19, size: 'md', onWarning: () => undefined });
    expect(g.cols * g.rows).toBe(4);
    const ids = g.glyphIds(' .:#@');
    const layer = g.createLayer();
    fieldToLayer(layer, Float32Array.of(0.02, 0.5, 1.4, 0.25), Float32Array.of(0.1, 1.25, 0.5, -0.25), ids);
    expect(Array.from(layer.glyphs)).toEqual([0, ids[2], ids[4], ids[1]]);
    expect(Array.from(layer.colors)).toEqual([0, 0, 0, ...hsvToRgb(0.25, 0.8, 0.5), ...hsvToRgb(0.5, 0.8, 1), ...hsvToRgb(0.75, 0.8, 0.25)]);
    fieldToLayer(layer, Float32Array.of(0.5, 0.5, 0.5, 0.5), 0.3, ids, 0.4, 0.6);
    expect(Array.from(layer.glyphs)).toEqual([0, 0, 0, 0]);
    expect(() => fieldToLayer(layer, new Float32Array(3), 0, ids)).toThrow('the value field has 3 cells but the layer has 4');
    expect(() => fieldToLayer(layer, new Float32Array(4), 0, new Uint16Array(0))).toThrow('the palette is empty');
  });

  it('renderField equals fieldToLayer + render; the RGB variant scales the colour by the value', () => {
    const g = createGrid({ width: 200, height: 95, size: 'md', onWarning: () => undefined });
    const n = g.rows * g.cols;
    const value = Float32Array.from({ length: n }, (_, i) => (i % 17) / 16);
    const hue = Float32Array.from({ length: n }, (_, i) => i / n);
    const a = renderField(g, createFrame(200, 95), value, hue, 'default');
    const layer = fieldToLayer(g.createLayer(), value, hue, g.palette('default'));
    const b = g.render(layer, createFrame(200, 95));
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(true);
    const rgb = new Uint8Array(n * 3).fill(200);
    const l2 = fieldToLayerRgb(g.createLayer(), value, rgb, g.palette('default'));
    expect(Array.from(l2.colors.subarray(8 * 3, 8 * 3 + 3))).toEqual([100, 100, 100]);
    const c = renderFieldRgb(g, createFrame(200, 95), value, rgb, g.palette('default'));
    const d = g.render(l2, createFrame(200, 95));
    expect(Buffer.from(c.data).equals(Buffer.from(d.data))).toBe(true);
    const e = renderField(g, createFrame(200, 95), value, rgb, 'default');
    expect(Buffer.from(e.data).equals(Buffer.from(d.data))).toBe(true);
    expect(() => g.palette('nope')).toThrow('Unknown palette "nope"');
  });
});
