import { defineValueEffect } from '@glyphreel/core';
import { isLatticeGrid } from '../axes.js';
import { int } from '../schema.js';
import { stateF32 } from '../util.js';

const DRIVERS = ['mid_r', 'himid_r', 'bass_r', 'lomid_r', 'hi_r', 'sub_r'] as const;

/**
 * Plane waves at angles iπ/n_waves, each driven by one band ratio. At most six waves are drawn (one per driver), but
 * the angles are spread by n_waves, as in the reference. Output floor 0.1. On plain grids each wave
 * sin(a·cc + b·rr + φ) is expanded as sin(a·cc+φ)·cos(b·rr) + cos(a·cc+φ)·sin(b·rr): no trig per cell.
 */
export const interference = defineValueEffect({
  name: 'interference',
  pure: true,
  description: 'Overlapping band-driven plane waves: moiré patterns (floor 0.1)',
  params: {
    n_waves: int(6, 1, 12, 'angular spread divisor; at most 6 waves are drawn'),
  },
  fill(out, grid, ctx, p) {
    const { col, row, rows, cols } = grid;
    const n = out.length;
    const nw = Math.min(p.n_waves, DRIVERS.length);
    const fast = isLatticeGrid(grid);
    const sc = stateF32(ctx, 'if.sc', cols);
    const cc = stateF32(ctx, 'if.cc', cols);
    const sr = stateF32(ctx, 'if.sr', rows);
    const cr = stateF32(ctx, 'if.cr', rows);
    out.fill(0);
    for (let w = 0; w < nw; w++) {
      const a = (w * Math.PI) / p.n_waves;
      const freq = 0.06 + w * 0.03;
      const ca = Math.cos(a) * freq;
      const sa = Math.sin(a) * freq;
      const ph = ctx.t * (0.5 + w * 0.3);
      const amp = ctx.features.get(DRIVERS[w]!) * 2.5;
      if (fast) {
        for (let c = 0; c < cols; c++) {
          sc[c] = Math.sin(c * ca + ph) * amp;
          cc[c] = Math.cos(c * ca + ph) * amp;
        }
        for (let r = 0; r < rows; r++) {
          sr[r] = Math.sin(r * sa);
          cr[r] = Math.cos(r * sa);
        }
        for (let r = 0, i = 0; r < rows; r++) {
          const s = sr[r];
          const k = cr[r];
          for (let c = 0; c < cols; c++, i++) out[i] += sc[c] * k + cc[c] * s;
        }
      } else {
        for (let i = 0; i < n; i++) out[i] += Math.sin(col[i] * ca + row[i] * sa + ph) * amp;
      }
    }
    for (let i = 0; i < n; i++) {
      const v = out[i] * 0.12 + 0.45;
      out[i] = v < 0.1 ? 0.1 : v > 1 ? 1 : v;
    }
  },
});
