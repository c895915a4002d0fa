import { describe, expect, it } from '@jest/globals';
import { createGeometry, featureFrame, Rng, validateParams, type FeatureFrame, type FrameContext, type GridGeometry, type ValueEffectDef } from '@glyphreel/core';
import { hueFields, valueEffects } from '../index.js';
import { transformedGrid } from '../transforms/tgrid.js';
import { featureCount } from '../util.js';

// Radial geometry is round on screen (README, Decisions; catalog 9.1 item 6 vs 9.4 item 38). These tests look at
// pixels: each cell of a cw×ch grid covers a cw×ch block of the frame, as @glyphreel/grid draws it.

const ALL = ['rms', 'sub', 'bass', 'lomid', 'mid', 'himid', 'hi', 'sub_r', 'bass_r', 'lomid_r', 'mid_r', 'himid_r', 'hi_r', 'cent', 'flat', 'flux', 'cent_d', 'beat', 'bdecay'];
const SILENCE = Object.fromEntries(ALL.map((k) => [k, 0]));

function ctx(features: FeatureFrame, t = 0): FrameContext {
  return {
    t, frame: 0, fps: 24, progress: 0, durationS: 30, features, state: {}, rng: new Rng(1),
    budget: { particlesMax: 100, shaders: 'standard', gridScale: 1 }, replaying: false,
  };
}

const defs = valueEffects as ValueEffectDef<any>[];
function fill(name: string, grid: GridGeometry, c: FrameContext, given: Record<string, unknown> = {}): Float32Array {
  const def = defs.find((d) => d.name === name)!;
  const out = new Float32Array(grid.rows * grid.cols);
  def.fill(out, grid, c, validateParams(def.params, given, { plugin: 'effects', kind: 'effect', entry: def.name }));
  return out;
}

/**
 * Walks pixel by pixel from the frame centre along a direction (a row or a column of pixels) and returns the distance
 * in px to the middle of the first lit run (cells with value > 0), or -1 if none is met before the frame edge.
 */
function firstRunPx(f: Float32Array, g: GridGeometry, dirX: number, dirY: number): number {
  const W = g.cols * g.cellWidthPx;
  const H = g.rows * g.cellHeightPx;
  const lit = (px: number, py: number) => f[Math.floor(py / g.cellHeightPx) * g.cols + Math.floor(px / g.cellWidthPx)]! > 0;
  let start = -1;
  for (let s = 0; ; s++) {
    const px = W / 2 + dirX * s;
    const py = H / 2 + dirY * s;
    if (px < 0 || py < 0 || px >= W || py >= H) return start < 0 ? -1 : s - 1 - (s - 1 - start) / 2;
    if (lit(px, py)) {
      if (start < 0) start = s;
    } else if (start >= 0) return (start + s - 1) / 2;
  }
}

describe('radial effects are round on screen', () => {
  // The md grid of 1080p with DejaVu Sans Mono: 10×19 px cells (≈ 1:2), 192×56 cells.
  const grid = createGeometry({ rows: 56, cols: 192, cellWidthPx: 10, cellHeightPx: 19 });

  it('rings: one ring\'s horizontal and vertical pixel radii agree within 10%', () => {
    // One ring (n = 1) at spacing 24 column widths = 240 px, 1 column width thick; no wobble, no beat offset.
    const f = fill('rings', grid, ctx(featureFrame(SILENCE)), { n_base: 1, spacing_base: 24 });
    const right = firstRunPx(f, grid, 1, 0);
    const left = firstRunPx(f, grid, -1, 0);
    const down = firstRunPx(f, grid, 0, 1);
    const up = firstRunPx(f, grid, 0, -1);
    // Measured: 240 px across, 247 px down. The old convention (dy = (rr − cy)·cw/ch) put this ring 45.6 rows = 866 px
    // above and below the centre, off the 1064 px frame.
    for (const v of [right, left, down, up]) expect(v).toBeGreaterThan(0);
    const h = (right + left) / 2;
    const v = (down + up) / 2;
    expect(h).toBeGreaterThan(220);
    expect(h).toBeLessThan(260);
    expect(Math.abs(v - h) / h).toBeLessThan(0.1);
  });

  it('angle-free radial fields take equal values at equal pixel distances across and down (glow, ripple, rings, sdf circle)', () => {
    // 10×20 px cells on an even grid: the cell m rows below the centre and the one 2m columns right of it are both
    // 20m px away.
    const g = createGeometry({ rows: 40, cols: 120, cellWidthPx: 10, cellHeightPx: 20 });
    const c = ctx(featureFrame({ ...SILENCE, rms: 0.5, bass: 0.5, sub: 0.5 }), 0.7);
    const fields: Array<[string, Record<string, unknown>]> = [
      ['glow', {}], ['ripple', {}], ['rings', { spacing_base: 5 }], ['sdf', { shape: 'circle', radius: 0.2 }], ['sdf', { shape: 'ring' }],
    ];
    for (const [name, p] of fields) {
      const f = fill(name, g, c, p);
      for (let m = 1; m < 20; m++) {
        const down = f[(20 + m) * 120 + 60]!;
        const across = f[20 * 120 + 60 + 2 * m]!;
        expect([name, m, across]).toEqual([name, m, expect.closeTo(down, 5)]);
      }
    }
    // A transformed grid keeps the convention: the identity transform gives the same rings.
    const tg = transformedGrid(g, g.col, g.row);
    const a = fill('rings', g, c, { spacing_base: 5 });
    const b = fill('rings', tg, c, { spacing_base: 5 });
    for (let i = 0; i < a.length; i += 7) expect(b[i]).toBeCloseTo(a[i]!, 4);
  });

  it('hue angle is a colour wheel: straight up is a quarter turn from straight right, not a flat half', () => {
    const hue = hueFields.find((h) => h.name === 'angle')!;
    const out = new Float32Array(grid.rows * grid.cols);
    hue.fill(out as never, grid, ctx(featureFrame()), validateParams(hue.params, {}, { plugin: 'effects', kind: 'hue', entry: 'angle' }));
    const right = out[28 * 192 + 180]!; // 84 columns right of the centre: angle 0
    const up = out[0 * 192 + 96]!; // 28 rows up: −90°
    const diag = out[(28 - 5) * 192 + 96 + 10]!; // 100 px right, 95 px up: ≈ −43.5°
    expect(right).toBeCloseTo(0, 5);
    expect(up).toBeCloseTo(0.75, 5);
    expect(diag).toBeCloseTo(1 + Math.atan2(-95, 100) / (2 * Math.PI), 4);
  });
});

describe('counts from float32 features', () => {
  it('featureCount survives float32 rounding: 8 + 25·fround(0.08) is 10', () => {
    const hi = Math.fround(0.08);
    expect(hi).toBeLessThan(0.08);
    expect(Math.trunc(8 + 25 * hi)).toBe(9); // the bug
    expect(featureCount(8 + 25 * hi)).toBe(10);
    expect(featureCount(9.5)).toBe(9);
    expect(featureCount(0)).toBe(0);
  });

  it('rays draws 10 rays, not 9, when hi_r is a float32 0.08', () => {
    // Square cells so pixel angles are cell angles; walk the cells at distance ≈ 60 in angle order and count the lit
    // lobes (cos(n·θ) > 0 gives n of them).
    const g = createGeometry({ rows: 160, cols: 160, cellWidthPx: 10, cellHeightPx: 10 });
    const hi = new Float32Array([0.08])[0]!;
    const f = fill('rays', g, ctx(featureFrame({ hi_r: hi, bdecay: 1 })), { n_base: 8 });
    const ring: Array<[number, boolean]> = [];
    for (let i = 0; i < f.length; i++) if (Math.abs(g.dist[i]! - 60) < 0.5) ring.push([g.angle[i]!, f[i]! > 0]);
    ring.sort((a, b) => a[0] - b[0]);
    let lobes = 0;
    for (let k = 0; k < ring.length; k++) if (ring[k]![1] && !ring[(k + ring.length - 1) % ring.length]![1]) lobes++;
    expect(lobes).toBe(10);
  });
});
