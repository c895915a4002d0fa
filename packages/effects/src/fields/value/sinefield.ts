import { defineValueEffect } from '@glyphreel/core';
import { isLatticeGrid } from '../axes.js';
import { num, numList } from '../schema.js';
import { stateF32 } from '../util.js';

/**
 * Three layered sines (a product of axis sines, a diagonal sine, a radial sine of distN), weighted .35/.35/.3.
 * On plain grids the first two terms come from per-column/per-row tables (the diagonal one via angle addition), so
 * only the radial sine is evaluated per cell.
 */
export const sinefield = defineValueEffect({
  name: 'sinefield',
  pure: true,
  description: 'Layered sine field: axis product, diagonal and radial sines; general-purpose texture',
  params: {
    bri: num(0.5, 0, 2, 'brightness'),
    freq: numList([0.13, 0.17, 0.07, 0.09], 0, 10, 4, 'spatial frequencies: col, row, diagonal col, diagonal row'),
    speed: numList([0.5, -0.4, -0.3, 0.2], -20, 20, 4, 'phase speeds: col, row, diagonal; the 4th is unused, as in the reference (the radial term drifts at 0.2)'),
  },
  fill(out, grid, ctx, p) {
    const { col, row, distN, rows, cols } = grid;
    const t = ctx.t;
    const freq = p.freq as number[];
    const speed = p.speed as number[];
    const f0 = freq[0]!;
    const f1 = freq[1]!;
    const f2 = freq[2]!;
    const f3 = freq[3]!;
    const s0 = speed[0]!;
    const s1 = speed[1]!;
    const s2 = speed[2]!;
    const p0 = t * s0;
    const p1 = -t * s1;
    const p2 = -t * s2;
    const p3 = t * 0.2;
    const gain = p.bri * (0.6 + ctx.features.get('rms') * 0.6);
    if (isLatticeGrid(grid)) {
      const s1c = stateF32(ctx, 'sf.a', cols);
      const s2c = stateF32(ctx, 'sf.b', cols);
      const c2c = stateF32(ctx, 'sf.c', cols);
      const s1r = stateF32(ctx, 'sf.d', rows);
      const s3r = stateF32(ctx, 'sf.e', rows);
      const c3r = stateF32(ctx, 'sf.f', rows);
      for (let c = 0; c < cols; c++) {
        s1c[c] = Math.sin(c * f0 + p0);
        s2c[c] = Math.sin(c * f2 + p2);
        c2c[c] = Math.cos(c * f2 + p2);
      }
      for (let r = 0; r < rows; r++) {
        s1r[r] = Math.sin(r * f1 + p1);
        s3r[r] = Math.sin(r * f3);
        c3r[r] = Math.cos(r * f3);
      }
      for (let r = 0, i = 0; r < rows; r++) {
        const a = s1r[r];
        const s = s3r[r];
        const k = c3r[r];
        for (let c = 0; c < cols; c++, i++) {
          const v1 = s1c[c] * a * 0.5 + 0.5;
          const v2 = (s2c[c] * k + c2c[c] * s) * 0.4 + 0.5;
          const v3 = Math.sin(distN[i] * 5 + p3) * 0.3 + 0.4;
          const v = (v1 * 0.35 + v2 * 0.35 + v3 * 0.3) * gain;
          out[i] = v < 0 ? 0 : v > 1 ? 1 : v;
        }
      }
      return;
    }
    for (let i = 0; i < out.length; i++) {
      const cc = col[i];
      const rr = row[i];
      const v1 = Math.sin(cc * f0 + p0) * Math.sin(rr * f1 + p1) * 0.5 + 0.5;
      const v2 = Math.sin(cc * f2 + p2 + rr * f3) * 0.4 + 0.5;
      const v3 = Math.sin(distN[i] * 5 + p3) * 0.3 + 0.4;
      const v = (v1 * 0.35 + v2 * 0.35 + v3 * 0.3) * gain;
      out[i] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
  },
});
