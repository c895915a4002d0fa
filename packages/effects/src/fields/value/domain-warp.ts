import { defineValueEffect } from '@glyphreel/core';
import { isLatticeGrid } from '../axes.js';
import type { HashLattice } from '../noise/lattice.js';
import { stateLattice, tableLimit, valueNoise2d, valueNoiseOctave } from '../noise/value-noise.js';
import { num } from '../schema.js';
import { stateF32 } from '../util.js';

const OCTAVES = 4;

/** Per-octave frequencies, offsets and tables of the current fill (fills are synchronous: one set is enough). */
const SCRATCH = {
  fx: new Float64Array(OCTAVES),
  fy: new Float64Array(OCTAVES),
  ox: new Float64Array(OCTAVES),
  oy: new Float64Array(OCTAVES),
  lat: new Array<HashLattice>(OCTAVES),
};

/**
 * Domain warping: two value-noise fields displace the coordinates at which a 4-octave fBm is sampled. The reference
 * accepts base_fn/warp_fn but ignores them (a non-None base_fn only switches to one octave); they are not offered
 * here, and the default 4-octave path is the one implemented.
 *
 * The warped coordinates are not separable, so the fBm runs per cell; all four octaves are evaluated in one pass
 * over the warped coordinates, with lattice bounds known in advance (noise is in [0,1), so a displacement is at most
 * half the warp strength).
 */
export const domainWarp = defineValueEffect({
  name: 'domain_warp',
  description: 'Noise sampled at noise-displaced coordinates: flowing, melting organic texture',
  params: {
    warp_strength: num(15, 0, 200, 'displacement in cells (scaled by rms for x, bass for y)'),
    freq: num(0.06, 0, 10, 'spatial frequency'),
    speed: num(0.2, -50, 50, 'evolution speed'),
  },
  fill(out, grid, ctx, p) {
    const { col, row } = grid;
    const n = out.length;
    const t = ctx.t;
    const { freq, speed } = p;
    const wx = stateF32(ctx, 'dw.wx', n);
    const wy = stateF32(ctx, 'dw.wy', n);
    const fast = isLatticeGrid(grid);
    valueNoiseOctave(wx, grid, fast, ctx, 'dw', 0, freq * 1.3, t * speed, freq, 7.1, 1, false);
    valueNoiseOctave(wy, grid, fast, ctx, 'dw', 1, freq, t * speed * 0.7 + 3.2, freq * 1.1, -11.8, 1, false);
    const sx = p.warp_strength * (0.5 + ctx.features.get('rms'));
    const sy = p.warp_strength * (0.5 + ctx.features.get('bass') * 0.8);
    let c0 = Infinity;
    let c1 = -Infinity;
    let r0 = Infinity;
    let r1 = -Infinity;
    // wx/wy become the warped coordinates.
    for (let i = 0; i < n; i++) {
      const c = col[i];
      const r = row[i];
      if (c < c0) c0 = c;
      if (c > c1) c1 = c;
      if (r < r0) r0 = r;
      if (r > r1) r1 = r;
      wx[i] = c + (wx[i] - 0.5) * sx;
      wy[i] = r + (wy[i] - 0.5) * sy;
    }
    c0 -= sx / 2 + 1;
    c1 += sx / 2 + 1;
    r0 -= sy / 2 + 1;
    r1 += sy / 2 + 1;
    const px = t * speed * 0.5;
    const py = -t * speed * 0.3;
    const { fx, fy, ox, oy, lat } = SCRATCH;
    let tables = true;
    for (let o = 0; o < OCTAVES; o++) {
      fx[o] = freq * 0.8 * 2 ** o;
      fy[o] = freq * 0.7 * 2 ** o;
      ox[o] = px + o * 13.7;
      oy[o] = py + o * 27.3;
      const l = stateLattice(ctx, 'dw', 2 + o);
      const xa = Math.floor(c0 * fx[o] + ox[o]);
      const xb = Math.floor(c1 * fx[o] + ox[o]) + 1;
      const ya = Math.floor(r0 * fy[o] + oy[o]);
      const yb = Math.floor(r1 * fy[o] + oy[o]) + 1;
      tables = l.cover(Math.min(xa, xb - 1), Math.min(ya, yb - 1), Math.max(xa, xb), Math.max(ya, yb), tableLimit(n)) && tables;
      lat[o] = l;
    }
    if (tables) {
      warpedFbm(out, wx, wy, fx, fy, ox, oy, lat);
      return;
    }
    // Very high frequencies: hash per sample.
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let o = 0; o < OCTAVES; o++) {
        v += valueNoise2d(Math.fround(wx[i] * fx[o] + ox[o]), Math.fround(wy[i] * fy[o] + oy[o])) * 0.5 ** o;
      }
      const r = (v * 0.8) / 1.875;
      out[i] = r < 0 ? 0 : r > 1 ? 1 : r;
    }
  },
});

/** Σ 4 octaves of value noise at the warped coordinates (amplitudes 1, ½, ¼, ⅛), then /1.875 ×0.8, clipped. */
function warpedFbm(
  out: Float32Array,
  wx: Float32Array,
  wy: Float32Array,
  fx: Float64Array,
  fy: Float64Array,
  ox: Float64Array,
  oy: Float64Array,
  lat: HashLattice[],
): void {
  const k = 0.8 / 1.875;
  const l0 = lat[0]!;
  const l1 = lat[1]!;
  const l2 = lat[2]!;
  const l3 = lat[3]!;
  const fx0 = fx[0], fx1 = fx[1], fx2 = fx[2], fx3 = fx[3];
  const fy0 = fy[0], fy1 = fy[1], fy2 = fy[2], fy3 = fy[3];
  const ox0 = ox[0], ox1 = ox[1], ox2 = ox[2], ox3 = ox[3];
  const oy0 = oy[0], oy1 = oy[1], oy2 = oy[2], oy3 = oy[3];
  for (let i = 0; i < out.length; i++) {
    const x = wx[i];
    const y = wy[i];
    const v =
      sample(l0, Math.fround(x * fx0 + ox0), Math.fround(y * fy0 + oy0)) +
      sample(l1, Math.fround(x * fx1 + ox1), Math.fround(y * fy1 + oy1)) * 0.5 +
      sample(l2, Math.fround(x * fx2 + ox2), Math.fround(y * fy2 + oy2)) * 0.25 +
      sample(l3, Math.fround(x * fx3 + ox3), Math.fround(y * fy3 + oy3)) * 0.125;
    const r = v * k;
    out[i] = r < 0 ? 0 : r > 1 ? 1 : r;
  }
}

function sample(l: HashLattice, x: number, y: number): number {
  const t = l.table;
  const w = l.w;
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const tx = x - ix;
  const ty = y - iy;
  const sx = tx * tx * tx * (tx * (tx * 6 - 15) + 10);
  const sy = ty * ty * ty * (ty * (ty * 6 - 15) + 10);
  const j = (iy - l.y0) * w + (ix - l.x0);
  const nx0 = t[j] * (1 - sx) + t[j + 1] * sx;
  const nx1 = t[j + w] * (1 - sx) + t[j + w + 1] * sx;
  return nx0 * (1 - sy) + nx1 * sy;
}
