import { defineValueEffect } from '@glyphreel/core';
import { applyTransform } from '../transforms/apply.js';
import { rotate } from '../transforms/rotate.js';
import type { TransformedGrid } from '../transforms/tgrid.js';
import { num } from '../schema.js';
import { plasma } from './plasma.js';

/**
 * The reference example `vf_rotated_plasma`: plasma on coordinates rotated by angle + speed·t about the centre. As in
 * the example, the radial term keeps the untransformed grid's dist/distN/angle (only cc/rr are rotated).
 */
export const rotatedPlasma = defineValueEffect({
  name: 'rotated_plasma',
  description: 'Plasma on slowly rotating coordinates (example wrapper)',
  params: {
    angle: num(Math.PI / 4, -1000, 1000, 'rotation in radians'),
    speed: num(0.1, -100, 100, 'added rotation in radians per second'),
  },
  fill(out, grid, ctx, p) {
    const state = ctx.state as Record<string, unknown>;
    const reuse = state['fields.rotated_plasma'] as TransformedGrid | undefined;
    const tg = applyTransform(rotate, grid, ctx, p, reuse);
    state['fields.rotated_plasma'] = tg;
    tg.dist.set(grid.dist);
    tg.distN.set(grid.distN);
    tg.angle.set(grid.angle);
    plasma.fill(out, tg, ctx, {});
  },
});
