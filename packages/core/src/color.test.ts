import { describe, expect, it } from '@jest/globals';
import {
  harmonyAnalogous, harmonyComplementary, harmonySplitComplementary, harmonyTetradic, harmonyTriadic, hsvFieldToRgb,
  hsvToRgb, lerpOklab, lerpOklch, linearToSrgb, oklabToRgb, RGB_PALETTES, rgbPaletteMap, rgbToHsv, rgbToOklab,
  rgbToOklch, srgbToLinear, wrap01,
} from './color.js';

describe('HSV', () => {
  it('converts the six sectors and wraps hue', () => {
    expect(hsvToRgb(0, 1, 1)).toEqual([255, 0, 0]);
    expect(hsvToRgb(1 / 3, 1, 1)).toEqual([0, 255, 0]);
    expect(hsvToRgb(2 / 3, 1, 1)).toEqual([0, 0, 255]);
    expect(hsvToRgb(1.5, 0, 0.5)).toEqual([127, 127, 127]);
    expect(hsvToRgb(-0.5, 1, 1)).toEqual(hsvToRgb(0.5, 1, 1));
    expect(wrap01(-0.25)).toBe(0.75);
  });
  it('round-trips through rgbToHsv', () => {
    for (const c of [[200, 40, 90], [0, 0, 0], [12, 250, 128], [255, 255, 255]] as const) {
      const [h, s, v] = rgbToHsv(c[0], c[1], c[2]);
      const back = hsvToRgb(h, s, v);
      back.forEach((x, i) => expect(Math.abs(x - (c[i] as number))).toBeLessThanOrEqual(1));
    }
  });
  it('colours a field with V = value', () => {
    const out = hsvFieldToRgb(new Float32Array([0, 0.5]), 1, new Float32Array([1, 0.5]), new Uint8Array(6));
    expect([...out]).toEqual([255, 0, 0, 0, 127, 127]);
  });
});

describe('OKLab / OKLCH', () => {
  it('maps white and black to L 1 and 0 with no chroma', () => {
    const w = rgbToOklab(255, 255, 255);
    expect(w[0]).toBeCloseTo(1, 3);
    expect(Math.abs(w[1]) + Math.abs(w[2])).toBeLessThan(1e-3);
    expect(rgbToOklab(0, 0, 0)[0]).toBeCloseTo(0, 6);
  });
  it('round-trips sRGB bytes and the transfer curve', () => {
    for (let x = 0; x <= 1; x += 0.05) expect(linearToSrgb(srgbToLinear(x))).toBeCloseTo(x, 6);
    const lab = rgbToOklab(30, 144, 255);
    expect(oklabToRgb(lab[0], lab[1], lab[2])).toEqual([30, 144, 255]);
  });
  it('interpolates: endpoints exact, OKLCH on the short arc', () => {
    expect(lerpOklab([255, 0, 0], [0, 0, 255], 0)).toEqual([255, 0, 0]);
    expect(lerpOklab([255, 0, 0], [0, 0, 255], 1)).toEqual([0, 0, 255]);
    const red = rgbToOklch(255, 0, 0)[2];
    const mag = rgbToOklch(255, 0, 255)[2];
    const mid = lerpOklch([255, 0, 0], [255, 0, 255], 0.5);
    const h = rgbToOklch(mid[0], mid[1], mid[2])[2];
    // the short arc lies between the two hues, not through green
    expect(Math.min(Math.abs(h - red), Math.abs(h - mag))).toBeLessThan(Math.abs(mag - red));
  });
  it('harmonies keep L and C and rotate H', () => {
    const seed: [number, number, number] = [200, 80, 60];
    const [L, C, H] = rgbToOklch(...seed);
    expect(harmonyComplementary(seed)).toHaveLength(2);
    expect(harmonyTriadic(seed)).toHaveLength(3);
    expect(harmonyTetradic(seed)).toHaveLength(4);
    expect(harmonySplitComplementary(seed)).toHaveLength(3);
    const an = harmonyAnalogous(seed, 0.08, 5);
    expect(an[2]).toEqual(harmonyComplementary(seed)[0]);
    const comp = harmonyComplementary(seed)[1] as [number, number, number];
    const [L2, , H2] = rgbToOklch(...comp);
    expect(L2).toBeCloseTo(L, 1);
    expect(Math.abs(wrap01(H2 - H) - 0.5)).toBeLessThan(0.05);
    expect(C).toBeGreaterThan(0.1);
  });
});

describe('discrete palettes', () => {
  it('has the ten catalog palettes', () => {
    expect(Object.keys(RGB_PALETTES)).toHaveLength(10);
    expect(RGB_PALETTES.cyberpunk).toHaveLength(4);
  });
  it('maps floor(val·n), clamps the top, blanks masked-out cells', () => {
    const out = rgbPaletteMap(new Float32Array([0.05, 0.5, 1, 0]), RGB_PALETTES.neon!, new Uint8Array(12));
    expect([...out]).toEqual([255, 0, 102, 102, 0, 255, 0, 204, 255, 0, 0, 0]);
  });
});
