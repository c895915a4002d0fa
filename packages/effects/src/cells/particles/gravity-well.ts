import { defineCellEffect, PART_ENERGY, type Rng } from '@glyphreel/core';
import { resolveCharSet } from '../common.js';
import type { ParticlePool } from './pool.js';
import { particleCap, STRETCH_PARAM, systemState, TRAIL_PARAMS } from './system.js';

/**
 * Gravity wells (catalog 2.5): particles accelerate toward `wells` attractors that circle the centre on a ring of
 * `ring` × rows; a particle that comes within `capture` of a well respawns on a random point of the grid's edge.
 * Physics runs in square units (a column is 1/stretch of a row), so the pull is round on screen:
 * a += G·d/(|d|² + softening)^1.5 per well, G = strength·(0.5 + strength_bass·bass), speed clamped to max_speed.
 * Velocities are stored in square units; x advances by stretch·vx. Colour HSV(hue + 0.15·s, sat, 0.35 + 0.65·s) with
 * s = speed/max_speed.
 */
/** Well positions of the current frame in square units (module scratch: draw calls never interleave). */
const WELL_X = new Float64Array(8);
const WELL_Y = new Float64Array(8);

export const gravityWell = defineCellEffect({
  name: 'gravity_well',
  description: 'Particles falling into orbiting attractors and respawning at the edges (catalog 2.5)',
  params: {
    count: { type: 'integer', default: 400, min: 1, max: 5000 },
    wells: { type: 'integer', default: 2, min: 1, max: 8 },
    ring: { type: 'number', default: 0.25, min: 0, max: 1, description: 'well orbit radius, fraction of the rows' },
    well_speed: { type: 'number', default: 0.3, min: -10, max: 10, description: 'well orbit speed, radians per second' },
    strength: { type: 'number', default: 6, min: 0, max: 200 },
    strength_bass: { type: 'number', default: 1, min: 0, max: 10 },
    softening: { type: 'number', default: 4, min: 0.01, max: 100, description: 'added to |d|² so the pull stays finite' },
    capture: { type: 'number', default: 1.5, min: 0.1, max: 50, description: 'respawn within this distance of a well (rows)' },
    max_speed: { type: 'number', default: 2, min: 0.01, max: 50, description: 'rows per frame' },
    char_set: { type: 'string', default: PART_ENERGY, nonEmpty: true, description: 'particle set name or glyphs' },
    hue: { type: 'number', default: 0.72, min: 0, max: 1 },
    sat: { type: 'number', default: 0.75, min: 0, max: 1 },
    ...STRETCH_PARAM,
    ...TRAIL_PARAMS,
  },
  draw(layer, grid, ctx, p) {
    const cap = particleCap(ctx.budget.particlesMax, undefined, p.count);
    const st = systemState(ctx, 'particles:gravity_well', grid, cap, p.trail);
    const pool = st.pool;
    const rng = ctx.rng;
    const rows = grid.rows;
    const cols = grid.cols;
    const k = p.stretch;
    const { x, y, vx, vy, cell } = pool;
    if (st.fresh) {
      const glyphs = grid.glyphIds(resolveCharSet(p.char_set));
      const { start, count } = pool.spawn(cap);
      for (let i = start; i < start + count; i++) {
        // Start spread over the whole grid so the first frames are not an empty screen.
        x[i] = rng.next() * cols;
        y[i] = rng.next() * rows;
        vx[i] = rng.uniform(-0.5, 0.5);
        vy[i] = rng.uniform(-0.5, 0.5);
        pool.life[i] = 1;
        pool.glyph[i] = glyphs[Math.floor(rng.next() * glyphs.length)]!;
      }
    }

    const cxs = cols / 2 / k;
    const cy = rows / 2;
    const ringR = p.ring * rows;
    const g = p.strength * (0.5 + p.strength_bass * ctx.features.get('bass'));
    const cap2 = p.capture * p.capture;
    const max = p.max_speed;
    const n = p.wells;
    const phase = p.well_speed * ctx.t;
    for (let w = 0; w < n; w++) {
      const a = phase + (w * Math.PI * 2) / n;
      WELL_X[w] = cxs + ringR * Math.cos(a);
      WELL_Y[w] = cy + ringR * Math.sin(a);
    }
    for (let i = 0; i < pool.count; i++) {
      const px = x[i]! / k;
      const py = y[i]!;
      let ax = 0;
      let ay = 0;
      let captured = false;
      for (let w = 0; w < n; w++) {
        const dx = WELL_X[w]! - px;
        const dy = WELL_Y[w]! - py;
        const d2 = dx * dx + dy * dy;
        if (d2 < cap2) {
          captured = true;
          break;
        }
        const s = d2 + p.softening;
        const inv = g / (s * Math.sqrt(s));
        ax += dx * inv;
        ay += dy * inv;
      }
      if (captured) {
        respawnAtEdge(pool, i, rng, cols, rows);
      } else {
        let nvx = vx[i]! + ax;
        let nvy = vy[i]! + ay;
        const sp = Math.sqrt(nvx * nvx + nvy * nvy);
        if (sp > max) {
          nvx *= max / sp;
          nvy *= max / sp;
        }
        vx[i] = nvx;
        vy[i] = nvy;
        x[i] += k * nvx;
        y[i] += nvy;
        if (x[i]! < -cols || x[i]! >= 2 * cols || y[i]! < -rows || y[i]! >= 2 * rows) respawnAtEdge(pool, i, rng, cols, rows);
      }
      const c = Math.floor(x[i]!);
      const r = Math.floor(y[i]!);
      cell[i] = c >= 0 && c < cols && r >= 0 && r < rows ? r * cols + c : -1;
    }
    st.trails.record(pool);
    if (ctx.replaying) return;

    const ramp = st.ramp.set(p.hue, 0.15, p.sat, 0.35, 0.65);
    for (let i = 0; i < pool.count; i++) {
      const at = cell[i]!;
      if (at < 0) continue;
      layer.glyphs[at] = pool.glyph[i]!;
      ramp.put(layer.colors, at, Math.sqrt(vx[i]! * vx[i]! + vy[i]! * vy[i]!) / max);
    }
    if (p.trail > 0) st.trails.draw(layer, grid, p.trail_fade);
  },
});

function respawnAtEdge(pool: ParticlePool, i: number, rng: Rng, cols: number, rows: number): void {
  const side = rng.int(0, 3);
  const u = rng.next();
  pool.x[i] = side === 0 ? 0 : side === 1 ? cols - 0.01 : u * cols;
  pool.y[i] = side === 2 ? 0 : side === 3 ? rows - 0.01 : u * rows;
  pool.vx[i] = 0;
  pool.vy[i] = 0;
}
