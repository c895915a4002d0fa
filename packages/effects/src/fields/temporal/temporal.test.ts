import { describe, expect, it } from '@jest/globals';
import { createGeometry, featureFrame, Rng, type FrameContext, type GridGeometry } from '@glyphreel/core';
import { morph, morphFields } from '../value/morph.js';
import { sequence, sequenceFields, sequencePosition } from '../value/sequence.js';
import { arcBuildPlateau, arcEaseIn, arcEaseOut, arcLinear, arcStepReveal, layerStrength } from './arcs.js';
import * as E from './easing.js';
import { keyframe, keyframeArray } from './keyframe.js';
import { stateSlots } from '../util.js';

describe('easing', () => {
  it('has 11 functions, each mapping 0 → 0 and 1 → 1', () => {
    expect(E.EASING_NAMES).toHaveLength(11);
    for (const name of E.EASING_NAMES) {
      expect(E.EASINGS[name](0)).toBeCloseTo(0, 12);
      expect(E.EASINGS[name](1)).toBeCloseTo(1, 12);
    }
    expect(E.easeInExpo(0)).toBe(0);
    expect(E.easeOutExpo(1)).toBe(1);
    expect(E.easeElastic(0)).toBe(0);
    expect(E.easeElastic(1)).toBe(1);
  });

  it('hits the known midpoints', () => {
    expect(E.easeLinear(0.5)).toBe(0.5);
    expect(E.easeInQuad(0.5)).toBe(0.25);
    expect(E.easeOutQuad(0.5)).toBe(0.75);
    expect(E.easeInOutQuad(0.5)).toBe(0.5);
    expect(E.easeInOutQuad(0.25)).toBe(0.125);
    expect(E.easeInCubic(0.5)).toBe(0.125);
    expect(E.easeOutCubic(0.5)).toBe(0.875);
    expect(E.easeInOutCubic(0.5)).toBe(0.5);
    expect(E.easeInOutCubic(0.25)).toBe(0.0625);
    expect(E.easeInExpo(0.5)).toBe(0.03125);
    expect(E.easeOutExpo(0.5)).toBe(0.96875);
    expect(E.easeElastic(0.5)).toBeCloseTo(2 ** -5 * Math.sin(((5 - 0.75) * 2 * Math.PI) / 3) + 1, 12);
    expect(E.easeBounce(0.5)).toBeCloseTo(0.765625, 12);
    expect(E.easeBounce(0.2)).toBeCloseTo(7.5625 * 0.04, 12);
    expect(E.easeBounce(0.9)).toBeCloseTo(7.5625 * (0.9 - 2.25 / 2.75) ** 2 + 0.9375, 12);
  });
});

describe('keyframes', () => {
  const pts = [[0, 0], [10, 10], [20, 0]] as const;
  it('interpolates with the easing and holds the ends', () => {
    expect(keyframe(5, pts, E.easeLinear)).toBe(5);
    expect(keyframe(5, pts)).toBe(5); // in_out_cubic at 0.5
    expect(keyframe(2.5, pts)).toBeCloseTo(10 * 0.0625, 12);
    expect(keyframe(15, pts, E.easeLinear)).toBe(5);
    expect(keyframe(-3, pts)).toBe(0);
    expect(keyframe(99, [[0, 1], [4, 7]])).toBe(7);
    expect(keyframe(3, [])).toBe(0);
    expect(keyframe(3, [[1, 4]])).toBe(4);
  });

  it('loops over the span first → last', () => {
    expect(keyframe(25, pts, E.easeLinear, true)).toBe(5);
    expect(keyframe(-5, pts, E.easeLinear, true)).toBe(5); // Python's % keeps the phase positive
    expect(keyframe(40, pts, E.easeLinear, true)).toBe(0);
    expect(keyframe(7, [[2, 3], [2, 9]], E.easeLinear, true)).toBe(9); // zero span: no loop
  });

  it('keyframeArray interpolates element-wise and copies the ends', () => {
    const a = [0, 10, 20];
    const b = [10, 10, 0];
    expect(Array.from(keyframeArray(5, [[0, a], [10, b]], E.easeLinear))).toEqual([5, 10, 10]);
    const end = keyframeArray(50, [[0, a], [10, b]]);
    expect(Array.from(end)).toEqual(b);
    const out = new Float32Array(3);
    expect(keyframeArray(-1, [[0, a], [10, b]], E.easeLinear, out)).toBe(out);
    expect(Array.from(out)).toEqual(a);
  });
});

describe('directional arcs', () => {
  it('follow their formulas', () => {
    expect(arcLinear(0.5, 4)).toBe(2);
    expect(arcEaseOut(0.5)).toBe(0.75);
    expect(arcEaseIn(0.5)).toBe(0.25);
    expect(arcStepReveal(0.4)).toBe(0);
    expect(arcStepReveal(0.625)).toBe(0.5);
    expect(arcStepReveal(0.9)).toBe(1);
    expect(arcBuildPlateau(0.5)).toBe(0.75);
    expect(arcBuildPlateau(0.8)).toBe(1);
    expect(layerStrength(2, 1.25)).toBe(0.5);
    expect(layerStrength(1, 1.25)).toBe(0);
    expect(layerStrength(10, 1.25, 3)).toBe(1);
  });
});

const grid = createGeometry({ rows: 8, cols: 10 });
const ctx = (t: number, state: Record<string, unknown> = {}): FrameContext => ({
  t, frame: 0, fps: 24, progress: 0, durationS: 30, features: featureFrame(), state, rng: new Rng(1),
  budget: { particlesMax: 100, shaders: 'standard', gridScale: 1 }, replaying: false,
});
const constant = (v: number) => (out: Float32Array, _g: GridGeometry, _c: FrameContext) => {
  out.fill(v);
};

describe('morph and sequence', () => {
  it('morphFields: A before t_start, B after t_end, eased lerp between', () => {
    const out = new Float32Array(80);
    morphFields(out, grid, ctx(1), constant(0.2), constant(0.8), 2, 4);
    expect(out[0]).toBeCloseTo(0.2, 6);
    morphFields(out, grid, ctx(5), constant(0.2), constant(0.8), 2, 4);
    expect(out[0]).toBeCloseTo(0.8, 6);
    morphFields(out, grid, ctx(2.5), constant(0.2), constant(0.8), 2, 4);
    expect(out[0]).toBeCloseTo(0.2 + 0.6 * E.easeInOutCubic(0.25), 6);
  });

  it('sequencePosition: one crossfade centred on each boundary, none into the first field or out of the last', () => {
    const pos = { index: 0, other: -1, weight: 0 };
    const share = (t: number, count = 3, durations = [4]) => {
      sequencePosition(t, count, durations, 1, E.easeLinear, pos);
      return { ...pos };
    };
    expect(share(0.2)).toEqual({ index: 0, other: -1, weight: 0 }); // first field: no fade-in
    expect(share(3.4)).toEqual({ index: 0, other: -1, weight: 0 }); // before the crossfade
    expect(share(3.75)).toEqual({ index: 0, other: 1, weight: 0.25 });
    expect(share(4.25)).toEqual({ index: 1, other: 0, weight: 0.25 });
    expect(share(11.75)).toEqual({ index: 2, other: -1, weight: 0 }); // last field: no fade-out
    expect(share(12.5)).toEqual({ index: 0, other: -1, weight: 0 }); // loops
    expect(share(2.25, 2, [2, 6])).toEqual({ index: 1, other: 0, weight: 0.25 });
    // The next field's share rises monotonically through the boundary (it once fell back to 0 there).
    const next = (t: number) => {
      const p = share(t);
      return p.index === 1 ? (p.other === 0 ? 1 - p.weight : 1) : p.other === 1 ? p.weight : 0;
    };
    const ts = Array.from({ length: 41 }, (_, k) => 3 + k * 0.05);
    const shares = ts.map(next);
    for (let k = 1; k < shares.length; k++) expect(shares[k]).toBeGreaterThanOrEqual(shares[k - 1]! - 1e-12);
    expect(next(4 - 1e-9)).toBeCloseTo(0.5, 6);
    expect(next(4)).toBeCloseTo(0.5, 6);
    expect([next(3.5), next(4.5)]).toEqual([0, 1]);
  });

  it('sequenceFields blends the fields', () => {
    const out = new Float32Array(80);
    sequenceFields(out, grid, ctx(3.75), [constant(0), constant(1)], [4], 1, E.easeLinear);
    expect(out[5]).toBeCloseTo(0.25, 6);
  });

  it('registered morph and sequence evaluate named fields with their own state slots', () => {
    const state: Record<string, unknown> = {};
    const out = new Float32Array(80);
    const p = { a: 'plasma', b: 'diamond', t_start: 1, t_end: 3, ease: 'linear' } as const;
    morph.fill(out, grid, ctx(2, state), p);
    const a = new Float32Array(80);
    const b = new Float32Array(80);
    (morph as any).fill(a, grid, ctx(0), { ...p });
    (morph as any).fill(b, grid, ctx(9), { ...p, t_start: 0, t_end: 0.5 });
    expect([...stateSlots({ state } as unknown as FrameContext).keys()].filter((k) => k.startsWith('sub.morph.'))).toEqual(['sub.morph.0', 'sub.morph.1']);
    // At t = 2 (halfway), out is the mean of plasma(2) and diamond(2).
    const pl = new Float32Array(80);
    const dm = new Float32Array(80);
    morph.fill(pl, grid, ctx(2), { ...p, t_start: 5, t_end: 6 });
    morph.fill(dm, grid, ctx(2), { ...p, t_start: 0, t_end: 1 });
    for (let i = 0; i < 80; i += 7) expect(out[i]).toBeCloseTo((pl[i]! + dm[i]!) / 2, 5);
    const seq = new Float32Array(80);
    sequence.fill(seq, grid, ctx(1), { fields: ['sdf', 'plasma'], durations: [4], crossfade: 1, ease: 'linear' });
    const sdfOnly = new Float32Array(80);
    morph.fill(sdfOnly, grid, ctx(1), { ...p, a: 'sdf', t_start: 5, t_end: 6 });
    expect(Array.from(seq)).toEqual(Array.from(sdfOnly));
  });
});
