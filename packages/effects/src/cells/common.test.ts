import { describe, expect, it } from '@jest/globals';
import { createCellLayer, hsvToRgb } from '@glyphreel/core';
import { HsvRamp, mod, resolveCharSet, resolvePalette, rowFromParam, stampIds } from './common.js';

describe('HsvRamp', () => {
  it('matches HSV at its 256 steps and clamps u', () => {
    const ramp = new HsvRamp().set(0.1, 0.2, 0.9, 0.2, 0.8, 0.3);
    const colors = new Uint8Array(3);
    for (const k of [0, 1, 100, 255]) {
      const u = k / 255;
      ramp.put(colors, 0, u);
      expect(Array.from(colors)).toEqual(hsvToRgb(0.1 + 0.2 * u, 0.9, Math.max(0.3, 0.2 + 0.8 * u)));
    }
    ramp.put(colors, 0, 7);
    expect(Array.from(colors)).toEqual(hsvToRgb(0.3, 0.9, 1));
    ramp.put(colors, 0, -3);
    expect(Array.from(colors)).toEqual(hsvToRgb(0.1, 0.9, 0.3));
  });

  it('rebuilds only when its inputs change', () => {
    const ramp = new HsvRamp().set(0, 0, 1, 0, 1);
    const before = ramp.rgb[255 * 3];
    ramp.set(0, 0, 1, 0, 1);
    expect(ramp.rgb[255 * 3]).toBe(before);
    ramp.set(0.33, 0, 1, 0, 1);
    expect(ramp.rgb[255 * 3]).toBe(hsvToRgb(0.33, 1, 1)[0]);
  });
});

describe('helpers', () => {
  it('resolves set and palette names, else takes the literal', () => {
    expect(resolveCharSet('binary')).toBe('01');
    expect(resolvePalette('binary')).toBe(' █');
    expect(resolveCharSet('xyz')).toBe('xyz');
  });

  it('stamps clipped text and skips spaces', () => {
    const layer = createCellLayer({ rows: 2, cols: 5 });
    const n = stampIds(layer, Uint16Array.from([1, 0, 2, 3, 4, 5, 6]), 1, -1, 10, 20, 300);
    // Column −1 is clipped, the space leaves column 0 alone, the last glyph falls off the right edge.
    expect(n).toBe(4);
    expect(Array.from(layer.glyphs)).toEqual([0, 0, 0, 0, 0, 0, 2, 3, 4, 5]);
    expect(Array.from(layer.colors.subarray(18, 21))).toEqual([10, 20, 255]);
    expect(Array.from(layer.colors.subarray(15, 18))).toEqual([0, 0, 0]);
    expect(stampIds(layer, Uint16Array.from([1]), 2, 0, 0, 0, 0)).toBe(0);
  });

  it('wraps negatives like np.roll and counts negative rows from the bottom', () => {
    expect([mod(-1, 5), mod(7, 5), mod(0, 5)]).toEqual([4, 2, 0]);
    expect([rowFromParam({ rows: 10 }, -1), rowFromParam({ rows: 10 }, 3)]).toEqual([9, 3]);
  });
});
