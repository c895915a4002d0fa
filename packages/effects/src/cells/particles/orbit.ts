import { defineCellEffect, hsvToRgbInto, PART_DOT } from '@glyphreel/core';
import { resolveCharSet } from '../common.js';
import { particleCap, STRETCH_PARAM, systemState, TRAIL_PARAMS } from './system.js';

/**
 * Orbiting particles (catalog 2.5 `emit_orbit`): as in the reference the angle lives in vx and the radius (radius ± 2
 * jitter) in vy. Each frame angle += speed·dt; the particle sits at centre + r·(1 + radius_bass·bass)·(stretch·cos,
 * sin). Colour HSV(hue + hue_spread·i/n, sat, 0.5 + 0.5·rms). The ring is re-seeded when `count` changes.
 */
export const orbit = defineCellEffect({
  name: 'orbit',
  description: 'Particles circling a centre, breathing with the bass (catalog 2.5)',
  params: {
    count: { type: 'integer', default: 20, min: 1, max: 5000 },
    radius: { type: 'number', default: 15, min: 0, max: 500, description: 'orbit radius in rows' },
    radius_jitter: { type: 'number', default: 2, min: 0, max: 100, description: 'each radius is radius ± U(jitter)' },
    speed: { type: 'number', default: 1, min: -50, max: 50, description: 'radians per second' },
    radius_bass: { type: 'number', default: 0.3, min: 0, max: 5, description: 'radius × (1 + radius_bass·bass)' },
    center_x: { type: 'number', default: 0.5, min: 0, max: 1 },
    center_y: { type: 'number', default: 0.5, min: 0, max: 1 },
    char_set: { type: 'string', default: PART_DOT, nonEmpty: true, description: 'particle set name or glyphs' },
    hue: { type: 'number', default: 0.55, min: 0, max: 1 },
    hue_spread: { type: 'number', default: 0.2, min: -1, max: 1, description: 'hue shift across the particles' },
    sat: { type: 'number', default: 0.7, min: 0, max: 1 },
    ...STRETCH_PARAM,
    ...TRAIL_PARAMS,
  },
  draw(layer, grid, ctx, p) {
    const cap = particleCap(ctx.budget.particlesMax, undefined, p.count);
    const st = systemState(ctx, 'particles:orbit', grid, cap, p.trail);
    const pool = st.pool;
    const rng = ctx.rng;
    const { x, y, vx: angle, vy: radius, cell } = pool;
    if (st.fresh) {
      const glyphs = grid.glyphIds(resolveCharSet(p.char_set));
      const { start, count } = pool.spawn(cap);
      for (let i = start; i < start + count; i++) {
        angle[i] = rng.next() * Math.PI * 2;
        radius[i] = p.radius + rng.uniform(-p.radius_jitter, p.radius_jitter);
        pool.life[i] = 1;
        pool.glyph[i] = glyphs[Math.floor(rng.next() * glyphs.length)]!;
      }
    }

    const rows = grid.rows;
    const cols = grid.cols;
    const cx = p.center_x * cols;
    const cy = p.center_y * rows;
    const dt = 1 / ctx.fps;
    const scale = 1 + p.radius_bass * ctx.features.get('bass');
    for (let i = 0; i < pool.count; i++) {
      angle[i] += p.speed * dt;
      const r = radius[i]! * scale;
      x[i] = cx + p.stretch * r * Math.cos(angle[i]!);
      y[i] = cy + r * Math.sin(angle[i]!);
      const c = Math.floor(x[i]!);
      const rr = Math.floor(y[i]!);
      cell[i] = c >= 0 && c < cols && rr >= 0 && rr < rows ? rr * cols + c : -1;
    }
    st.trails.record(pool);
    if (ctx.replaying) return;

    const v = 0.5 + 0.5 * ctx.features.get('rms');
    const n = pool.count;
    for (let i = 0; i < n; i++) {
      const at = cell[i]!;
      if (at < 0) continue;
      layer.glyphs[at] = pool.glyph[i]!;
      hsvToRgbInto(p.hue + (p.hue_spread * i) / n, p.sat, v, layer.colors, at * 3);
    }
    if (p.trail > 0) st.trails.draw(layer, grid, p.trail_fade);
  },
});
