import { defineCellEffect, PART_DOT, type Rng } from '@glyphreel/core';
import type { ParticlePool } from './pool.js';
import { resolveCharSet } from '../common.js';
import { CAPS, particleCap, projectToCells, STRETCH_PARAM, systemState, TRAIL_PARAMS } from './system.js';

/**
 * Dissolving cloud (catalog 2.5): `count` particles spread over the grid on the first frame drift slowly upward
 * (vy = −U(rise_min, rise_max), vx = stretch·U(−drift, drift)) while life −= decay·(1 + accel·t): the fade speeds up
 * with scene time t. Nothing is re-emitted unless `respawn` is on, so the cloud dissolves away. The glyph follows life
 * through `char_set` (dense glyphs while alive), the colour is HSV(hue, sat, life).
 */
export const dissolve = defineCellEffect({
  name: 'dissolve',
  description: 'A particle cloud that drifts upward and dissolves, faster and faster (catalog 2.5)',
  params: {
    count: { type: 'integer', default: 600, min: 1, max: 5000, description: 'particles at the start (capped by quality)' },
    char_set: { type: 'string', default: PART_DOT, nonEmpty: true, description: 'glyphs from faint to dense' },
    rise_min: { type: 'number', default: 0.02, min: 0, max: 5 },
    rise_max: { type: 'number', default: 0.2, min: 0, max: 5 },
    drift: { type: 'number', default: 0.05, min: 0, max: 5 },
    decay: { type: 'number', default: 0.002, min: 0, max: 1, description: 'base life lost per frame' },
    accel: { type: 'number', default: 0.05, min: 0, max: 10, description: 'decay × (1 + accel·t): the fade speeds up' },
    respawn: { type: 'boolean', default: false, description: 're-seed dead particles so the cloud never empties' },
    hue: { type: 'number', default: 0.58, min: 0, max: 1 },
    sat: { type: 'number', default: 0.35, min: 0, max: 1 },
    ...STRETCH_PARAM,
    ...TRAIL_PARAMS,
  },
  draw(layer, grid, ctx, p) {
    const cap = particleCap(ctx.budget.particlesMax, CAPS.dissolve, p.count);
    const st = systemState(ctx, 'particles:dissolve', grid, cap, p.trail);
    const pool = st.pool;
    const rng = ctx.rng;
    const rows = grid.rows;
    const cols = grid.cols;
    const glyphs = grid.glyphIds(resolveCharSet(p.char_set));

    if (st.fresh) seedCloud(pool, cap, true, rng, cols, rows, p.stretch, p.drift, p.rise_min, p.rise_max);
    const { x, y, vx, vy, life } = pool;
    const drain = p.decay * (1 + p.accel * ctx.t);
    for (let i = 0; i < pool.count; i++) {
      x[i] += vx[i]!;
      y[i] += vy[i]!;
      life[i] -= drain;
      if (y[i]! < 0) life[i] = 0;
    }
    pool.cullDead();
    if (p.respawn) seedCloud(pool, cap - pool.count, false, rng, cols, rows, p.stretch, p.drift, p.rise_min, p.rise_max);
    projectToCells(pool, grid);
    st.trails.record(pool);
    if (ctx.replaying) return;

    const last = glyphs.length - 1;
    const ramp = st.ramp.set(p.hue, 0, p.sat, 0, 1);
    for (let i = 0; i < pool.count; i++) {
      const cell = pool.cell[i]!;
      if (cell < 0) continue;
      const l = life[i]!;
      layer.glyphs[cell] = glyphs[Math.min(last, Math.floor(l * glyphs.length))]!;
      ramp.put(layer.colors, cell, l);
    }
    if (p.trail > 0) st.trails.draw(layer, grid, p.trail_fade);
  },
});

/** Spreads `n` new particles over the grid (the first frame) or along the bottom row (re-seeding). */
function seedCloud(
  pool: ParticlePool,
  n: number,
  everywhere: boolean,
  rng: Rng,
  cols: number,
  rows: number,
  stretch: number,
  drift: number,
  riseMin: number,
  riseMax: number,
): void {
  const { start, count } = pool.spawn(n);
  for (let i = start; i < start + count; i++) {
    pool.x[i] = rng.next() * cols;
    pool.y[i] = everywhere ? rng.next() * rows : rows - 1 + rng.next();
    pool.vx[i] = stretch * rng.uniform(-drift, drift);
    pool.vy[i] = -rng.uniform(riseMin, riseMax);
    // Staggered starting life so the cloud thins out gradually rather than vanishing in one frame.
    pool.life[i] = rng.uniform(0.5, 1);
  }
}
