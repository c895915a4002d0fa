import { defineValueEffect, Rng, type FrameContext } from '@glyphreel/core';
import { int, num, oneOf } from '../schema.js';

interface Centres {
  /** What the layout was drawn for. */
  seed: number;
  cols: number;
  rows: number;
  speed: number;
  cx: Float64Array;
  cy: Float64Array;
  vx: Float64Array;
  vy: Float64Array;
  /** Per-frame animated positions. */
  px: Float64Array;
  py: Float64Array;
}

/**
 * Voronoi with seeded centres that oscillate and wrap modulo the grid. The centres come from an Rng seeded with the
 * `seed` parameter (not the layer stream), so one seed always gives one layout, as the reference's fixed
 * RandomState(seed) does; draws in the reference's order (all x, all y, all vx, all vy). Distances are in column
 * widths with rows stretched by 1/cellAspect, so cells and their distance gradients are round on screen (the reference
 * uses raw cells, catalog 9.1 item 6; see the README's Decisions). Squared distances are compared and only the two nearest are square-rooted. The rms gain
 * can lift the reference's output to 1.2 (distance) or 1.3 (edge); the result is clipped to [0,1] like every field.
 */
export const voronoi = defineValueEffect({
  name: 'voronoi',
  description: 'Voronoi cells: distance, edge or flat per-cell id',
  params: {
    n_cells: int(20, 1, 512, 'number of centres'),
    speed: num(0.3, 0, 50, 'oscillation amplitude of the centres (×10 cells)'),
    edge_width: num(1.5, 0.001, 100, 'edge thickness in column widths (edge mode)'),
    mode: oneOf(['distance', 'edge', 'cell_id'], 'distance', 'distance: bright centres; edge: bright borders; cell_id: flat per cell'),
    seed: int(42, 0, 4294967295, 'layout seed'),
  },
  fill(out, grid, ctx, p) {
    const { col, row, cols, rows } = grid;
    const nc = p.n_cells;
    const c = centres(ctx, p.seed, nc, cols, rows, p.speed);
    const t = ctx.t;
    const { px, py } = c;
    for (let k = 0; k < nc; k++) {
      const x = (c.cx[k] + c.vx[k] * Math.sin(t * 0.5 + k * 0.8)) % cols;
      const y = (c.cy[k] + c.vy[k] * Math.cos(t * 0.4 + k * 1.1)) % rows;
      px[k] = x < 0 ? x + cols : x;
      py[k] = y < 0 ? y + rows : y;
    }
    const mode = p.mode === 'edge' ? 1 : p.mode === 'cell_id' ? 2 : 0;
    const rms = ctx.features.get('rms');
    const invMaxD = 1 / (cols * 0.15);
    const distGain = 0.5 + rms * 0.7;
    const edgeGain = 0.5 + rms * 0.8;
    const invEdge = 1 / p.edge_width;
    const ky = 1 / grid.cellAspect;
    for (let k = 0; k < nc; k++) py[k] *= ky;
    for (let i = 0; i < out.length; i++) {
      const x = col[i];
      const y = row[i] * ky;
      let d1 = Infinity;
      let d2 = Infinity;
      let id = 0;
      for (let k = 0; k < nc; k++) {
        const dx = x - px[k];
        const dy = y - py[k];
        const d = dx * dx + dy * dy;
        if (d < d1) {
          d2 = d1;
          d1 = d;
          id = k;
        } else if (d < d2) d2 = d;
      }
      if (mode === 0) {
        const v = 1 - Math.sqrt(d1) * invMaxD;
        const o = (v < 0 ? 0 : v > 1 ? 1 : v) * distGain;
        out[i] = o > 1 ? 1 : o;
      } else if (mode === 1) {
        // One centre only: no second distance, no edge anywhere.
        const v = d2 === Infinity ? 0 : 1 - (Math.sqrt(d2) - Math.sqrt(d1)) * invEdge;
        const o = (v < 0 ? 0 : v > 1 ? 1 : v) * edgeGain;
        out[i] = o > 1 ? 1 : o;
      } else {
        out[i] = id / nc;
      }
    }
  },
});

function centres(ctx: FrameContext, seed: number, n: number, cols: number, rows: number, speed: number): Centres {
  const state = ctx.state as Record<string, unknown>;
  let c = state['fields.voronoi'] as Centres | undefined;
  if (c && c.seed === seed && c.cx.length === n && c.cols === cols && c.rows === rows && c.speed === speed) return c;
  const rng = new Rng(seed);
  const cx = new Float64Array(n);
  const cy = new Float64Array(n);
  const vx = new Float64Array(n);
  const vy = new Float64Array(n);
  for (let k = 0; k < n; k++) cx[k] = rng.next() * cols;
  for (let k = 0; k < n; k++) cy[k] = rng.next() * rows;
  for (let k = 0; k < n; k++) vx[k] = (rng.next() - 0.5) * speed * 10;
  for (let k = 0; k < n; k++) vy[k] = (rng.next() - 0.5) * speed * 10;
  c = { seed, cols, rows, speed, cx, cy, vx, vy, px: new Float64Array(n), py: new Float64Array(n) };
  state['fields.voronoi'] = c;
  return c;
}
