import { describe, expect, it } from '@jest/globals';
import { createGeometry, featureFrame, oklchToRgb, Rng, validateParams, type FeatureFrame, type FrameContext, type HueDef } from '@glyphreel/core';
import { hueFields } from '../index.js';

const LANDSCAPE = createGeometry({ rows: 56, cols: 192, cellWidthPx: 10, cellHeightPx: 19 });
const PORTRAIT = createGeometry({ rows: 100, cols: 56, cellWidthPx: 10, cellHeightPx: 19 });
const ctx = (t = 0, features: FeatureFrame = featureFrame()): FrameContext => ({
  t, frame: 0, fps: 24, progress: 0, durationS: 30, features, state: {}, rng: new Rng(1),
  budget: { particlesMax: 100, shaders: 'standard', gridScale: 1 }, replaying: false,
});
const defs = hueFields as HueDef<any>[];
const def = (name: string) => defs.find((d) => d.name === name)!;
function hue(name: string, t = 0, given: Record<string, unknown> = {}, features?: FeatureFrame, grid = LANDSCAPE): Float32Array {
  const d = def(name);
  const out = new Float32Array(grid.rows * grid.cols).fill(NaN);
  d.fill(out as never, grid, ctx(t, features), validateParams(d.params, given, { plugin: 'effects', kind: 'hue field', entry: name }));
  return out;
}
const at = (r: number, c: number) => r * LANDSCAPE.cols + c;

describe('hue fields', () => {
  it('registers all 9 (8 hue outputs and the RGB oklch_angle)', () => {
    expect(defs.map((d) => d.name)).toEqual(['fixed', 'angle', 'distance', 'time_cycle', 'audio_cent', 'gradient_h', 'gradient_v', 'plasma', 'oklch_angle']);
    expect(defs.filter((d) => d.output === 'rgb').map((d) => d.name)).toEqual(['oklch_angle']);
  });

  for (const d of defs.filter((x) => x.output === 'hue')) {
    it(`${d.name}: every cell written and in [0,1) on both grids, at several times and features`, () => {
      for (const grid of [LANDSCAPE, PORTRAIT]) {
        for (const [t, f] of [[0, featureFrame({ cent: 0 })], [13.7, featureFrame({ cent: 1 })], [-2, featureFrame()]] as const) {
          const out = hue(d.name, t, {}, f, grid);
          for (let i = 0; i < out.length; i++) if (!(out[i]! >= 0 && out[i]! < 1)) throw new Error(`${d.name} ${i} = ${out[i]}`);
        }
      }
    });
  }

  it('known values: fixed, angle, distance, time_cycle, audio_cent, gradients, plasma', () => {
    expect(hue('fixed', 0, { hue: 1.25 })[77]).toBe(0.25);
    const i = at(10, 30);
    const frac = (x: number) => x - Math.floor(x);
    expect(hue('angle', 2, { offset: 0.1 })[i]).toBeCloseTo(frac(LANDSCAPE.angle[i]! / (2 * Math.PI) + 0.1 + 0.1), 6);
    expect(hue('distance', 2)[i]).toBeCloseTo(frac(0.5 + LANDSCAPE.dist[i]! * 0.02 + 0.06), 6);
    expect(hue('time_cycle', 12.5)[i]).toBeCloseTo(0.25, 6);
    expect(hue('audio_cent', 0, {}, featureFrame({ cent: 0.5 }))[i]).toBeCloseTo(0.15, 6);
    expect(hue('audio_cent')[i]).toBeCloseTo(0.09, 6); // absent cent reads the project-wide 0.3
    expect(hue('gradient_h', 0, { start: 0.2, end: 0.6 })[i]).toBeCloseTo(0.2 + (30 / 192) * 0.4, 6);
    expect(hue('gradient_v', 0, { start: 0.2, end: 0.6 })[i]).toBeCloseTo(0.2 + (10 / 56) * 0.4, 6);
    expect(hue('plasma', 3)[i]).toBeCloseTo(frac(Math.sin(30 * 0.02 + 0.9) * 0.5 + Math.sin(10 * 0.015 + 0.63) * 0.5), 5);
  });

  it('oklch_angle writes RGB bytes of the OKLCH wheel at fixed L and C', () => {
    const d = def('oklch_angle');
    const n = LANDSCAPE.rows * LANDSCAPE.cols;
    const out = new Uint8Array(n * 3);
    d.fill(out as never, LANDSCAPE, ctx(0), validateParams(d.params, {}, { plugin: 'effects', kind: 'hue field', entry: 'oklch_angle' }));
    for (const j of [at(10, 30), at(50, 190), at(28, 100)]) {
      const h = LANDSCAPE.angle[j]! / (2 * Math.PI);
      const expected = oklchToRgb(0.7, 0.12, h - Math.floor(h));
      for (let k = 0; k < 3; k++) expect(Math.abs(out[j * 3 + k]! - expected[k]!)).toBeLessThanOrEqual(2);
    }
    // Opposite sides of the centre get different colours.
    expect(Array.from(out.subarray(at(28, 10) * 3, at(28, 10) * 3 + 3))).not.toEqual(Array.from(out.subarray(at(28, 180) * 3, at(28, 180) * 3 + 3)));
  });
});
