import { defineCellEffect, PAL_STARS } from '@glyphreel/core';
import { isBeat, resolvePalette } from '../common.js';
import { CAPS, particleCap, systemState, TRAIL_PARAMS } from './system.js';

/**
 * 3D starfield (catalog 2.5). Each star keeps normalized (sx, sy) ∈ [−1, 1]² in x/y and its depth sz ∈ (0, 1] in aux.
 * Each frame sz −= speed·(1 + speed_bass·bass) (×beat_boost on a beat); the star is drawn at
 * (cx + (sx/sz)·cx, cy + (sy/sz)·cy) with brightness 1 − sz, and respawns at depth 1 when sz ≤ 0.01 or it leaves the
 * grid. The glyph follows brightness through `palette`; stars brighter than `streak_above` draw a streak of
 * `streak_len` dimmer cells back toward where they were, in the direction of travel.
 */
export const starfield = defineCellEffect({
  name: 'starfield',
  description: 'Stars flying toward the viewer, with streaks on the bright ones (catalog 2.5)',
  params: {
    count: { type: 'integer', default: 800, min: 1, max: 5000, description: 'stars (capped by quality)' },
    speed: { type: 'number', default: 0.01, min: 0, max: 0.5, description: 'depth travelled per frame' },
    speed_bass: { type: 'number', default: 2, min: 0, max: 20, description: 'speed × (1 + speed_bass·bass)' },
    beat_boost: { type: 'number', default: 2, min: 1, max: 10, description: 'speed multiplier on a beat' },
    palette: { type: 'palette', default: PAL_STARS, description: 'glyphs from faint to bright' },
    streak_above: { type: 'number', default: 0.6, min: 0, max: 1, description: 'brightness above which stars streak' },
    streak_len: { type: 'integer', default: 3, min: 0, max: 16 },
    hue: { type: 'number', default: 0.6, min: 0, max: 1 },
    sat: { type: 'number', default: 0.15, min: 0, max: 1 },
    ...TRAIL_PARAMS,
  },
  draw(layer, grid, ctx, p) {
    const cap = particleCap(ctx.budget.particlesMax, CAPS.starfield, p.count);
    const st = systemState(ctx, 'particles:starfield', grid, cap, p.trail);
    const pool = st.pool;
    const rng = ctx.rng;
    const rows = grid.rows;
    const cols = grid.cols;
    const cx = cols / 2;
    const cy = rows / 2;
    const { x, y, aux: z, cell } = pool;

    if (st.fresh) {
      const { start, count } = pool.spawn(cap);
      for (let i = start; i < start + count; i++) {
        x[i] = rng.uniform(-1, 1);
        y[i] = rng.uniform(-1, 1);
        z[i] = rng.uniform(0.02, 1);
        pool.life[i] = 1;
      }
    }

    let dz = p.speed * (1 + p.speed_bass * ctx.features.get('bass'));
    if (isBeat(ctx)) dz *= p.beat_boost;
    for (let i = 0; i < pool.count; i++) {
      z[i] -= dz;
      let c = Math.floor(cx + (x[i]! / z[i]!) * cx);
      let r = Math.floor(cy + (y[i]! / z[i]!) * cy);
      if (z[i]! <= 0.01 || c < 0 || c >= cols || r < 0 || r >= rows) {
        x[i] = rng.uniform(-1, 1);
        y[i] = rng.uniform(-1, 1);
        z[i] = 1;
        c = Math.floor(cx + x[i]! * cx);
        r = Math.floor(cy + y[i]! * cy);
      }
      cell[i] = c >= 0 && c < cols && r >= 0 && r < rows ? r * cols + c : -1;
    }
    st.trails.record(pool);
    if (ctx.replaying) return;

    const ids = grid.glyphIds(resolvePalette(p.palette));
    const last = ids.length - 1;
    const glyphs = layer.glyphs;
    const colors = layer.colors;
    const ramp = st.ramp.set(p.hue, 0, p.sat, 0, 1);
    for (let i = 0; i < pool.count; i++) {
      const at = cell[i]!;
      if (at < 0) continue;
      const bri = 1 - z[i]!;
      // Index 0 of a palette is the space: the faintest visible star uses index 1.
      glyphs[at] = ids[Math.max(1, Math.min(last, Math.floor(bri * ids.length)))]!;
      ramp.put(colors, at, bri);
      if (bri <= p.streak_above || p.streak_len === 0) continue;
      const sx = x[i]!;
      const sy = y[i]!;
      for (let k = 1; k <= p.streak_len; k++) {
        // Where the star was k frames ago: further away, so nearer the centre.
        const zk = z[i]! + k * dz;
        const c = Math.floor(cx + (sx / zk) * cx);
        const r = Math.floor(cy + (sy / zk) * cy);
        if (c < 0 || c >= cols || r < 0 || r >= rows) break;
        const j = r * cols + c;
        if (j === at || glyphs[j] !== 0) continue;
        const v = bri * (1 - k / (p.streak_len + 1));
        glyphs[j] = ids[1]!;
        ramp.put(colors, j, v);
      }
    }
    if (p.trail > 0) st.trails.draw(layer, grid, p.trail_fade);
  },
});
