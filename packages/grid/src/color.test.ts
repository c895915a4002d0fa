import { describe, expect, it } from '@jest/globals';
import {
  harmonyAnalogous, harmonyComplementary, harmonySplitComplementary, harmonyTetradic, harmonyTriadic, hsvFieldToRgb,
  hsvToRgb, lerpOklch, linearToSrgb, oklabToRgb, RGB_PALETTES, rgbPaletteMap, rgbToHsv, rgbToOklab, rgbToOklch,
  srgbToLinear, type Rgb,
} from './index.js';

describe('colour API re-exported from core', () => {
  it('hsv gives the six sector primaries, with hue taken mod 1', () => {
    expect(hsvToRgb(0, 1, 1)).toEqual([255, 0, 0]);
    expect(hsvToRgb(1 / 3, 1, 1)).toEqual([0, 255, 0]);
    expect(hsvToRgb(2 / 3, 1, 1)).toEqual([0, 0, 255]);
    expect(hsvToRgb(1.5, 0, 1)).toEqual([255, 255, 255]);
    expect(hsvToRgb(-0.5, 1, 1)).toEqual(hsvToRgb(0.5, 1, 1));
    expect(hsvToRgb(0, 0.8, 0.5)).toEqual([127, 25, 25]);
  });

  it('rgb → hsv inverts hsv → rgb on primaries', () => {
    expect(rgbToHsv(255, 0, 0)).toEqual([0, 1, 1]);
    const [h, s, v] = rgbToHsv(0, 0, 255);
    expect(h).toBeCloseTo(2 / 3, 6);
    expect(s).toBe(1);
    expect(v).toBe(1);
  });

  it('hsvFieldToRgb colours each cell', () => {
    const out = new Uint8Array(6);
    hsvFieldToRgb(Float32Array.of(0, 1 / 3), 1, Float32Array.of(1, 1), out);
    expect(Array.from(out)).toEqual([255, 0, 0, 0, 255, 0]);
  });

  it('sRGB ↔ linear round-trips and hits the curve knees', () => {
    for (let i = 0; i <= 255; i++) expect(linearToSrgb(srgbToLinear(i / 255))).toBeCloseTo(i / 255, 9);
    expect(srgbToLinear(0.04045)).toBeCloseTo(0.04045 / 12.92, 12);
    expect(srgbToLinear(1)).toBe(1);
    expect(srgbToLinear(0.5)).toBeCloseTo(0.214041, 5);
  });

  it('OKLab of white is L 1, a ≈ 0, b ≈ 0, and black is 0', () => {
    const [L, a, b] = rgbToOklab(255, 255, 255);
    expect(L).toBeCloseTo(1, 4);
    expect(Math.abs(a)).toBeLessThan(1e-4);
    expect(Math.abs(b)).toBeLessThan(1e-4);
    expect(rgbToOklab(0, 0, 0)[0]).toBeCloseTo(0, 9);
    // Ottosson's published value for sRGB red
    const red = rgbToOklab(255, 0, 0);
    expect(red[0]).toBeCloseTo(0.62796, 4);
    expect(red[1]).toBeCloseTo(0.22486, 4);
    expect(red[2]).toBeCloseTo(0.12585, 4);
  });

  it('sRGB bytes survive OKLab and back', () => {
    for (const c of [[12, 200, 99], [255, 128, 0], [3, 3, 3]] as Rgb[]) {
      const [L, a, b] = rgbToOklab(c[0], c[1], c[2]);
      expect(oklabToRgb(L, a, b)).toEqual(c);
    }
  });

  it('lerpOklch takes the short arc of hue', () => {
    // hues 0.948 (magenta) and 0.138 (orange): the short way crosses 0 (mid ≈ 0.043), the long way passes 0.543
    const a: Rgb = [255, 0, 200];
    const b: Rgb = [255, 120, 0];
    const dist = (x: number, y: number) => Math.abs(((x - y + 1.5) % 1) - 0.5);
    const mid = lerpOklch(a, b, 0.5);
    expect(dist(rgbToOklch(...mid)[2], 0.043)).toBeLessThan(0.03);
    const long = lerpOklch(a, b, 0.5, false);
    expect(dist(rgbToOklch(...long)[2], 0.543)).toBeLessThan(0.05);
    expect(lerpOklch(a, b, 0)).toEqual(a);
    expect(lerpOklch(a, b, 1)).toEqual(b);
  });

  it('harmonies keep L and C and rotate the hue by their offsets', () => {
    const seed: Rgb = [180, 120, 90];
    const [L, C, H] = rgbToOklch(...seed);
    const sets: [Rgb[], number[]][] = [
      [harmonyComplementary(seed), [0, 0.5]],
      [harmonyTriadic(seed), [0, 0.333, 0.667]],
      [harmonyTetradic(seed), [0, 0.25, 0.5, 0.75]],
      [harmonySplitComplementary(seed), [0, 0.42, 0.58]],
      [harmonyAnalogous(seed), [-0.16, -0.08, 0, 0.08, 0.16]],
    ];
    for (const [colours, offsets] of sets) {
      expect(colours).toHaveLength(offsets.length);
      colours.forEach((c, i) => {
        const [l, cc, h] = rgbToOklch(...c);
        expect(l).toBeCloseTo(L, 1);
        expect(cc).toBeCloseTo(C, 1);
        expect(Math.abs(((h - H - offsets[i]! + 1.5) % 1) - 0.5)).toBeLessThan(0.02);
      });
    }
  });

  it('the ten discrete palettes and rgbPaletteMap index by ⌊v·n⌋', () => {
    expect(Object.keys(RGB_PALETTES)).toHaveLength(10);
    const out = new Uint8Array(9);
    rgbPaletteMap(Float32Array.of(0, 0.5, 1), RGB_PALETTES['neon']!, out, undefined, -1);
    expect(Array.from(out)).toEqual([255, 0, 102, 102, 0, 255, 0, 204, 255]);
  });
});
