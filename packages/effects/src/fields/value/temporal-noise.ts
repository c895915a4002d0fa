import { defineValueEffect, type FrameContext, type GridGeometry } from '@glyphreel/core';
import { isTransformedGrid } from '../transforms/tgrid.js';
import { isLatticeGrid } from '../axes.js';
import { smootherstep, valueNoiseOctave } from '../noise/value-noise.js';
import { int, num } from '../schema.js';

interface SliceCache {
  /** Integer time slice the cached sums belong to, with the parameters that shaped them. */
  slice: number;
  gridId: string;
  freq: number;
  octaves: number;
  lo: Float32Array;
  hi: Float32Array;
}

/**
 * "3D" noise: multi-octave value noise at integer time slices ⌊t·t_freq⌋ and +1, crossfaded with smootherstep of the
 * fraction, so the pattern morphs in place. The two slice fields depend only on the slice index, so they are cached
 * and recomputed only when the slice changes (every 1/t_freq seconds); other frames only crossfade. Transformed
 * grids (whose coordinates may change every frame) are recomputed every frame.
 */
export const temporalNoise = defineValueEffect({
  name: 'temporal_noise',
  description: 'Noise that morphs in place over time instead of drifting',
  params: {
    freq: num(0.06, 0, 10, 'spatial frequency'),
    t_freq: num(0.3, 0, 20, 'time slices per second'),
    octaves: int(4, 1, 10, 'noise layers'),
    bri: num(0.8, 0, 2, 'brightness'),
  },
  fill(out, grid, ctx, p) {
    const n = out.length;
    const ts = ctx.t * p.t_freq;
    const slice = Math.floor(ts);
    const w = smootherstep(ts - slice);
    const cache = sliceCache(ctx, n);
    // A transformed grid may carry new coordinates under the same id every frame: never reuse slices for it.
    const reuse = !isTransformedGrid(grid) && cache.gridId === grid.id && cache.freq === p.freq && cache.octaves === p.octaves;
    if (!reuse || cache.slice !== slice) {
      if (reuse && cache.slice + 1 === slice) {
        // Moving forward one slice: the old "hi" is the new "lo".
        const tmp = cache.lo;
        cache.lo = cache.hi;
        cache.hi = tmp;
        sliceSum(cache.hi, grid, ctx, p.freq, p.octaves, slice + 1);
      } else {
        sliceSum(cache.lo, grid, ctx, p.freq, p.octaves, slice);
        sliceSum(cache.hi, grid, ctx, p.freq, p.octaves, slice + 1);
      }
      cache.slice = slice;
      cache.gridId = grid.id;
      cache.freq = p.freq;
      cache.octaves = p.octaves;
    }
    const maxAmp = (1 - 0.5 ** p.octaves) / 0.5;
    const k = (p.bri * (0.6 + ctx.features.get('rms') * 0.6)) / maxAmp;
    const { lo, hi } = cache;
    for (let i = 0; i < n; i++) {
      const v = (lo[i] * (1 - w) + hi[i] * w) * k;
      out[i] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
  },
});

function sliceCache(ctx: FrameContext, n: number): SliceCache {
  const state = ctx.state as Record<string, unknown>;
  let c = state['fields.temporal_noise'] as SliceCache | undefined;
  if (!c || c.lo.length !== n) {
    c = { slice: NaN, gridId: '', freq: NaN, octaves: 0, lo: new Float32Array(n), hi: new Float32Array(n) };
    state['fields.temporal_noise'] = c;
  }
  return c;
}

function sliceSum(
  out: Float32Array,
  grid: GridGeometry,
  ctx: FrameContext,
  freq: number,
  octaves: number,
  slice: number,
): void {
  const fast = isLatticeGrid(grid);
  let amp = 1;
  let f = freq;
  for (let o = 0; o < octaves; o++) {
    valueNoiseOctave(out, grid, fast, ctx, 'tn', o, f, slice * 7.3 + o * 13, f, slice * 3.1 + o * 29, amp, o > 0);
    amp *= 0.5;
    f *= 2;
  }
}
