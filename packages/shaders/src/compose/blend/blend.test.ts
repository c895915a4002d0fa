import { describe, expect, it } from '@jest/globals';
import { GlyphreelError, Rng } from '@glyphreel/core';
import { blendFrames, blendLut, blendRgbFrames, quantizeUnit } from './engine.js';
import { BLEND_DEFS, BLEND_MODE_NAMES, blendFunction } from './modes.js';

const E = 1e-6;
const cl = (x: number) => Math.min(1, Math.max(0, x));
/** Catalog 4.1, written out independently of modes.ts. */
const REF: Record<string, (a: number, b: number) => number> = {
  normal: (_a, b) => b,
  add: (a, b) => cl(a + b),
  subtract: (a, b) => cl(a - b),
  multiply: (a, b) => a * b,
  screen: (a, b) => 1 - (1 - a) * (1 - b),
  overlay: (a, b) => (a < 0.5 ? 2 * a * b : 1 - 2 * (1 - a) * (1 - b)),
  softlight: (a, b) => (1 - 2 * b) * a * a + 2 * b * a,
  hardlight: (a, b) => (b < 0.5 ? 2 * a * b : 1 - 2 * (1 - a) * (1 - b)),
  difference: (a, b) => Math.abs(a - b),
  exclusion: (a, b) => a + b - 2 * a * b,
  colordodge: (a, b) => cl(a / (1 - b + E)),
  colorburn: (a, b) => cl(1 - (1 - a) / (b + E)),
  linearlight: (a, b) => cl(a + 2 * b - 1),
  vividlight: (a, b) => (b < 0.5 ? cl(1 - (1 - a) / (2 * b + E)) : cl(a / (2 * (1 - b) + E))),
  pin_light: (a, b) => (b < 0.5 ? Math.min(a, 2 * b) : Math.max(a, 2 * b - 1)),
  hard_mix: (a, b) => (a + b >= 1 ? 1 : 0),
  lighten: (a, b) => Math.max(a, b),
  darken: (a, b) => Math.min(a, b),
  grain_extract: (a, b) => cl(a - b + 0.5),
  grain_merge: (a, b) => cl(a + b - 0.5),
};

function floatFormula(mode: string, A: number, B: number, op: number): number {
  const a = A / 255;
  let r = (REF[mode] as (a: number, b: number) => number)(a, B / 255);
  if (op < 1) r = a * (1 - op) + r * op;
  return cl(r);
}

describe('blend modes', () => {
  it('registers the 20 modes of catalog 4.1 in order', () => {
    expect(BLEND_DEFS.map((d) => d.name)).toEqual(Object.keys(REF));
    expect(BLEND_MODE_NAMES).toHaveLength(20);
  });

  const rng = new Rng(7);
  const pairs: [number, number][] = [];
  for (let A = 0; A < 256; A += 15) for (let B = 0; B < 256; B += 15) pairs.push([A, B]);
  for (let k = 0; k < 400; k++) pairs.push([rng.int(0, 255), rng.int(0, 255)]);
  for (const [A, B] of [[0, 0], [255, 255], [0, 255], [255, 0], [128, 127], [127, 128]] as const) pairs.push([A, B]);

  it.each(BLEND_MODE_NAMES.map((m) => [m]))('%s matches its formula exactly (guarded) and within 1 of the bare float formula', (mode) => {
    const wrong: string[] = [];
    let offByOne = 0;
    for (const op of [1, 0.7, 0.5, 0.3, 0.05]) {
      const lut = blendLut(mode, op);
      for (const [A, B] of pairs) {
        const r = floatFormula(mode, A, B, op);
        const got = lut[(A << 8) | B] as number;
        const guarded = Math.min(255, Math.floor(r * 255 + 1e-6));
        const bare = Math.trunc(r * 255);
        if (got !== guarded || (got !== bare && got !== bare + 1)) wrong.push(`(${A}, ${B}, op ${op}) → ${got}, expected ${guarded}`);
        if (got !== bare) offByOne++;
      }
    }
    expect(wrong).toEqual([]);
    // The guard only ever absorbs representation noise: a handful of samples, never most of them.
    expect(offByOne).toBeLessThan(pairs.length);
  });

  it('gives the expected bytes on hand-computed cases', () => {
    const one = (mode: string, A: number, B: number, op = 1) => (blendLut(mode, op)[(A << 8) | B] as number);
    expect(one('multiply', 255, 128)).toBe(128);
    expect(one('add', 200, 100)).toBe(255);
    expect(one('subtract', 100, 150)).toBe(0);
    expect(one('difference', 10, 250)).toBe(240);
    expect(one('screen', 128, 128)).toBe(191); // 1 − (127/255)² = 0.75196 → 191.75
    expect(one('hard_mix', 128, 127)).toBe(255); // a + b = 1 exactly
    expect(one('hard_mix', 128, 126)).toBe(0);
    expect(one('grain_extract', 100, 100)).toBe(127); // ½ → 127.5
    expect(one('normal', 0, 255, 0.5)).toBe(127);
    expect(one('colordodge', 255, 255)).toBe(255); // ε keeps 1/(0 + ε) finite, then clamps
    expect(one('colorburn', 0, 0)).toBe(0);
    expect(one('overlay', 30, 30)).toBe(7); // 2·0.1176² = 0.02768 → 7.06: overlay crushes darks
  });

  it('returns the base exactly at opacity 0 for every mode', () => {
    const r = new Rng(3);
    const base = new Uint8Array(3000);
    const top = new Uint8Array(3000);
    for (let i = 0; i < base.length; i++) {
      base[i] = r.int(0, 255);
      top[i] = r.int(0, 255);
    }
    for (const mode of BLEND_MODE_NAMES) {
      const out = new Uint8Array(base.length);
      blendFrames(base, top, mode, 0, out);
      expect(Buffer.from(out).equals(Buffer.from(base))).toBe(true);
    }
  });

  it('blends whole frames through the word path and the byte tail alike, in place on base', () => {
    const n = 4 * 1000 + 3; // a 3-byte tail after the 32-bit words
    const r = new Rng(11);
    const base = new Uint8Array(n);
    const top = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      base[i] = r.int(0, 255);
      top[i] = r.int(0, 255);
    }
    const expected = Array.from(base, (A, i) => quantizeUnit(floatFormula('screen', A, top[i] as number, 0.7)));
    blendFrames(base, top, 'screen', 0.7, base);
    expect(Array.from(base)).toEqual(expected);
    // A misaligned view takes the byte loop and agrees with it.
    const buf = new Uint8Array(n + 1);
    const odd = buf.subarray(1);
    odd.set(top);
    const out = new Uint8Array(n);
    blendFrames(odd, odd, 'multiply', 1, out);
    expect(Array.from(out)).toEqual(Array.from(top, (B) => quantizeUnit(floatFormula('multiply', B, B, 1))));
  });

  it('rejects unknown modes with E_UNKNOWN naming the mode and listing the known ones', () => {
    const a = new Uint8Array(3);
    let err: unknown;
    try {
      blendFrames(a, a, 'scren', 1, a);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GlyphreelError);
    expect((err as GlyphreelError).code).toBe('E_UNKNOWN');
    expect((err as GlyphreelError).message).toContain('"scren"');
    expect((err as GlyphreelError).hint).toContain('screen');
    expect((err as GlyphreelError).hint).toContain('grain_merge');
    expect(() => blendFunction('Normal')).toThrow('Unknown blend mode "Normal"');
  });

  it('rejects opacities outside [0, 1] and mismatched sizes', () => {
    const a = new Uint8Array(6);
    expect(() => blendFrames(a, a, 'add', 1.5, a)).toThrow('opacity 1.5 is invalid');
    expect(() => blendFrames(a, new Uint8Array(3), 'add', 1, a)).toThrow('buffer sizes differ');
    expect(() => blendRgbFrames({ width: 2, height: 1, data: a }, { width: 1, height: 2, data: a }, 'add')).toThrow('frame sizes differ');
  });
});
