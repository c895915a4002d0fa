import { defineValueEffect } from '@glyphreel/core';
import { isLatticeGrid } from '../axes.js';
import { num } from '../schema.js';
import { stateF32 } from '../util.js';

/** The default band table of `eff_freq_waves`: feature, spatial frequency, temporal frequency. */
const BANDS = [
  ['sub', 0.06, 1.2],
  ['bass', 0.1, 2.0],
  ['lomid', 0.15, 3.0],
  ['mid', 0.22, 4.5],
  ['himid', 0.32, 6.5],
  ['hi', 0.45, 8.5],
] as const;

/**
 * Legacy `eff_freq_waves`: one sine curve per band across the grid, amplitude 0.4·rows·band plus a 2.3× harmonic at
 * 0.2 amplitude, drawn as a line of thickness 2 + 5·band; combined by max. The curve height depends on the column
 * only, so plain grids evaluate it once per column. (The reference's per-band hues belong to the colouring.)
 */
export const freqWaves = defineValueEffect({
  name: 'freq_waves',
  description: 'Six band-driven wave lines (legacy eff_freq_waves)',
  params: {
    gain: num(1.5, 0, 10, 'line brightness per unit of band energy'),
  },
  fill(out, grid, ctx, p) {
    const { col, row, rows, cols } = grid;
    const mid = rows / 2;
    const t = ctx.t;
    const fast = isLatticeGrid(grid);
    const ys = stateF32(ctx, 'fw.y', cols);
    out.fill(0);
    for (let b = 0; b < BANDS.length; b++) {
      const band = BANDS[b]!;
      const sf = band[1];
      const tf = band[2];
      const e = ctx.features.get(band[0]);
      const amp = e * rows * 0.4;
      const invTh = 1 / (2 + e * 5);
      const k = e * p.gain;
      const p1 = t * tf;
      const p2 = t * tf * 1.7;
      const sf2 = sf * 2.3;
      if (fast) {
        for (let c = 0; c < cols; c++) ys[c] = mid - Math.sin(c * sf + p1) * amp + Math.sin(c * sf2 + p2) * amp * 0.2;
        for (let r = 0, i = 0; r < rows; r++) {
          for (let c = 0; c < cols; c++, i++) {
            let v = (1 - Math.abs(r - ys[c]) * invTh) * k;
            v = v < 0 ? 0 : v > 1 ? 1 : v;
            if (v > out[i]) out[i] = v;
          }
        }
        continue;
      }
      for (let i = 0; i < out.length; i++) {
        const cc = col[i];
        const y = mid - Math.sin(cc * sf + p1) * amp + Math.sin(cc * sf2 + p2) * amp * 0.2;
        let v = (1 - Math.abs(row[i] - y) * invTh) * k;
        v = v < 0 ? 0 : v > 1 ? 1 : v;
        if (v > out[i]) out[i] = v;
      }
    }
  },
});
