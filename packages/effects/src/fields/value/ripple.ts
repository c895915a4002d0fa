import { defineValueEffect, type ArrayParam } from '@glyphreel/core';
import { num } from '../schema.js';

const sources: ArrayParam = {
  type: 'array',
  items: { type: 'array', items: num(0.5, -10, 10), default: [0.5, 0.5], length: 2 },
  default: [[0.5, 0.5]],
  minItems: 0,
  maxItems: 32,
  description: 'point sources as [row_frac, col_frac]',
};

/**
 * Damped circular waves from point sources. Distance in column widths with rows stretched by 1/cellAspect, so the
 * waves are round on screen (the reference measures raw cells, catalog 9.1 item 6, which draws them ~2× taller than
 * wide with 1:2 cells; see the README's Decisions). freq and damping are per column width.
 */
export const ripple = defineValueEffect({
  name: 'ripple',
  pure: true,
  description: 'Concentric damped ripples from point sources',
  params: {
    sources,
    freq: num(0.3, 0, 10, 'spatial frequency'),
    damping: num(0.02, 0, 10, 'exponential decay per column width of distance'),
  },
  fill(out, grid, ctx, p) {
    const { col, row, rows, cols } = grid;
    const ky = 1 / grid.cellAspect;
    const n = out.length;
    const t4 = ctx.t * 4;
    const { freq, damping } = p;
    out.fill(0);
    for (const src of p.sources as unknown as number[][]) {
      const sy = rows * src[0]!;
      const sx = cols * src[1]!;
      for (let i = 0; i < n; i++) {
        const dy = (row[i] - sy) * ky;
        const dx = col[i] - sx;
        const d = Math.sqrt(dy * dy + dx * dx);
        out[i] += Math.sin(d * freq - t4) * Math.exp(-d * damping) * 0.5;
      }
    }
    for (let i = 0; i < n; i++) {
      const v = out[i] + 0.5;
      out[i] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
  },
});
