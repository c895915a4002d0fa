import { describe, expect, it } from '@jest/globals';
import { createGeometry, featureFrame, Rng, validateParams, type FeatureFrame, type FrameContext, type GridGeometry, type ValueEffectDef } from '@glyphreel/core';
import { valueEffects } from '../index.js';
import { hash2d } from '../noise/hash.js';
import { smootherstep } from '../noise/value-noise.js';
import { transformedGrid } from '../transforms/tgrid.js';

const LANDSCAPE = createGeometry({ sizeKey: 'md', rows: 56, cols: 192, cellWidthPx: 10, cellHeightPx: 19 });
const PORTRAIT = createGeometry({ sizeKey: 'md', rows: 100, cols: 56, cellWidthPx: 10, cellHeightPx: 19 });
const ALL = ['rms', 'sub', 'bass', 'lomid', 'mid', 'himid', 'hi', 'sub_r', 'bass_r', 'lomid_r', 'mid_r', 'himid_r', 'hi_r', 'cent', 'flat', 'flux', 'cent_d'];
const SILENCE = featureFrame(Object.fromEntries([...ALL, 'beat', 'bdecay'].map((k) => [k, 0])));
const LOUD = featureFrame(Object.fromEntries([...ALL, 'beat', 'bdecay'].map((k) => [k, 1])));
const DEFAULTS = featureFrame();

function ctx(features: FeatureFrame = DEFAULTS, t = 0, seed = 1, state: Record<string, unknown> = {}): FrameContext & { t: number; frame: number } {
  return {
    t, frame: 0, fps: 24, progress: 0, durationS: 30, features, state, rng: new Rng(seed),
    budget: { particlesMax: 100, shaders: 'standard', gridScale: 1 }, replaying: false,
  };
}
const defs = valueEffects as ValueEffectDef<any>[];
const byName = (name: string) => defs.find((d) => d.name === name)!;
const params = (def: ValueEffectDef<any>, given: Record<string, unknown> = {}) =>
  validateParams(def.params, given, { plugin: 'effects', kind: 'effect', entry: def.name });

function fill(name: string, grid: GridGeometry, c: FrameContext, given: Record<string, unknown> = {}): Float32Array {
  const def = byName(name);
  const out = new Float32Array(grid.rows * grid.cols).fill(NaN);
  def.fill(out, grid, c, params(def, given));
  return out;
}

/** Cheaper settings for tests that sweep every field but are not about the attractor. */
const light = (name: string): Record<string, unknown> => (name === 'strange_attractor' ? { n_points: 5000, warmup: 100 } : {});

const RANGE: Record<string, [number, number]> = { aurora: [0, 0.7], interference: [0.1, 1], rays: [0, 0.7], glow: [0, 0.9] };

describe('pure value fields', () => {
  it('are marked on the history-free fields only, and a marked field gives the same values with or without earlier frames', () => {
    const pure = defs.filter((d) => d.pure).map((d) => d.name).sort();
    expect(pure).toEqual(['aurora', 'diamond', 'fbm', 'glow', 'interference', 'noise', 'noise_static', 'plasma', 'rays', 'rings', 'ripple', 'sdf', 'sinefield', 'smooth_noise', 'spiral', 'tunnel', 'vortex']);
    for (const name of pure) {
      const warmState: Record<string, unknown> = {};
      for (let f = 0; f < 6; f++) fill(name, LANDSCAPE, ctx(f % 2 ? LOUD : SILENCE, f / 24, 10 + f, warmState));
      const warm = fill(name, LANDSCAPE, ctx(LOUD, 0.5, 3, warmState));
      const fresh = fill(name, LANDSCAPE, ctx(LOUD, 0.5, 3, {}));
      expect([name, Array.from(warm)]).toEqual([name, Array.from(fresh)]);
    }
    // A simulation depends on its history, so it must not be marked.
    const simState: Record<string, unknown> = {};
    for (let f = 0; f < 6; f++) fill('game_of_life', LANDSCAPE, ctx(LOUD, f / 24, 1, simState));
    expect(Array.from(fill('game_of_life', LANDSCAPE, ctx(LOUD, 0.25, 1, simState)))).not.toEqual(Array.from(fill('game_of_life', LANDSCAPE, ctx(LOUD, 0.25, 1, {}))));
  });
});

describe('every value field', () => {
  it('registers the 21 generators, morph, sequence, the 4 legacy producers and the 2 example wrappers', () => {
    expect(defs.map((d) => d.name).sort()).toEqual([
      'aurora', 'cellular', 'diamond', 'domain_warp', 'fbm', 'freq_waves', 'game_of_life', 'glow', 'interference',
      'morph', 'noise', 'noise_static', 'plasma', 'rays', 'reaction_diffusion', 'rings', 'ripple', 'rotated_plasma', 'sdf',
      'sequence', 'sinefield', 'smooth_noise', 'spiral', 'strange_attractor', 'temporal_noise', 'tiled_vortex', 'tunnel',
      'voronoi', 'vortex',
    ]);
  });

  for (const def of defs) {
    it(`${def.name}: writes every cell, finite and in range, on landscape and portrait grids, silent and loud`, () => {
      const [lo, hi] = RANGE[def.name] ?? [0, 1];
      for (const grid of [LANDSCAPE, PORTRAIT]) {
        const state = {};
        for (const [features, t] of [[SILENCE, 0], [LOUD, 3.7], [DEFAULTS, 11.25]] as const) {
          // The attractor re-converges after a jump in t with 32 extra iterations of 50000 points, which is slow
          // under jest; its incremental path is covered in simulations.test.ts, so it starts fresh each time here.
          const out = fill(def.name, grid, ctx(features, t, 5, def.name === 'strange_attractor' ? {} : state));
          let min = Infinity;
          let max = -Infinity;
          for (let i = 0; i < out.length; i++) {
            const v = out[i]!;
            if (!(v >= lo && v <= hi)) throw new Error(`${def.name} cell ${i} = ${v} outside [${lo}, ${hi}]`);
            if (v < min) min = v;
            if (v > max) max = v;
          }
          if (features === DEFAULTS && !['rays', 'noise_static'].includes(def.name)) {
            // Not a flat field: something visible varies across the grid (rays need a beat, static is random).
            expect(max - min).toBeGreaterThan(0.01);
          }
        }
      }
    });
  }

  it('also runs on a transformed grid (the per-cell paths)', () => {
    const tg = transformedGrid(LANDSCAPE, LANDSCAPE.col.map((c) => c * 0.7 + 3), LANDSCAPE.row);
    for (const def of defs) {
      const out = fill(def.name, tg, ctx(DEFAULTS, 2.5), light(def.name));
      for (let i = 0; i < out.length; i++) if (!(out[i]! >= 0 && out[i]! <= 1)) throw new Error(`${def.name} ${i} ${out[i]}`);
    }
  });

  it('plain-grid fast paths equal the per-cell formulas (identity transformed grid, same coordinates)', () => {
    const idg = transformedGrid(LANDSCAPE, LANDSCAPE.col, LANDSCAPE.row);
    // Fields whose formulas read only col/row (the transformed grid recomputes dist/angle differently).
    for (const name of ['smooth_noise', 'aurora', 'interference', 'diamond', 'noise', 'fbm', 'freq_waves', 'domain_warp', 'temporal_noise']) {
      const a = fill(name, LANDSCAPE, ctx(DEFAULTS, 4.2));
      const b = fill(name, idg, ctx(DEFAULTS, 4.2));
      let d = 0;
      for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
      if (d > 2e-5) throw new Error(`${name}: fast and per-cell paths differ by ${d}`);
    }
  });
});

describe('degenerate grids', () => {
  it('1×1, 2×3, 5×1 and 1×7 grids give finite in-range values for every value field', () => {
    for (const [rows, cols] of [[1, 1], [2, 3], [5, 1], [1, 7]] as const) {
      const g = createGeometry({ rows, cols });
      for (const def of defs) {
        const out = fill(def.name, g, ctx(featureFrame({ beat: 1, bdecay: 1 }), 1.3), light(def.name));
        for (const v of out) if (!(v >= 0 && v <= 1)) throw new Error(`${def.name} on ${rows}×${cols}: ${v}`);
      }
    }
  });
});

describe('extreme frequencies', () => {
  it('fall back from hash tables to per-sample hashing and still match the per-cell path', () => {
    const idg = transformedGrid(LANDSCAPE, LANDSCAPE.col, LANDSCAPE.row);
    for (const [name, given] of [
      ['fbm', { freq: 10, lacunarity: 4, octaves: 3 }],
      ['noise', { freq: 10 }],
      ['domain_warp', { freq: 10 }],
    ] as const) {
      const a = fill(name, LANDSCAPE, ctx(DEFAULTS, 1), given);
      const b = fill(name, idg, ctx(DEFAULTS, 1), given);
      for (let i = 0; i < a.length; i += 13) {
        expect(a[i]! >= 0 && a[i]! <= 1).toBe(true);
        expect(a[i]).toBeCloseTo(b[i]!, 5);
      }
    }
  });
});

describe('replayed frames', () => {
  it('advance simulation state exactly as drawn frames do', () => {
    for (const name of ['reaction_diffusion', 'game_of_life', 'strange_attractor']) {
      const drawn = {};
      const replayed = {};
      const given = name === 'strange_attractor' ? { n_points: 5000, warmup: 50 } : {};
      for (let f = 0; f < 4; f++) {
        fill(name, LANDSCAPE, ctx(DEFAULTS, f / 24, 1, drawn), given);
        fill(name, LANDSCAPE, { ...ctx(DEFAULTS, f / 24, 1, replayed), replaying: true }, given);
      }
      const a = fill(name, LANDSCAPE, ctx(DEFAULTS, 4 / 24, 1, drawn), given);
      const b = fill(name, LANDSCAPE, ctx(DEFAULTS, 4 / 24, 1, replayed), given);
      expect(Array.from(b)).toEqual(Array.from(a));
    }
  });
});

describe('known values from the reference formulas', () => {
  const g = LANDSCAPE;
  const i = 17 * g.cols + 45; // row 17, col 45
  const rr = 17;
  const cc = 45;
  const f = featureFrame({ rms: 0.4, bass: 0.6, sub: 0.2, sub_r: 0.1, bass_r: 0.3, mid_r: 0.5, bdecay: 0.25, lomid_r: 0.2 });
  const t = 1.5;
  const clip = (x: number, lo = 0, hi = 1) => Math.min(hi, Math.max(lo, x));

  it('plasma', () => {
    const v = Math.sin(cc * 0.03 + t * 0.7) * 0.5 + Math.sin(rr * 0.04 - t * 0.5) * 0.4 +
      Math.sin(cc * 0.02 + rr * 0.03 + t * 0.3) * 0.3 + Math.sin(g.distN[i]! * 4 - t * 0.8) * 0.3;
    expect(fill('plasma', g, ctx(f, t))[i]).toBeCloseTo(clip(v * 0.5 + 0.5), 5);
  });

  it('sinefield', () => {
    const v1 = Math.sin(cc * 0.13 + t * 0.5) * Math.sin(rr * 0.17 + t * 0.4) * 0.5 + 0.5;
    const v2 = Math.sin(cc * 0.07 + t * 0.3 + rr * 0.09) * 0.4 + 0.5;
    const v3 = Math.sin(g.distN[i]! * 5 + t * 0.2) * 0.3 + 0.4;
    expect(fill('sinefield', g, ctx(f, t))[i]).toBeCloseTo(clip((v1 * 0.35 + v2 * 0.35 + v3 * 0.3) * 0.5 * (0.6 + 0.4 * 0.6)), 5);
  });

  it('rings (max over every ring, as the reference loops)', () => {
    const n = Math.trunc(6 + 0.1 * 25 + 0.6 * 10);
    const sp = 4 + 0.3 * 7 + 0.4 * 3;
    let best = 0;
    for (let k = 0; k < n; k++) {
      const rad = (k + 1) * sp + 0.25 * 15;
      const wob = 0.5 * 5 * Math.sin(g.angle[i]! * 3 + t * 4);
      const rd = Math.abs(g.dist[i]! - rad - wob);
      best = Math.max(best, clip((1 - rd / (1 + 0.2 * 3)) * (0.4 + 0.6 * 0.8)));
    }
    const out = fill('rings', g, ctx(f, t));
    expect(out[i]).toBeCloseTo(best, 5);
    // And at every cell of one row, to cover cells near and between rings.
    for (let c = 0; c < g.cols; c++) {
      const j = 30 * g.cols + c;
      let b = 0;
      for (let k = 0; k < n; k++) {
        const rd = Math.abs(g.dist[j]! - ((k + 1) * sp + 3.75) - 2.5 * Math.sin(g.angle[j]! * 3 + 6));
        b = Math.max(b, clip((1 - rd / 1.6) * 0.88));
      }
      expect(out[j]).toBeCloseTo(b, 4);
    }
  });

  it('spiral, tunnel, vortex, diamond, aurora', () => {
    const arm = clip(Math.cos((g.angle[i]! - Math.log(g.dist[i]! + 1) * 2.5 + t * 0.8) * 3) * 0.6 + 0.2);
    expect(fill('spiral', g, ctx(f, t))[i]).toBeCloseTo(arm * (0.4 + 0.4 * 0.6) * clip(1 - g.distN[i]! * 0.5, 0.2, 1), 5);
    const td = 1 / (g.distN[i]! + 0.1);
    const tun = (Math.sin(td * 2 - t * 3) * 0.45 + 0.55) * 0.5 + (Math.sin(g.angle[i]! * 6 + td * 1.5 - t * 2) * 0.35 + 0.55) * 0.5;
    expect(fill('tunnel', g, ctx(f, t))[i]).toBeCloseTo(clip(tun), 5);
    const tw = g.angle[i]! + g.distN[i]! * 3 * Math.sin(t * 0.5);
    expect(fill('vortex', g, ctx(f, t))[i]).toBeCloseTo(clip((Math.sin(tw * 4 - t * 2) * 0.5 + 0.5) * (0.5 + 0.6 * 0.8)), 5);
    const dm = Math.abs(Math.sin(cc * 0.15 + t * 0.5)) * Math.abs(Math.sin(rr * 0.15 * 1.2 - t * 0.3)) * (0.6 + 0.4 * 0.8);
    expect(fill('diamond', g, ctx(f, t))[i]).toBeCloseTo(clip(dm), 5);
    let au = 0;
    for (let b = 0; b < 3; b++) {
      au += Math.sin(rr * (0.08 + b * 0.04) + t * (0.7 + b * 0.3)) * Math.sin(cc * (0.012 + b * 0.008) + t * (0.18 + b * 0.12)) * 0.2;
    }
    expect(fill('aurora', g, ctx(f, t))[i]).toBeCloseTo(clip(au * (0.2 * 3 + 0.2), 0, 0.7), 5);
  });

  it('ripple (distance in column widths, rows stretched by 1/cellAspect: round on screen) and interference', () => {
    // The reference measured raw cells (hypot(rr − 28, cc − 96)), which drew the waves ~2× taller than wide.
    const d = Math.hypot((rr - 28) * (19 / 10), cc - 96);
    expect(fill('ripple', g, ctx(f, t))[i]).toBeCloseTo(clip(Math.sin(d * 0.3 - t * 4) * Math.exp(-d * 0.02) * 0.5 + 0.5), 5);
    const drivers = [0.5, 0.3, 0.3, 0.3, 0.3, 0.1]; // mid_r, himid_r (default), bass_r, lomid_r→0.2 below, hi_r, sub_r
    drivers[3] = 0.2;
    let s = 0;
    for (let w = 0; w < 6; w++) {
      const a = (w * Math.PI) / 6;
      s += Math.sin((cc * Math.cos(a) + rr * Math.sin(a)) * (0.06 + w * 0.03) + t * (0.5 + w * 0.3)) * drivers[w]! * 2.5;
    }
    expect(fill('interference', g, ctx(f, t))[i]).toBeCloseTo(clip(s * 0.12 + 0.45, 0.1, 1), 5);
  });

  it('noise = value noise of the reference hash at (cc·f + s·t, 0.8·rr·f − 0.4·s·t), ×bri', () => {
    const x = Math.fround(cc * 0.08 + t * 0.3);
    const y = Math.fround(rr * 0.064 - t * 0.12);
    const ix = Math.floor(x);
    const iy = Math.floor(y);
    const sx = smootherstep(x - ix);
    const sy = smootherstep(y - iy);
    const v = (hash2d(ix, iy) * (1 - sx) + hash2d(ix + 1, iy) * sx) * (1 - sy) + (hash2d(ix, iy + 1) * (1 - sx) + hash2d(ix + 1, iy + 1) * sx) * sy;
    expect(fill('noise', g, ctx(f, t))[i]).toBeCloseTo(v * 0.7, 5);
  });

  it('sdf circle: bright inside (sdf_render, not its docstring), 1 − d/edge_width outside, ×(0.5 + 0.8·rms)', () => {
    const out = fill('sdf', g, ctx(f, t));
    const centre = 28 * g.cols + 96;
    expect(out[centre]).toBeCloseTo(0.5 + 0.4 * 0.8, 5);
    const corner = 0;
    // x is scaled by the frame's pixel aspect (192·10)/(56·19), not the reference's grid aspect 192/56 (round circles).
    const asp = (192 * 10) / (56 * 19);
    const d = Math.hypot((0 - 0.5) * asp, 0 - 0.5) - 0.3;
    expect(out[corner]).toBeCloseTo(clip(1 - d / 1.5) * 0.82, 5);
    const inv = fill('sdf', g, ctx(f, t), { invert: true });
    expect(inv[centre]).toBe(0);
    expect(inv[corner]).toBeCloseTo(clip(d / 1.5) * 0.82, 5);
    const glow = fill('sdf', g, ctx(f, t), { glow: true, shape: 'ring' });
    const ringD = Math.abs(Math.hypot((45 / 192 - 0.5) * asp, 17 / 56 - 0.5) - 0.3) - 0.03;
    expect(glow[i]).toBeCloseTo(Math.exp(-Math.abs(ringD) * 0.03) * 0.82, 5);
  });

  it('rotated_plasma: plasma at rotated cc/rr with the grid\'s own radial term', () => {
    const a = Math.PI / 4 + 0.1 * t;
    const dx = cc - 96;
    const dy = rr - 28;
    const c2 = 96 + dx * Math.cos(a) - dy * Math.sin(a);
    const r2 = 28 + dx * Math.sin(a) + dy * Math.cos(a);
    const v = Math.sin(c2 * 0.03 + t * 0.7) * 0.5 + Math.sin(r2 * 0.04 - t * 0.5) * 0.4 +
      Math.sin(c2 * 0.02 + r2 * 0.03 + t * 0.3) * 0.3 + Math.sin(g.distN[i]! * 4 - t * 0.8) * 0.3;
    const state = {};
    fill('rotated_plasma', g, ctx(f, 0, 1, state));
    expect(fill('rotated_plasma', g, ctx(f, t, 1, state))[i]).toBeCloseTo(clip(v * 0.5 + 0.5), 4);
  });

  it('glow and rays (legacy)', () => {
    const k = 0.6 * (0.5 + 0.4 * 2 + Math.sin(t * 1.2) * 0.2);
    expect(fill('glow', g, ctx(f, t))[i]).toBeCloseTo(clip(k * Math.exp(-g.distN[i]! * 2), 0, 0.9), 5);
    const nr = Math.trunc(8 + 0.3 * 25);
    expect(fill('rays', g, ctx(f, t))[i]).toBeCloseTo(clip(Math.cos(g.angle[i]! * nr + t * 3) * 0.25 * 0.6 * (1 - g.distN[i]!), 0, 0.7), 5);
  });

  it('voronoi cell_id is flat per cell (multiples of 1/n) and edge mode is brightest on borders', () => {
    const ids = fill('voronoi', g, ctx(f, t), { mode: 'cell_id' });
    const seen = new Set<number>();
    for (const v of ids) {
      expect(Math.abs(v * 20 - Math.round(v * 20))).toBeLessThan(1e-5);
      seen.add(Math.round(v * 20));
    }
    expect(seen.size).toBeGreaterThan(10);
    const edge = fill('voronoi', g, ctx(f, t), { mode: 'edge' });
    // A cell whose right neighbour has another id sits near a border: its edge value beats the field's mean.
    let border = 0;
    let nb = 0;
    let mean = 0;
    for (let j = 0; j < edge.length; j++) {
      mean += edge[j]!;
      if (j % g.cols < g.cols - 1 && ids[j] !== ids[j + 1]) {
        border += edge[j]!;
        nb++;
      }
    }
    expect(border / nb).toBeGreaterThan((mean / edge.length) * 2);
  });
});

describe('reproducibility', () => {
  const same = (a: Float32Array, b: Float32Array) => a.every((v, k) => v === b[k]);

  it('noise_static draws from ctx.rng: same seed → same field, other seed → different', () => {
    const a = fill('noise_static', LANDSCAPE, ctx(DEFAULTS, 0, 11));
    const b = fill('noise_static', LANDSCAPE, ctx(DEFAULTS, 0, 11));
    const c = fill('noise_static', LANDSCAPE, ctx(DEFAULTS, 0, 12));
    expect(same(a, b)).toBe(true);
    expect(same(a, c)).toBe(false);
  });

  it('voronoi and cellular layouts follow their seed parameter, not the layer stream', () => {
    for (const name of ['voronoi', 'cellular']) {
      const a = fill(name, LANDSCAPE, ctx(DEFAULTS, 1, 1));
      const b = fill(name, LANDSCAPE, ctx(DEFAULTS, 1, 2));
      const c = fill(name, LANDSCAPE, ctx(DEFAULTS, 1, 1), { seed: 7 });
      expect(same(a, b)).toBe(true);
      expect(same(a, c)).toBe(false);
    }
  });

  it('game_of_life: seed parameter sets the soup; beat injection comes from ctx.rng', () => {
    const beat = featureFrame({ beat: 1 });
    const a = fill('game_of_life', LANDSCAPE, ctx(beat, 0, 3));
    const b = fill('game_of_life', LANDSCAPE, ctx(beat, 0, 3));
    const c = fill('game_of_life', LANDSCAPE, ctx(beat, 0, 4));
    const d = fill('game_of_life', LANDSCAPE, ctx(DEFAULTS, 0, 3), { seed: 43 });
    const e = fill('game_of_life', LANDSCAPE, ctx(DEFAULTS, 0, 3));
    expect(same(a, b)).toBe(true);
    expect(same(a, c)).toBe(false);
    expect(same(d, e)).toBe(false);
  });

  it('every other field is a pure function of (grid, t, features, params) on a fresh state', () => {
    for (const def of defs) {
      if (def.name === 'noise_static') continue;
      const a = fill(def.name, LANDSCAPE, ctx(DEFAULTS, 2, 1), light(def.name));
      const b = fill(def.name, LANDSCAPE, ctx(DEFAULTS, 2, 9), light(def.name));
      if (!same(a, b)) throw new Error(`${def.name} depends on the layer RNG without a beat`);
    }
  });
});
