import { defineMask, Rng, type Field, type GridGeometry } from '@glyphreel/core';
import { checkMask, maskProgress } from './common.js';

const noiseCache = new Map<string, Float64Array>();

/**
 * One uniform value in [0, 1) per cell, fixed by (rows, cols, seed): the dissolve order. Float64 so that no value
 * rounds up to 1 (which would keep a cell hidden at p = 1).
 */
export function dissolveNoise(rows: number, cols: number, seed: number): Float64Array {
  const key = `${rows}x${cols}:${seed}`;
  let noise = noiseCache.get(key);
  if (!noise) {
    noise = new Float64Array(rows * cols);
    const rng = new Rng(seed);
    for (let i = 0; i < noise.length; i++) noise[i] = rng.next();
    if (noiseCache.size >= 16) noiseCache.delete(noiseCache.keys().next().value as string);
    noiseCache.set(key, noise);
  }
  return noise;
}

/** mask_dissolve: cell visible where its fixed noise < p; deterministic per seed and monotonic in t. */
export function maskDissolve(out: Field, grid: GridGeometry, t: number, tStart = 0, tEnd = 1, seed = 42): Field {
  checkMask(out, grid, 'mask dissolve');
  const p = maskProgress(t, tStart, tEnd);
  const noise = dissolveNoise(grid.rows, grid.cols, seed);
  for (let i = 0; i < out.length; i++) out[i] = (noise[i] as number) < p ? 1 : 0;
  return out;
}

export const dissolveMask = defineMask({
  name: 'dissolve',
  description: 'Cells appear in a fixed seeded random order over [t_start, t_end]',
  params: {
    t_start: { type: 'number', default: 0, min: 0 },
    t_end: { type: 'number', default: 1, min: 0 },
    seed: { type: 'integer', default: 42, min: 0, max: 4294967295 },
  },
  fill(out, grid, ctx, p) {
    maskDissolve(out, grid, ctx.t, p.t_start, p.t_end, p.seed);
  },
});
