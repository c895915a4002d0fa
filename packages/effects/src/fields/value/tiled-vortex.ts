import { defineValueEffect } from '@glyphreel/core';
import { applyTransform } from '../transforms/apply.js';
import { tile } from '../transforms/tile.js';
import type { TransformedGrid } from '../transforms/tgrid.js';
import { bool, num } from '../schema.js';
import { vortex } from './vortex.js';

/**
 * The reference example `vf_tiled_vortex`: a vortex on nx×ny mirrored tiles. As in the example, distN is the tiled
 * distance over its maximum (not over cols as transformedGrid gives).
 */
export const tiledVortex = defineValueEffect({
  name: 'tiled_vortex',
  description: 'Vortex repeated on mirrored tiles (example wrapper)',
  params: {
    nx: num(3, 0.001, 1000, 'horizontal repeats'),
    ny: num(3, 0.001, 1000, 'vertical repeats'),
    mirror: bool(true, 'flip alternate tiles'),
    twist: num(3, -50, 50, 'vortex twist'),
  },
  fill(out, grid, ctx, p) {
    const state = ctx.state as Record<string, unknown>;
    const reuse = state['fields.tiled_vortex'] as TransformedGrid | undefined;
    const tg = applyTransform(tile, grid, ctx, p, reuse);
    state['fields.tiled_vortex'] = tg;
    const { dist, distN } = tg;
    let max = 0;
    for (let i = 0; i < dist.length; i++) if (dist[i] > max) max = dist[i];
    const inv = 1 / (max + 1e-10);
    for (let i = 0; i < dist.length; i++) distN[i] = dist[i] * inv;
    vortex.fill(out, tg, ctx, p);
  },
});
