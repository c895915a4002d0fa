import { describe, expect, it } from '@jest/globals';
import { createGeometry, featureFrame, Rng, validateParams, type FeatureFrame, type FrameContext, type GridGeometry, type ValueEffectDef } from '@glyphreel/core';
import { gameOfLife } from './game-of-life.js';
import { RD_PRESETS, reactionDiffusion } from './reaction-diffusion.js';
import { strangeAttractor } from './strange-attractor.js';
import { temporalNoise } from './temporal-noise.js';

const A = createGeometry({ sizeKey: 'md', rows: 40, cols: 90 });
const B = createGeometry({ sizeKey: 'sm', rows: 30, cols: 50 });

function ctx(state: Record<string, unknown>, t = 0, features: FeatureFrame = featureFrame(), seed = 1): FrameContext {
  return {
    t, frame: Math.round(t * 24), fps: 24, progress: 0, durationS: 30, features, state, rng: new Rng(seed),
    budget: { particlesMax: 100, shaders: 'standard', gridScale: 1 }, replaying: false,
  };
}
function run(def: ValueEffectDef<any>, grid: GridGeometry, c: FrameContext, given: Record<string, unknown> = {}): Float32Array {
  const out = new Float32Array(grid.rows * grid.cols);
  def.fill(out, grid, c, validateParams(def.params, given, { plugin: 'effects', kind: 'effect', entry: def.name }));
  return out;
}
const same = (a: Float32Array, b: Float32Array) => a.every((v, k) => v === b[k]);
const sum = (a: Float32Array) => a.reduce((s, v) => s + v, 0);

describe('reaction_diffusion', () => {
  it('keeps its state per grid across frames; steps_per_frame = 0 reads without stepping', () => {
    const state: Record<string, unknown> = {};
    const f1 = run(reactionDiffusion, A, ctx(state, 0));
    const f2 = run(reactionDiffusion, A, ctx(state, 1 / 24));
    expect(same(f1, f2)).toBe(false);
    expect(Object.keys(state)).toEqual([`rd_${A.id}`]);
    const r1 = run(reactionDiffusion, A, ctx(state, 2 / 24), { steps_per_frame: 0 });
    const r2 = run(reactionDiffusion, A, ctx(state, 3 / 24), { steps_per_frame: 0 });
    expect(same(r1, f2)).toBe(true);
    expect(same(r2, f2)).toBe(true);
    // Another grid starts its own simulation, identical to a fresh one there.
    const other = run(reactionDiffusion, B, ctx(state, 0));
    expect(Object.keys(state).sort()).toEqual([`rd_${A.id}`, `rd_${B.id}`].sort());
    expect(same(other, run(reactionDiffusion, B, ctx({}, 0)))).toBe(true);
  });

  it('seeds max(3, rows·cols/200) 3×3 spots (seed 42), a 6×6 centre square, or a ring', () => {
    const spots = run(reactionDiffusion, A, ctx({}), { steps_per_frame: 0 });
    const lit = spots.filter((v) => v === 1).length;
    expect(lit).toBeGreaterThan(9 * 3);
    expect(lit).toBeLessThanOrEqual(9 * 18);
    const centre = run(reactionDiffusion, A, ctx({}), { steps_per_frame: 0, init_mode: 'center' });
    expect(centre.filter((v) => v === 1).length).toBe(36);
    expect(centre[20 * 90 + 45]).toBe(1);
    expect(centre[17 * 90 + 42]).toBe(1);
    expect(centre[23 * 90 + 45]).toBe(0);
    const ring = run(reactionDiffusion, A, ctx({}), { steps_per_frame: 0, init_mode: 'ring' });
    for (let i = 0; i < ring.length; i++) expect(ring[i]).toBe(A.distN[i]! > 0.2 && A.distN[i]! < 0.3 ? 1 : 0);
  });

  it('one Gray-Scott step matches the formula at a cell (3×3 Laplacian, wrap-around, clamp, output 2B)', () => {
    const state: Record<string, unknown> = {};
    run(reactionDiffusion, A, ctx(state), { steps_per_frame: 0, init_mode: 'center' });
    const before = state[`rd_${A.id}`] as { a: Float32Array; b: Float32Array };
    const a0 = Float32Array.from(before.a);
    const b0 = Float32Array.from(before.b);
    const out = run(reactionDiffusion, A, ctx(state), { steps_per_frame: 1, init_mode: 'center' });
    const F = 0.055 + 0.3 * 0.003;
    const K = 0.062 + 0.3 * 0.002;
    const at = (arr: Float32Array, r: number, c: number) => arr[((r + 40) % 40) * 90 + ((c + 90) % 90)]!;
    const lap = (arr: Float32Array, r: number, c: number) =>
      (at(arr, r - 1, c) + at(arr, r + 1, c) + at(arr, r, c - 1) + at(arr, r, c + 1)) * 0.2 +
      (at(arr, r - 1, c - 1) + at(arr, r - 1, c + 1) + at(arr, r + 1, c - 1) + at(arr, r + 1, c + 1)) * 0.05 - at(arr, r, c);
    for (const [r, c] of [[17, 42], [16, 41], [20, 47]] as const) {
      const av = at(a0, r, c);
      const bv = at(b0, r, c);
      const nb = Math.min(1, Math.max(0, bv + (0.5 * lap(b0, r, c) + av * bv * bv - (F + K) * bv)));
      expect(out[r * 90 + c]).toBeCloseTo(Math.min(1, nb * 2), 5);
    }
  });

  it('accepts the named presets, with "pulsating" as the README name of "holes"', () => {
    expect(RD_PRESETS.pulsating).toEqual(RD_PRESETS.holes);
    const a = run(reactionDiffusion, A, ctx({}), { preset: 'coral' });
    const b = run(reactionDiffusion, A, ctx({}), { feed: 0.037, kill: 0.06 });
    expect(same(a, b)).toBe(true);
  });
});

describe('game_of_life', () => {
  it('steps B3/S23 on a torus with analog fade, per grid', () => {
    const state: Record<string, unknown> = {};
    const first = run(gameOfLife, A, ctx(state));
    const s = state[`gol_${A.id}`] as { alive: Uint8Array };
    const alive0 = Uint8Array.from(s.alive);
    // Recompute one generation by hand from the state after frame 1.
    const second = run(gameOfLife, A, ctx(state, 1 / 24));
    for (let r = 0; r < 40; r++) {
      for (let c = 0; c < 90; c++) {
        let nb = 0;
        for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) {
          if (dr || dc) nb += alive0[((r + dr + 40) % 40) * 90 + ((c + dc + 90) % 90)]!;
        }
        const was = alive0[r * 90 + c]!;
        const now = was ? nb === 2 || nb === 3 : nb === 3;
        const i = r * 90 + c;
        expect(second[i]).toBeCloseTo(now ? 1 : first[i]! * 0.92, 6);
      }
    }
    run(gameOfLife, B, ctx(state));
    expect(Object.keys(state).sort()).toEqual([`gol_${A.id}`, `gol_${B.id}`].sort());
  });

  it('reads without stepping at steps_per_frame = 0 (dead cells still fade), and custom birth/survive override the preset', () => {
    const state: Record<string, unknown> = {};
    const f1 = run(gameOfLife, A, ctx(state), { steps_per_frame: 0 });
    const f2 = run(gameOfLife, A, ctx(state), { steps_per_frame: 0 });
    expect(same(f1, f2)).toBe(true);
    const seeds = run(gameOfLife, A, ctx({}), { birth: [2], survive: [] });
    const life = run(gameOfLife, A, ctx({}));
    expect(same(seeds, life)).toBe(false);
    const coral = run(gameOfLife, A, ctx({}), { rule: 'coral' });
    const coralByHand = run(gameOfLife, A, ctx({}), { birth: [3], survive: [4, 5, 6, 7, 8] });
    expect(same(coral, coralByHand)).toBe(true);
  });

  it('a beat injects about 2 % live cells', () => {
    const quiet = run(gameOfLife, A, ctx({}), { steps_per_frame: 0, density: 0 });
    const beat = run(gameOfLife, A, ctx({}, 0, featureFrame({ beat: 1 })), { steps_per_frame: 0, density: 0 });
    expect(sum(quiet)).toBe(0);
    expect(sum(beat)).toBeGreaterThan(3600 * 0.01);
    expect(sum(beat)).toBeLessThan(3600 * 0.03);
  });
});

describe('strange_attractor', () => {
  const small = { n_points: 20000, warmup: 100 };

  it('without drift computes the image once and reuses it (same frame at any t, only the rms gain changes)', () => {
    const state: Record<string, unknown> = {};
    const a = run(strangeAttractor, A, ctx(state, 0), { ...small, drift: false });
    const cached = state['fields.attractor'] as { x: Float64Array };
    const x0 = cached.x[123];
    const b = run(strangeAttractor, A, ctx(state, 50), { ...small, drift: false });
    expect(same(a, b)).toBe(true);
    expect((state['fields.attractor'] as { x: Float64Array }).x[123]).toBe(x0);
    const loud = run(strangeAttractor, A, ctx(state, 50, featureFrame({ rms: 0.55 })), { ...small, drift: false });
    const peak = a.indexOf(Math.max(...a));
    expect(loud[peak]! / a[peak]!).toBeCloseTo((0.5 + 0.55 * 0.8) / (0.5 + 0.3 * 0.8), 4);
  });

  it('with drift iterates the cached cloud once per frame and stays close to a freshly built image', () => {
    const state: Record<string, unknown> = {};
    for (let f = 0; f < 48; f++) run(strangeAttractor, A, ctx(state, f / 24), small);
    const incremental = run(strangeAttractor, A, ctx(state, 2), small);
    const fresh = run(strangeAttractor, A, ctx({}, 2), small);
    // Same attractor, different samples: the density images correlate strongly.
    const n = incremental.length;
    const ma = sum(incremental) / n;
    const mb = sum(fresh) / n;
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    for (let i = 0; i < n; i++) {
      const da = incremental[i]! - ma;
      const db = fresh[i]! - mb;
      sab += da * db;
      saa += da * da;
      sbb += db * db;
    }
    expect(sab / Math.sqrt(saa * sbb)).toBeGreaterThan(0.9);
    expect(same(incremental, fresh)).toBe(false);
  });

  it('the first cloud matches the reference construction (independent points, each warmed up) statistically', () => {
    const out = run(strangeAttractor, A, ctx({}, 0), small);
    // Reference: 20000 independent points from ±0.1, 100 iterations each, binned over their bounds.
    const rng = new Rng(5);
    const x = new Float64Array(20000).map(() => rng.uniform(-0.1, 0.1));
    const y = new Float64Array(20000).map(() => rng.uniform(-0.1, 0.1));
    const a = -1.4 + Math.sin(0) * 0.3;
    const b = 1.6 + Math.cos(0) * 0.2;
    const c = 1 + Math.sin(1) * 0.3;
    const d = 0.7 + Math.cos(2) * 0.2;
    for (let k = 0; k < 100; k++) {
      for (let i = 0; i < x.length; i++) {
        const px = x[i]!;
        const py = y[i]!;
        x[i] = Math.sin(a * py) + c * Math.cos(a * px);
        y[i] = Math.sin(b * px) + d * Math.cos(b * py);
      }
    }
    const x0 = Math.min(...x) - 0.1;
    const x1 = Math.max(...x) + 0.1;
    const y0 = Math.min(...y) - 0.1;
    const y1 = Math.max(...y) + 0.1;
    const counts = new Float32Array(3600);
    for (let i = 0; i < x.length; i++) counts[Math.trunc(((y[i]! - y0) / (y1 - y0)) * 39) * 90 + Math.trunc(((x[i]! - x0) / (x1 - x0)) * 89)]!++;
    const lit = (arr: ArrayLike<number>) => Array.from(arr).filter((v) => v > 0).length;
    // Same support: the lit cells of both images agree to within 10 %.
    expect(Math.abs(lit(out) - lit(counts)) / lit(counts)).toBeLessThan(0.1);
  });
});

describe('temporal_noise', () => {
  it('morphs in place: equals the smootherstep crossfade of the two integer time slices', () => {
    const state: Record<string, unknown> = {};
    const atSlice1 = run(temporalNoise, A, ctx(state, 1 / 0.3)); // t·t_freq = 1 exactly: pure slice 1
    const atSlice2 = run(temporalNoise, A, ctx({}, 2 / 0.3));
    const mid = run(temporalNoise, A, ctx(state, 1.5 / 0.3)); // fraction 0.5 → weight 0.5
    for (const i of [0, 100, 1000, 3599]) expect(mid[i]).toBeCloseTo((atSlice1[i]! + atSlice2[i]!) / 2, 5);
  });
});
