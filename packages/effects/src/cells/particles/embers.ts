import { defineCellEffect, PART_SPARK } from '@glyphreel/core';
import { isBeat, resolveCharSet } from '../common.js';
import { CAPS, particleCap, projectToCells, STRETCH_PARAM, systemState, TRAIL_PARAMS } from './system.js';

/**
 * Rising embers (catalog 2.5): continuous emission on the bottom row, rate + rate_bass·bass per frame plus a burst
 * on each beat; vy = −U(rise_min, rise_max), vx = stretch·U(−drift, drift); each frame x moves by vx plus a jitter of
 * stretch·jitter·U(−1, 1) (the reference's "horizontal jitter × 0.3"; a position jitter, not a velocity random walk,
 * which would grow without bound over an ember's 100 frames), life −= decay. Embers that leave the top are
 * culled. Colour cools from yellow to deep red as life runs out: HSV(hue + hue_range·life, sat, life).
 */
export const embers = defineCellEffect({
  name: 'embers',
  description: 'Embers rising from the bottom edge (catalog 2.5)',
  params: {
    char_set: { type: 'string', default: PART_SPARK, nonEmpty: true, description: 'particle set name or glyphs' },
    rate: { type: 'number', default: 6, min: 0, max: 500, description: 'embers emitted per frame' },
    rate_bass: { type: 'number', default: 20, min: 0, max: 500, description: 'extra embers per frame × bass' },
    beat_burst: { type: 'integer', default: 40, min: 0, max: 3000, description: 'extra embers on a beat' },
    rise_min: { type: 'number', default: 1, min: 0, max: 20 },
    rise_max: { type: 'number', default: 5, min: 0, max: 40 },
    drift: { type: 'number', default: 1.5, min: 0, max: 10, description: 'initial horizontal speed range ±drift' },
    jitter: { type: 'number', default: 0.3, min: 0, max: 5, description: 'random horizontal step per frame (× stretch)' },
    decay: { type: 'number', default: 0.01, min: 0.001, max: 1, description: 'life lost per frame' },
    hue: { type: 'number', default: 0.0, min: 0, max: 1 },
    hue_range: { type: 'number', default: 0.12, min: -1, max: 1 },
    sat: { type: 'number', default: 0.9, min: 0, max: 1 },
    ...STRETCH_PARAM,
    ...TRAIL_PARAMS,
  },
  draw(layer, grid, ctx, p) {
    const cap = particleCap(ctx.budget.particlesMax, CAPS.embers);
    const st = systemState(ctx, 'particles:embers', grid, cap, p.trail);
    const pool = st.pool;
    const rng = ctx.rng;
    const rows = grid.rows;
    const cols = grid.cols;

    let n = p.rate + p.rate_bass * ctx.features.get('bass');
    if (isBeat(ctx)) n += p.beat_burst;
    // Stochastic rounding: a fractional rate is kept on average (0.5 emits one ember every other frame on average).
    const whole = Math.floor(n + rng.next());
    const glyphs = grid.glyphIds(resolveCharSet(p.char_set));
    const { start, count } = pool.spawn(whole);
    for (let i = start; i < start + count; i++) {
      pool.x[i] = rng.next() * cols;
      pool.y[i] = rows - 1 + rng.next();
      pool.vx[i] = p.stretch * rng.uniform(-p.drift, p.drift);
      pool.vy[i] = -rng.uniform(p.rise_min, p.rise_max);
      pool.life[i] = 1;
      pool.glyph[i] = glyphs[Math.floor(rng.next() * glyphs.length)]!;
    }

    const { x, y, vx, vy, life } = pool;
    const jit = p.stretch * p.jitter;
    for (let i = 0; i < pool.count; i++) {
      x[i] += vx[i]! + jit * (rng.next() * 2 - 1);
      y[i] += vy[i]!;
      life[i] -= p.decay;
      if (y[i]! < 0) life[i] = 0;
    }
    pool.cullDead();
    pool.enforceCap(cap);
    projectToCells(pool, grid);
    st.trails.record(pool);
    if (ctx.replaying) return;

    const ramp = st.ramp.set(p.hue, p.hue_range, p.sat, 0, 1);
    for (let i = 0; i < pool.count; i++) {
      const cell = pool.cell[i]!;
      if (cell < 0) continue;
      layer.glyphs[cell] = pool.glyph[i]!;
      ramp.put(layer.colors, cell, life[i]!);
    }
    if (p.trail > 0) st.trails.draw(layer, grid, p.trail_fade);
  },
});
