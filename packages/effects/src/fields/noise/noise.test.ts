import { describe, expect, it } from '@jest/globals';
import { createGeometry, featureFrame, Rng, type FrameContext } from '@glyphreel/core';
import { transformedGrid } from '../transforms/tgrid.js';
import { hash2d, hash2dInt } from './hash.js';
import { HashLattice } from './lattice.js';
import { smootherstep, smoothstep, valueNoise2d, valueNoiseField, valueNoiseOctave } from './value-noise.js';

/** The reference's _hash2d transcribed with BigInt int64 wrap-around (arithmetic >> as NumPy). */
function hashBig(ix: number, iy: number): number {
  const n = BigInt.asIntN(64, BigInt(ix) * 374761393n + BigInt(iy) * 668265263n);
  const m = BigInt.asIntN(64, (n ^ (n >> 13n)) * 1274126177n);
  return Number((m ^ (m >> 16n)) & 0x7fffffffn);
}

const ctx = (): FrameContext => ({
  t: 0, frame: 0, fps: 24, progress: 0, durationS: 10, features: featureFrame(), state: {}, rng: new Rng(1),
  budget: { particlesMax: 100, shaders: 'standard', gridScale: 1 }, replaying: false,
});

describe('hash2d', () => {
  it('matches 64-bit integer arithmetic bit for bit, including negative and large lattice coordinates', () => {
    const rng = new Rng(99);
    const cases: Array<[number, number]> = [[0, 0], [1, 0], [0, 1], [-1, -1], [2 ** 21, -(2 ** 21)], [123456, -654321]];
    for (let k = 0; k < 3000; k++) cases.push([rng.int(-4000000, 4000000), rng.int(-4000000, 4000000)]);
    for (const [x, y] of cases) expect(hash2dInt(x, y)).toBe(hashBig(x, y));
  });

  it('maps (0,0) to 0 and other points into [0,1] as float32(h)/2^31', () => {
    expect(hash2d(0, 0)).toBe(0);
    const h = hashBig(3, 7);
    expect(hash2d(3, 7)).toBe(Math.fround(h) / 2 ** 31);
    expect(h).toBeGreaterThan(0);
  });
});

describe('value noise', () => {
  it('smoothstep/smootherstep clamp and hit their midpoints', () => {
    expect(smoothstep(-1)).toBe(0);
    expect(smoothstep(0.5)).toBe(0.5);
    expect(smoothstep(2)).toBe(1);
    expect(smootherstep(0.5)).toBe(0.5);
    expect(smootherstep(0.25)).toBeCloseTo(0.103515625, 12);
  });

  it('equals the corner hash at lattice points and the bilinear smootherstep blend between them', () => {
    expect(valueNoise2d(5, 9)).toBe(hash2d(5, 9));
    const w = smootherstep(0.25);
    const expected = hash2d(5, 9) * (1 - w) + hash2d(6, 9) * w;
    expect(valueNoise2d(5.25, 9)).toBeCloseTo(expected, 12);
  });

  it('gives the same values through the hash table as point by point', () => {
    const n = 500;
    const rng = new Rng(4);
    const xs = new Float32Array(n);
    const ys = new Float32Array(n);
    rng.fillUniform(xs, -40, 40);
    rng.fillUniform(ys, -20, 60);
    const out = new Float32Array(n);
    valueNoiseField(out, xs, ys, 0.5, false, new HashLattice());
    for (let i = 0; i < n; i++) expect(out[i]).toBeCloseTo(valueNoise2d(xs[i]!, ys[i]!) * 0.5, 6);
  });

  it('agrees between the per-axis path of plain grids and the per-cell path of transformed grids', () => {
    const grid = createGeometry({ rows: 30, cols: 70 });
    const tg = transformedGrid(grid, grid.col, grid.row);
    const a = new Float32Array(2100);
    const b = new Float32Array(2100);
    const c = ctx();
    valueNoiseOctave(a, grid, true, c, 'x', 0, 0.37, -3.1, 0.29, 11.7, 1, false);
    valueNoiseOctave(b, tg, false, c, 'y', 0, 0.37, -3.1, 0.29, 11.7, 1, false);
    let maxDiff = 0;
    for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i]! - b[i]!));
    expect(maxDiff).toBeLessThan(1e-6);
    expect(Math.max(...a)).toBeGreaterThan(Math.min(...a) + 0.3);
  });
});
