import { defineCellEffect, PART_ENERGY } from '@glyphreel/core';
import { resolveCharSet } from '../common.js';
import { particleCap, STRETCH_PARAM, systemState } from './system.js';

/**
 * Particle trails as an entry of their own (catalog 2.5 `draw_particle_trails`): `count` wanderers steer with a random
 * turn of N(0, turn) radians per frame, move at speed·(1 + speed_bass·bass) rows per frame (x by stretch·vx) and wrap
 * around the grid; behind them the shared trail companion draws max_trail frames of history with brightness
 * fade^age. Every other particle system takes the same companion through its `trail` / `trail_fade` parameters.
 * The heads are drawn HSV(hue, sat, 1) with a glyph from `char_set`.
 */
export const trails = defineCellEffect({
  name: 'trails',
  description: 'Wandering particles that leave fading trails (catalog 2.5)',
  params: {
    count: { type: 'integer', default: 24, min: 1, max: 5000 },
    speed: { type: 'number', default: 0.8, min: 0, max: 20, description: 'rows per frame' },
    speed_bass: { type: 'number', default: 1, min: 0, max: 10 },
    turn: { type: 'number', default: 0.25, min: 0, max: 3.2, description: 'steering noise, radians per frame' },
    max_trail: { type: 'integer', default: 8, min: 1, max: 32, description: 'frames of history' },
    fade: { type: 'number', default: 0.7, min: 0.05, max: 0.99, description: 'brightness factor per frame of age' },
    char_set: { type: 'string', default: PART_ENERGY, nonEmpty: true, description: 'head glyphs: particle set name or glyphs' },
    hue: { type: 'number', default: 0.12, min: 0, max: 1 },
    sat: { type: 'number', default: 0.5, min: 0, max: 1 },
    ...STRETCH_PARAM,
  },
  draw(layer, grid, ctx, p) {
    const cap = particleCap(ctx.budget.particlesMax, undefined, p.count);
    const st = systemState(ctx, 'particles:trails', grid, cap, p.max_trail);
    const pool = st.pool;
    const rng = ctx.rng;
    const rows = grid.rows;
    const cols = grid.cols;
    const { x, y, vx, vy, aux: heading, cell } = pool;
    if (st.fresh) {
      const glyphs = grid.glyphIds(resolveCharSet(p.char_set));
      const { start, count } = pool.spawn(cap);
      for (let i = start; i < start + count; i++) {
        x[i] = rng.next() * cols;
        y[i] = rng.next() * rows;
        heading[i] = rng.next() * Math.PI * 2;
        pool.life[i] = 1;
        pool.glyph[i] = glyphs[Math.floor(rng.next() * glyphs.length)]!;
      }
    }
    const sp = p.speed * (1 + p.speed_bass * ctx.features.get('bass'));
    for (let i = 0; i < pool.count; i++) {
      heading[i] += rng.normal(0, p.turn);
      vx[i] = Math.cos(heading[i]!) * sp;
      vy[i] = Math.sin(heading[i]!) * sp;
      let nx = x[i]! + p.stretch * vx[i]!;
      let ny = y[i]! + vy[i]!;
      nx -= Math.floor(nx / cols) * cols;
      ny -= Math.floor(ny / rows) * rows;
      x[i] = nx;
      y[i] = ny;
      if (x[i]! >= cols) x[i] = 0;
      if (y[i]! >= rows) y[i] = 0;
      cell[i] = Math.floor(y[i]!) * cols + Math.floor(x[i]!);
    }
    st.trails.record(pool);
    if (ctx.replaying) return;
    const ramp = st.ramp.set(p.hue, 0, p.sat, 1, 0);
    for (let i = 0; i < pool.count; i++) {
      const at = cell[i]!;
      layer.glyphs[at] = pool.glyph[i]!;
      ramp.put(layer.colors, at, 1);
    }
    st.trails.draw(layer, grid, p.fade);
  },
});
