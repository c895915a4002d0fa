import { defineValueEffect, Rng, type GridGeometry } from '@glyphreel/core';
import { int, num, oneOf } from '../schema.js';
import { keyOf } from '../util.js';

/** Gray-Scott (feed, kill) presets of the reference. "pulsating" (the README's name) is an alias of "holes". */
export const RD_PRESETS = {
  spots: [0.055, 0.062],
  worms: [0.046, 0.063],
  coral: [0.037, 0.06],
  mitosis: [0.028, 0.062],
  labyrinth: [0.029, 0.057],
  holes: [0.039, 0.058],
  pulsating: [0.039, 0.058],
  chaos: [0.026, 0.051],
} as const satisfies Record<string, readonly [number, number]>;

type Preset = keyof typeof RD_PRESETS;
const PRESET_NAMES = ['custom', ...Object.keys(RD_PRESETS)] as ['custom', ...Preset[]];

interface RdState {
  a: Float32Array;
  b: Float32Array;
  a2: Float32Array;
  b2: Float32Array;
}

/**
 * Gray-Scott reaction-diffusion on a torus with the 3×3 Laplacian (orthogonal 0.2, diagonal 0.05, centre −1).
 * State lives in ctx.state under "rd_<grid id>", so each grid runs its own simulation; steps_per_frame = 0 reads the
 * state without advancing it. The chemicals are double-buffered Float32Arrays (no allocation after the first frame).
 */
export const reactionDiffusion = defineValueEffect({
  name: 'reaction_diffusion',
  description: 'Gray-Scott reaction-diffusion: spots, worms, coral, mitosis, labyrinths',
  params: {
    preset: oneOf(PRESET_NAMES, 'custom', 'named (feed, kill) pair; "custom" uses feed and kill'),
    feed: num(0.055, 0, 0.2, 'feed rate (+0.003·bass)'),
    kill: num(0.062, 0, 0.2, 'kill rate (+0.002·hi_r)'),
    da: num(1, 0, 2, 'diffusion of A'),
    db: num(0.5, 0, 2, 'diffusion of B'),
    dt: num(1, 0, 2, 'time step'),
    steps_per_frame: int(8, 0, 64, 'simulation steps per frame (0 = read only)'),
    init_mode: oneOf(['spots', 'center', 'ring'], 'spots', 'initial B: seeded 3×3 spots, a 6×6 centre square, or a ring'),
  },
  fill(out, grid, ctx, p) {
    const key = keyOf('rd_', grid.id);
    const state = ctx.state as Record<string, unknown>;
    let s = state[key] as RdState | undefined;
    const n = grid.rows * grid.cols;
    if (!s || s.a.length !== n) {
      s = initRd(grid, p.init_mode);
      state[key] = s;
    }
    const [feed, kill] = p.preset === 'custom' ? [p.feed, p.kill] : RD_PRESETS[p.preset as Preset];
    const F = feed + ctx.features.get('bass') * 0.003;
    const K = kill + ctx.features.get('hi_r') * 0.002;
    for (let k = 0; k < p.steps_per_frame; k++) {
      step(s, grid.rows, grid.cols, F, K, p.da, p.db, p.dt);
    }
    // Replayed frames only advance the simulation; nobody reads their output.
    if (ctx.replaying) return;
    const b = s.b;
    for (let i = 0; i < n; i++) {
      const v = b[i] * 2;
      out[i] = v > 1 ? 1 : v;
    }
  },
});

function initRd(grid: GridGeometry, mode: string): RdState {
  const { rows, cols } = grid;
  const n = rows * cols;
  const a = new Float32Array(n).fill(1);
  const b = new Float32Array(n);
  const set = (r: number, c: number) => {
    if (r >= 0 && r < rows && c >= 0 && c < cols) b[r * cols + c] = 1;
  };
  if (mode === 'spots') {
    // Seed 42 as the reference; spot centres in [2, rows−3]×[2, cols−3] (NumPy randint's exclusive high).
    const rng = new Rng(42);
    const count = Math.max(3, Math.floor(n / 200));
    for (let k = 0; k < count; k++) {
      const r = rng.int(Math.min(2, rows - 1), Math.max(Math.min(2, rows - 1), rows - 3));
      const c = rng.int(Math.min(2, cols - 1), Math.max(Math.min(2, cols - 1), cols - 3));
      for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) set(r + dr, c + dc);
    }
  } else if (mode === 'center') {
    const cr = rows >> 1;
    const cc = cols >> 1;
    for (let r = cr - 3; r < cr + 3; r++) for (let c = cc - 3; c < cc + 3; c++) set(r, c);
  } else {
    const d = grid.distN;
    for (let i = 0; i < n; i++) if (d[i] > 0.2 && d[i] < 0.3) b[i] = 1;
  }
  return { a, b, a2: new Float32Array(n), b2: new Float32Array(n) };
}

function step(s: RdState, rows: number, cols: number, F: number, K: number, da: number, db: number, dt: number): void {
  const { a, b, a2, b2 } = s;
  for (let r = 0; r < rows; r++) {
    const up = ((r + rows - 1) % rows) * cols;
    const mid = r * cols;
    const dn = ((r + 1) % rows) * cols;
    for (let c = 0; c < cols; c++) {
      const l = c === 0 ? cols - 1 : c - 1;
      const rt = c === cols - 1 ? 0 : c + 1;
      const i = mid + c;
      const av = a[i];
      const bv = b[i];
      const lapA =
        (a[up + c] + a[dn + c] + a[mid + l] + a[mid + rt]) * 0.2 +
        (a[up + l] + a[up + rt] + a[dn + l] + a[dn + rt]) * 0.05 -
        av;
      const lapB =
        (b[up + c] + b[dn + c] + b[mid + l] + b[mid + rt]) * 0.2 +
        (b[up + l] + b[up + rt] + b[dn + l] + b[dn + rt]) * 0.05 -
        bv;
      const abb = av * bv * bv;
      const na = av + (da * lapA - abb + F * (1 - av)) * dt;
      const nb = bv + (db * lapB + abb - (F + K) * bv) * dt;
      a2[i] = na < 0 ? 0 : na > 1 ? 1 : na;
      b2[i] = nb < 0 ? 0 : nb > 1 ? 1 : nb;
    }
  }
  s.a = a2;
  s.b = b2;
  s.a2 = a;
  s.b2 = b;
}
