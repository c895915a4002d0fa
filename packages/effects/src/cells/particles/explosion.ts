import { defineCellEffect, PART_ENERGY } from '@glyphreel/core';
import { isBeat, resolveCharSet } from '../common.js';
import { featureFloor } from '../../fields/util.js';
import { CAPS, particleCap, projectToCells, STRETCH_PARAM, systemState, TRAIL_PARAMS } from './system.js';

/**
 * Beat-triggered radial bursts (catalog 2.5 `emit_explosion`): count = count_base + count_rms·rms particles at a random
 * angle, speed U(speed_min, speed_max)·(0.5 + sub_boost·sub_r), vx = stretch·cos·speed, vy = sin·speed, life 1.
 * Each frame vy += gravity, life −= decay; colour HSV(hue + hue_range·(1 − life), sat, life) as in the scene variant.
 * Particles that fall below the grid or leave it sideways by more than its width are culled early: gravity never
 * brings them back.
 */
export const explosion = defineCellEffect({
  name: 'explosion',
  description: 'Beat-triggered radial particle bursts with gravity (catalog 2.5)',
  params: {
    char_set: { type: 'string', default: PART_ENERGY, nonEmpty: true, description: 'particle set name or glyphs' },
    count_base: { type: 'integer', default: 80, min: 0, max: 2500, description: 'particles per burst' },
    count_rms: { type: 'number', default: 150, min: 0, max: 2500, description: 'extra particles per burst × rms' },
    speed_min: { type: 'number', default: 1, min: 0, max: 20 },
    speed_max: { type: 'number', default: 9, min: 0, max: 40 },
    sub_boost: { type: 'number', default: 2, min: 0, max: 10, description: 'speed × (0.5 + sub_boost·sub_r)' },
    gravity: { type: 'number', default: 0.03, min: -1, max: 1, description: 'added to vy each frame (rows/frame²)' },
    decay: { type: 'number', default: 0.015, min: 0.001, max: 1, description: 'life lost per frame' },
    center_x: { type: 'number', default: 0.5, min: 0, max: 1, description: 'burst centre, fraction of the width' },
    center_y: { type: 'number', default: 0.5, min: 0, max: 1, description: 'burst centre, fraction of the height' },
    scatter: { type: 'number', default: 0, min: 0, max: 1, description: 'random offset of each burst centre, fraction of the grid' },
    every_s: { type: 'number', default: 0, min: 0, max: 60, description: 'also burst every this many seconds (0 = beats only)' },
    hue: { type: 'number', default: 0.08, min: 0, max: 1 },
    hue_range: { type: 'number', default: 0.15, min: -1, max: 1 },
    sat: { type: 'number', default: 0.95, min: 0, max: 1 },
    ...STRETCH_PARAM,
    ...TRAIL_PARAMS,
  },
  draw(layer, grid, ctx, p) {
    const cap = particleCap(ctx.budget.particlesMax, CAPS.explosion);
    const st = systemState(ctx, 'particles:explosion', grid, cap, p.trail);
    const pool = st.pool;
    const rng = ctx.rng;
    const rows = grid.rows;
    const cols = grid.cols;

    let fire = isBeat(ctx);
    if (!fire && p.every_s > 0) {
      // Fire on the frame whose time interval contains a multiple of every_s (frame-rate independent).
      const dt = 1 / ctx.fps;
      fire = Math.floor(ctx.t / p.every_s) !== Math.floor((ctx.t - dt) / p.every_s) || ctx.frame === 0;
    }
    if (fire) {
      const glyphs = grid.glyphIds(resolveCharSet(p.char_set));
      const n = featureFloor(p.count_base + p.count_rms * ctx.features.get('rms'));
      const boost = 0.5 + p.sub_boost * ctx.features.get('sub_r');
      let cx = p.center_x * cols;
      let cy = p.center_y * rows;
      if (p.scatter > 0) {
        cx += (rng.next() - 0.5) * p.scatter * cols;
        cy += (rng.next() - 0.5) * p.scatter * rows;
      }
      const { start, count } = pool.spawn(n);
      for (let i = start; i < start + count; i++) {
        const a = rng.next() * Math.PI * 2;
        const sp = rng.uniform(p.speed_min, p.speed_max) * boost;
        pool.x[i] = cx;
        pool.y[i] = cy;
        pool.vx[i] = p.stretch * Math.cos(a) * sp;
        pool.vy[i] = Math.sin(a) * sp;
        pool.life[i] = 1;
        pool.glyph[i] = glyphs[Math.floor(rng.next() * glyphs.length)]!;
      }
    }

    const { x, y, vx, vy, life } = pool;
    for (let i = 0; i < pool.count; i++) {
      x[i] += vx[i]!;
      y[i] += vy[i]!;
      vy[i] += p.gravity;
      life[i] -= p.decay;
      if ((p.gravity >= 0 && y[i]! >= rows && vy[i]! >= 0) || x[i]! < -cols || x[i]! >= 2 * cols) life[i] = 0;
    }
    pool.cullDead();
    pool.enforceCap(cap);
    projectToCells(pool, grid);
    st.trails.record(pool);
    if (ctx.replaying) return;

    // HSV(hue + hue_range·(1 − life), sat, life) as a ramp over life.
    const ramp = st.ramp.set(p.hue + p.hue_range, -p.hue_range, p.sat, 0, 1);
    const colors = layer.colors;
    for (let i = 0; i < pool.count; i++) {
      const cell = pool.cell[i]!;
      if (cell < 0) continue;
      layer.glyphs[cell] = pool.glyph[i]!;
      ramp.put(colors, cell, life[i]!);
    }
    if (p.trail > 0) st.trails.draw(layer, grid, p.trail_fade);
  },
});
