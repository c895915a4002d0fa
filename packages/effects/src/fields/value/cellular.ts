import { defineValueEffect, Rng, type FrameContext } from '@glyphreel/core';
import { int, num } from '../schema.js';

/**
 * Legacy `bg_cellular` as a value field: seeded centres wobbling ±5 cols / ±3 rows, value = clamp(1 − d/(0.3·cols))·bri
 * with d the distance to the nearest centre in column widths, rows stretched by 1/cellAspect so the cells are round on
 * screen (the reference measures raw cells; see the README's Decisions). Centres from an Rng seeded with `seed`
 * (reference: 42).
 */
export const cellular = defineValueEffect({
  name: 'cellular',
  description: 'Soft Voronoi-like cells around wobbling centres (legacy bg_cellular)',
  params: {
    n_centers: int(12, 1, 512, 'number of centres'),
    bri: num(0.6, 0, 2, 'brightness'),
    seed: int(42, 0, 4294967295, 'layout seed'),
  },
  fill(out, grid, ctx, p) {
    const n = p.n_centers;
    const c = centres(ctx, p.seed, n, grid.cols, grid.rows);
    const t = ctx.t;
    for (let k = 0; k < n; k++) {
      c.px[k] = c.cx[k] + Math.sin(t * 0.5 + k * 0.7) * 5;
      c.py[k] = c.cy[k] + Math.cos(t * 0.4 + k * 0.9) * 3;
    }
    const { col, row } = grid;
    const ky = 1 / grid.cellAspect;
    const inv = 1 / (grid.cols * 0.3);
    for (let i = 0; i < out.length; i++) {
      let best = Infinity;
      for (let k = 0; k < n; k++) {
        const dx = col[i] - c.px[k];
        const dy = (row[i] - c.py[k]) * ky;
        const d = dx * dx + dy * dy;
        if (d < best) best = d;
      }
      const v = 1 - Math.sqrt(best) * inv;
      out[i] = (v < 0 ? 0 : v > 1 ? 1 : v) * p.bri;
      if (out[i] > 1) out[i] = 1;
    }
  },
});

interface Centres { seed: number; cols: number; rows: number; cx: Float64Array; cy: Float64Array; px: Float64Array; py: Float64Array }

function centres(ctx: FrameContext, seed: number, n: number, cols: number, rows: number): Centres {
  const state = ctx.state as Record<string, unknown>;
  let c = state['fields.cellular'] as Centres | undefined;
  if (c && c.seed === seed && c.cx.length === n && c.cols === cols && c.rows === rows) return c;
  const rng = new Rng(seed);
  const cx = new Float64Array(n);
  const cy = new Float64Array(n);
  for (let k = 0; k < n; k++) cx[k] = rng.next() * cols;
  for (let k = 0; k < n; k++) cy[k] = rng.next() * rows;
  c = { seed, cols, rows, cx, cy, px: new Float64Array(n), py: new Float64Array(n) };
  state['fields.cellular'] = c;
  return c;
}
