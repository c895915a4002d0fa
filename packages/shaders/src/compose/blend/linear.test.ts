import { describe, expect, it } from '@jest/globals';
import { createFrame, linearToSrgb, Rng, srgbToLinear, type RgbFrame } from '@glyphreel/core';
import { blendFrames } from './engine.js';
import { blendFramesLinear, blendLutLinear, blendManyLinear } from './linear.js';
import { BLEND_MODE_NAMES } from './modes.js';
import { PixelBlendStack } from './stack.js';

function randomFrame(w: number, h: number, seed: number): RgbFrame {
  const f = createFrame(w, h);
  const r = new Rng(seed);
  for (let i = 0; i < f.data.length; i++) f.data[i] = r.int(0, 255);
  return f;
}

const linRef = (mode: 'screen' | 'add' | 'multiply', A: number, B: number, op: number): number => {
  const a = srgbToLinear(A / 255);
  const b = srgbToLinear(B / 255);
  let r = mode === 'screen' ? 1 - (1 - a) * (1 - b) : mode === 'add' ? Math.min(1, a + b) : a * b;
  if (op < 1) r = a * (1 - op) + r * op;
  r = Math.min(1, Math.max(0, r));
  return r >= 1 ? 255 : Math.floor(linearToSrgb(r) * 255 + 1e-6);
};

describe('linear-light blending', () => {
  it('round-trips normal at opacity 1 (top comes back byte for byte)', () => {
    const base = randomFrame(16, 16, 1);
    const top = randomFrame(16, 16, 2);
    const out = new Uint8Array(base.data.length);
    blendFramesLinear(base.data, top.data, 'normal', 1, out);
    expect(Buffer.from(out).equals(Buffer.from(top.data))).toBe(true);
    const all = new Uint8Array(256);
    for (let i = 0; i < 256; i++) all[i] = i;
    blendFramesLinear(new Uint8Array(256), all, 'normal', 1, out.subarray(0, 256));
    expect(Array.from(out.subarray(0, 256))).toEqual(Array.from(all));
  });

  it('matches sRGB → linear → blend → clamp → sRGB on sampled bytes', () => {
    for (const mode of ['screen', 'add', 'multiply'] as const) {
      for (const op of [1, 0.6]) {
        const lut = blendLutLinear(mode, op);
        for (const [A, B] of [[10, 20], [128, 128], [200, 90], [0, 255], [255, 3], [64, 32]] as const) {
          expect(lut[(A << 8) | B]).toBe(linRef(mode, A, B, op));
        }
      }
    }
    // Mixing black and white half-and-half in linear light gives linear 0.5 = sRGB 0.735 (187), not 127.
    expect(blendLutLinear('normal', 0.5)[(0 << 8) | 255]).toBe(187);
    const srgb = new Uint8Array(1);
    blendFrames(Uint8Array.of(0), Uint8Array.of(255), 'normal', 0.5, srgb);
    expect(srgb[0]).toBe(127);
  });

  it('blendManyLinear folds left and agrees with pairwise linear blends within 1', () => {
    const a = randomFrame(20, 10, 3);
    const b = randomFrame(20, 10, 4);
    const c = randomFrame(20, 10, 5);
    const many = blendManyLinear([a, b, c], ['screen', 'multiply'], [0.8, 0.5]);
    // The two-layer case is one linear blend; exact bytes agree within the documented ±1.
    const two = blendManyLinear([a, b], ['add'], [0.7]);
    const ref = new Uint8Array(a.data.length);
    blendFramesLinear(a.data, b.data, 'add', 0.7, ref);
    let maxDiff = 0;
    for (let i = 0; i < ref.length; i++) maxDiff = Math.max(maxDiff, Math.abs((two.data[i] as number) - (ref[i] as number)));
    expect(maxDiff).toBeLessThanOrEqual(1);
    // Three layers: compute the fold in float64 by hand for a few bytes.
    for (const i of [0, 17, 299, 599]) {
      const la = srgbToLinear((a.data[i] as number) / 255);
      const lb = srgbToLinear((b.data[i] as number) / 255);
      const lc = srgbToLinear((c.data[i] as number) / 255);
      let r = la * 0.2 + (1 - (1 - la) * (1 - lb)) * 0.8;
      r = r * 0.5 + r * lc * 0.5;
      const want = Math.floor(linearToSrgb(r) * 255 + 1e-6);
      expect(Math.abs((many.data[i] as number) - want)).toBeLessThanOrEqual(1);
    }
    // Every mode's inlined kernel agrees with its BlendDef through the table path.
    for (const mode of BLEND_MODE_NAMES) {
      const got = blendManyLinear([a, b], [mode], [0.6]);
      const want = new Uint8Array(a.data.length);
      blendFramesLinear(a.data, b.data, mode, 0.6, want);
      let worst = 0;
      for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs((got.data[i] as number) - (want[i] as number)));
      expect([mode, worst <= 1]).toEqual([mode, true]);
    }
    const single = blendManyLinear([a], [], []);
    expect(Buffer.from(single.data).equals(Buffer.from(a.data))).toBe(true);
    expect(() => blendManyLinear([a, b], [], [])).toThrow('2 layers need 1 modes and opacities');
    expect(() => blendManyLinear([a, b], ['nope'], [1])).toThrow('Unknown blend mode "nope"');
  });
});

describe('PixelBlendStack', () => {
  it('composites an empty stack to black of its size', () => {
    const out = new PixelBlendStack(4, 3).composite();
    expect(out.width).toBe(4);
    expect(out.height).toBe(3);
    expect(out.data.every((v) => v === 0)).toBe(true);
  });

  it('folds left from the first layer, ignoring its mode, and is chainable', () => {
    const a = randomFrame(8, 8, 6);
    const b = randomFrame(8, 8, 7);
    const c = randomFrame(8, 8, 8);
    const stack = new PixelBlendStack(8, 8).add(a, 'multiply', 0.1).add(b, 'screen', 0.5).add(c, 'difference', 1);
    expect(stack.size).toBe(3);
    const got = stack.composite();
    const want = new Uint8Array(a.data);
    blendFrames(want, b.data, 'screen', 0.5, want);
    blendFrames(want, c.data, 'difference', 1, want);
    expect(Buffer.from(got.data).equals(Buffer.from(want))).toBe(true);
    expect(Buffer.from(a.data).equals(Buffer.from(randomFrame(8, 8, 6).data))).toBe(true); // inputs untouched
  });

  it('rejects unknown modes and wrong sizes when a layer is added', () => {
    const s = new PixelBlendStack(2, 2);
    expect(() => s.add(createFrame(2, 2), 'glow')).toThrow('Unknown blend mode "glow"');
    expect(() => s.add(createFrame(3, 2))).toThrow('cannot add a 3×2 frame');
    expect(s.size).toBe(0);
  });
});
