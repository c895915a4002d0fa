import { describe, expect, it } from '@jest/globals';
import { createGeometry, featureFrame, Rng, validateParams, type FrameContext, type TransformDef } from '@glyphreel/core';
import { diamond } from '../value/diamond.js';
import { applyTransform } from './apply.js';
import { cartesianFromPolar } from './cartesian-from-polar.js';
import { fisheye } from './fisheye.js';
import { mobius } from './mobius.js';
import { polar } from './polar.js';
import { rotate, rotateRaw } from './rotate.js';
import { scale } from './scale.js';
import { skew } from './skew.js';
import { isTransformedGrid, transformedGrid } from './tgrid.js';
import { tile } from './tile.js';
import { twist } from './twist.js';
import { wave } from './wave.js';

const grid = createGeometry({ rows: 56, cols: 192, cellWidthPx: 10, cellHeightPx: 19 });
const N = grid.rows * grid.cols;
const ctx = (t = 0): FrameContext => ({
  t, frame: 0, fps: 24, progress: 0, durationS: 10, features: featureFrame(), state: {}, rng: new Rng(1),
  budget: { particlesMax: 100, shaders: 'standard', gridScale: 1 }, replaying: false,
});

function run(def: TransformDef<any>, params: Record<string, unknown> = {}, g = grid, t = 0) {
  const p = validateParams(def.params, params, { plugin: 'effects', kind: 'transform', entry: def.name });
  const col = new Float32Array(g.rows * g.cols).fill(NaN);
  const row = new Float32Array(g.rows * g.cols).fill(NaN);
  def.apply(col, row, g, ctx(t), p);
  return { col, row };
}

const at = (r: number, c: number) => r * grid.cols + c;

describe('coordinate transforms', () => {
  it('rotate by 0 is the identity; by π/2 turns (dx, dy) into (−dy, dx) about the centre', () => {
    const id = run(rotate, { angle: 0 });
    expect(Array.from(id.col)).toEqual(Array.from(grid.col));
    expect(Array.from(id.row)).toEqual(Array.from(grid.row));
    const q = run(rotate, { angle: Math.PI / 2 });
    const i = at(10, 30); // dx = 30 − 96 = −66, dy = 10 − 28 = −18
    expect(q.col[i]).toBeCloseTo(96 + 18, 4);
    expect(q.row[i]).toBeCloseTo(28 - 66, 4);
  });

  it('rotate adds speed·t to the angle', () => {
    const a = run(rotate, { angle: 0.3, speed: 0.1 }, grid, 2);
    const b = run(rotate, { angle: 0.5 });
    expect(Array.from(a.col)).toEqual(Array.from(b.col));
  });

  it('rotateRaw accepts one angle per cell', () => {
    const angles = new Float32Array(N).fill(0);
    angles[5] = Math.PI;
    const col = new Float32Array(N);
    const row = new Float32Array(N);
    rotateRaw(col, row, grid.col, grid.row, 96, 28, angles);
    expect(col[4]).toBe(4);
    expect(col[5]).toBeCloseTo(96 + (96 - 5), 4);
    expect(row[5]).toBeCloseTo(28 + 28, 4);
  });

  it('tile with mirror is symmetric about the tile joint; without mirror it repeats', () => {
    const m = run(tile, { nx: 2, ny: 1, mirror: true });
    for (let c = 1; c < grid.cols; c++) expect(m.col[at(5, c)]).toBeCloseTo(m.col[at(5, grid.cols - c)]!, 3);
    const r = run(tile, { nx: 3, ny: 1 });
    for (let c = 0; c < 64; c++) expect(r.col[at(7, c + 64)]).toBeCloseTo(r.col[at(7, c)]!, 3);
    expect(r.col[at(7, 63)]).toBeCloseTo(63 * 3, 3);
  });

  it('polar puts the angle on columns and distN on rows', () => {
    const p = run(polar);
    const i = at(28, 150); // on the horizontal axis, right of centre: angle 0
    expect(p.col[i]).toBeCloseTo(0, 6);
    expect(p.row[i]).toBeCloseTo(grid.distN[i]! * grid.rows, 4);
  });

  it('cartesian_from_polar reads columns as angles and rows as radii', () => {
    const g = createGeometry({ rows: 40, cols: 80 });
    const p = run(cartesianFromPolar, {}, g);
    // Column 20 of 80 is a quarter turn; row 20 of 40 is radius 0.5 → (cx, cy + 0.5·cy).
    expect(p.col[20 * 80 + 20]).toBeCloseTo(40, 4);
    expect(p.row[20 * 80 + 20]).toBeCloseTo(30, 4);
    expect(p.col[10 * 80]).toBeCloseTo(40 + 0.25 * 40, 4);
  });

  it('polar then cartesian_from_polar keeps each cell on its ray (halfway in: distN is per cols, radius per rows/2)', () => {
    const g = createGeometry({ rows: 60, cols: 60, cellWidthPx: 10, cellHeightPx: 10 });
    const p = run(polar, {}, g);
    const back = run(cartesianFromPolar, {}, transformedGrid(g, p.col, p.row));
    for (const i of [0, 75, 1234, 2000, 3599]) {
      expect(back.col[i]).toBeCloseTo(30 + (g.col[i]! - 30) / 2, 3);
      expect(back.row[i]).toBeCloseTo(30 + (g.row[i]! - 30) / 2, 3);
    }
  });

  it('identity settings of scale, skew, twist, fisheye, wave and mobius leave coordinates unchanged', () => {
    for (const [def, params] of [
      [scale, {}], [skew, {}], [twist, { amount: 0 }], [fisheye, { strength: 1 }], [wave, { amp: 0 }], [mobius, {}],
    ] as Array<[TransformDef<any>, Record<string, unknown>]>) {
      const r = run(def, params);
      for (const i of [0, 77, 3000, N - 1]) {
        expect(r.col[i]).toBeCloseTo(grid.col[i]!, 3);
        expect(r.row[i]).toBeCloseTo(grid.row[i]!, 3);
      }
    }
  });

  it('scale zooms about the centre, skew shears, wave displaces one axis with phase 3t', () => {
    const i = at(10, 30);
    expect(run(scale, { sx: 2, sy: 4 }).col[i]).toBeCloseTo(96 + (30 - 96) / 2, 5);
    expect(run(scale, { sx: 2, sy: 4 }).row[i]).toBeCloseTo(28 + (10 - 28) / 4, 5);
    expect(run(skew, { kx: 0.5 }).col[i]).toBeCloseTo(35, 5);
    const w = run(wave, { freq: 0.1, amp: 3, axis: 'x' }, grid, 0.5);
    expect(w.col[i]).toBeCloseTo(30 + Math.sin(10 * 0.1 + 1.5) * 3, 4);
    expect(w.row[i]).toBe(10);
  });

  it('mobius with c ≠ 0 inverts: z = 1 (right edge middle) maps to (a+b)/(c+d)', () => {
    const r = run(mobius, { a: 1, b: 0, c: 1, d: 1 });
    const i = at(28, 191); // zr = (191 − 96)/96, zi = 0
    const zr = 95 / 96;
    expect(r.col[i]).toBeCloseTo(96 + (zr / (zr + 1)) * 96, 3);
    expect(r.row[i]).toBeCloseTo(28, 3);
  });
});

describe('transformedGrid', () => {
  it('recomputes the derived fields from the new coordinates in the grid\'s round-on-screen convention', () => {
    // The reference's make_tgrid used no cell aspect (dy = −18) and distN = dist/max(cx, cy); the fields now follow
    // the base grid (dy = (rr − cy)/cellAspect, normalized by cols), so the identity transform changes nothing.
    const tg = transformedGrid(grid, grid.col, grid.row);
    const i = at(10, 30);
    const dy = -18 / grid.cellAspect;
    expect(tg.dx[i]).toBe(-66);
    expect(tg.dy[i]).toBeCloseTo(dy, 4);
    expect(tg.dist[i]).toBeCloseTo(Math.hypot(66, dy), 4);
    expect(tg.distN[i]).toBeCloseTo(Math.hypot(66, dy) / 192, 5);
    expect(tg.angle[i]).toBeCloseTo(Math.atan2(dy, -66), 5);
    expect(tg.dxN[i]).toBeCloseTo(-66 / 192, 6);
    expect(tg.dyN[i]).toBeCloseTo(dy / 192, 6);
    for (const k of ['dx', 'dy', 'dist', 'angle', 'dxN', 'dyN', 'distN'] as const) {
      for (let j = 0; j < N; j += 101) expect(tg[k][j]).toBeCloseTo(grid[k][j]!, 5);
    }
    expect(tg.rows).toBe(56);
    expect(isTransformedGrid(tg)).toBe(true);
    expect(isTransformedGrid(grid)).toBe(false);
    expect(() => transformedGrid(grid, new Float32Array(3), grid.row)).toThrow(/10752 cells/);
  });

  it('is accepted by value effects in place of the grid (identity transform = same field)', () => {
    const c = ctx(1.7);
    const a = new Float32Array(N);
    const b = new Float32Array(N);
    diamond.fill(a, grid, c, { freq: 0.15 });
    diamond.fill(b, applyTransform(rotate, grid, c, { angle: 0, speed: 0 }), c, { freq: 0.15 });
    for (let i = 0; i < N; i += 37) expect(b[i]).toBeCloseTo(a[i]!, 5);
  });

  it('applyTransform refills a reused grid in place', () => {
    const c = ctx();
    const g1 = applyTransform(rotate, grid, c, { angle: 0.2, speed: 0 });
    const col0 = g1.col[100];
    const g2 = applyTransform(rotate, grid, c, { angle: 0.4, speed: 0 }, g1);
    expect(g2).toBe(g1);
    expect(g2.col[100]).not.toBe(col0);
    expect(g2.col[100]).toBeCloseTo(96 + (100 - 96) * Math.cos(0.4) - (0 - 28) * Math.sin(0.4), 3);
  });
});
