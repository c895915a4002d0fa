import { CHARS_BOIDS, defineCellEffect, Rng } from '@glyphreel/core';
import { resolveCharSet } from '../common.js';
import { particleCap, STRETCH_PARAM, systemState, TRAIL_PARAMS } from './system.js';

/**
 * The default glyphs: core's CHARS_BOIDS, where the reference's ⬤ (U+2B24, a large circle wider than a monospace cell,
 * drawn cut in half) is ●, which fits. Same length, so the seeded draws pick the same slots as before.
 */
export const BOIDS_CHARS = CHARS_BOIDS;

/** Spatial-hash buffers, rebuilt when the flock size or the bucket layout changes. */
interface BoidScratch {
  n: number;
  bx: number;
  by: number;
  bucketOf: Int32Array;
  start: Int32Array;
  items: Int32Array;
  nvx: Float32Array;
  nvy: Float32Array;
}

/**
 * Boids (catalog 2.5 `update_boids`). The flock lives in square units, a world of (cols/stretch) × rows that wraps
 * toroidally; pool.x/y hold those coordinates and a boid is drawn at column floor(x·stretch), so distances and speeds
 * are the same in every direction on screen. Initial positions, velocities and glyphs come from Rng(seed) (the
 * reference's 42), so the flock starts the same whatever the scene seed.
 *
 * Neighbours come from a spatial hash with buckets at least `perception` wide (counting sort into flat arrays),
 * searching the 3×3 surrounding buckets with wrap-around and minimum-image distances. Within perception:
 * separation −d/|d|² from boids closer than 0.4·perception (× sep_weight), alignment (mean velocity − own)·0.1·
 * ali_weight, cohesion (mean offset)·0.01·coh_weight. When bass > 0.5 every boid is pushed away from the centre by
 * 2·bass·push. Speeds are clamped to max_speed. Colour HSV(hue + 0.3·s, 0.8, 0.5 + 0.5·s), s = speed/max_speed.
 */
export const boids = defineCellEffect({
  name: 'boids',
  description: 'A flock: separation, alignment and cohesion over a spatial hash (catalog 2.5)',
  params: {
    n_boids: { type: 'integer', default: 200, min: 1, max: 5000 },
    perception: { type: 'number', default: 8, min: 1, max: 100, description: 'neighbour radius in rows' },
    max_speed: { type: 'number', default: 2, min: 0.01, max: 20, description: 'rows per frame' },
    sep_weight: { type: 'number', default: 1.5, min: 0, max: 10 },
    ali_weight: { type: 'number', default: 1, min: 0, max: 10 },
    coh_weight: { type: 'number', default: 1, min: 0, max: 10 },
    push: { type: 'number', default: 1, min: 0, max: 10, description: 'scale of the outward push when bass > 0.5' },
    seed: { type: 'integer', default: 42, min: 0, max: 4294967295, description: 'seed of the initial flock' },
    char_set: { type: 'string', default: BOIDS_CHARS, nonEmpty: true, description: 'particle set name or glyphs' },
    hue: { type: 'number', default: 0, min: 0, max: 1, description: 'added to the speed hue 0.3·s' },
    ...STRETCH_PARAM,
    ...TRAIL_PARAMS,
  },
  draw(layer, grid, ctx, p) {
    const cap = particleCap(ctx.budget.particlesMax, undefined, p.n_boids);
    const st = systemState(ctx, 'particles:boids', grid, cap, p.trail);
    const pool = st.pool;
    const k = p.stretch;
    const W = grid.cols / k;
    const H = grid.rows;
    const max = p.max_speed;
    const { x, y, vx, vy, cell } = pool;
    if (st.fresh) {
      const rng = new Rng(p.seed);
      const glyphs = grid.glyphIds(resolveCharSet(p.char_set));
      const { start, count } = pool.spawn(cap);
      for (let i = start; i < start + count; i++) {
        x[i] = rng.next() * W;
        y[i] = rng.next() * H;
        vx[i] = rng.uniform(-max, max) * 0.5;
        vy[i] = rng.uniform(-max, max) * 0.5;
        pool.life[i] = 1;
        pool.glyph[i] = glyphs[Math.floor(rng.next() * glyphs.length)]!;
      }
    }

    const n = pool.count;
    const per = p.perception;
    const bx = Math.max(1, Math.floor(W / per));
    const by = Math.max(1, Math.floor(H / per));
    let s = ctx.state['boids:hash'] as BoidScratch | undefined;
    if (!s || s.n !== n || s.bx !== bx || s.by !== by) {
      s = {
        n, bx, by,
        bucketOf: new Int32Array(n),
        start: new Int32Array(bx * by + 1),
        items: new Int32Array(n),
        nvx: new Float32Array(n),
        nvy: new Float32Array(n),
      };
      ctx.state['boids:hash'] = s;
    }
    const { bucketOf, start, items, nvx, nvy } = s;
    const bw = W / bx;
    const bh = H / by;
    start.fill(0);
    for (let i = 0; i < n; i++) {
      const b = Math.min(by - 1, Math.floor(y[i]! / bh)) * bx + Math.min(bx - 1, Math.floor(x[i]! / bw));
      bucketOf[i] = b;
      start[b + 1] = start[b + 1]! + 1;
    }
    // Counting sort: after the prefix sum start[b + 1] is the end of bucket b; filling backwards moves it to the
    // bucket's first item, so bucket b is items[start[b + 1] .. start[b + 2]) (the last one ends at n).
    for (let b = 0; b < bx * by; b++) start[b + 1] = start[b + 1]! + start[b]!;
    for (let i = n - 1; i >= 0; i--) {
      const b = bucketOf[i]! + 1;
      start[b] = start[b]! - 1;
      items[start[b]!] = i;
    }
    const xOff0 = bx >= 3 ? -1 : 0;
    const xOff1 = bx >= 3 ? 1 : bx - 1;
    const yOff0 = by >= 3 ? -1 : 0;
    const yOff1 = by >= 3 ? 1 : by - 1;
    const per2 = per * per;
    const sep2 = 0.4 * per * (0.4 * per);
    const halfW = W / 2;
    const halfH = H / 2;
    const bass = ctx.features.get('bass');
    const pushK = bass > 0.5 ? 2 * bass * p.push : 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      const yi = y[i]!;
      const b = bucketOf[i]!;
      const cbx = b % bx;
      const cby = (b - cbx) / bx;
      let cnt = 0;
      let sumVx = 0;
      let sumVy = 0;
      let sumDx = 0;
      let sumDy = 0;
      let sepX = 0;
      let sepY = 0;
      for (let oy = yOff0; oy <= yOff1; oy++) {
        const ry = (cby + oy + by) % by;
        for (let ox = xOff0; ox <= xOff1; ox++) {
          const nb = ry * bx + ((cbx + ox + bx) % bx);
          const end = nb + 2 <= bx * by ? start[nb + 2]! : n;
          for (let q = start[nb + 1]!; q < end; q++) {
            const j = items[q]!;
            if (j === i) continue;
            let dx = x[j]! - xi;
            let dy = y[j]! - yi;
            if (dx > halfW) dx -= W;
            else if (dx < -halfW) dx += W;
            if (dy > halfH) dy -= H;
            else if (dy < -halfH) dy += H;
            const d2 = dx * dx + dy * dy;
            if (d2 >= per2) continue;
            cnt++;
            sumVx += vx[j]!;
            sumVy += vy[j]!;
            sumDx += dx;
            sumDy += dy;
            if (d2 < sep2 && d2 > 1e-9) {
              sepX -= dx / d2;
              sepY -= dy / d2;
            }
          }
        }
      }
      let ax = 0;
      let ay = 0;
      if (cnt > 0) {
        ax += (sumVx / cnt - vx[i]!) * 0.1 * p.ali_weight + (sumDx / cnt) * 0.01 * p.coh_weight + sepX * p.sep_weight;
        ay += (sumVy / cnt - vy[i]!) * 0.1 * p.ali_weight + (sumDy / cnt) * 0.01 * p.coh_weight + sepY * p.sep_weight;
      }
      if (pushK > 0) {
        const ox = xi - halfW;
        const oy = yi - halfH;
        const d = Math.sqrt(ox * ox + oy * oy) || 1;
        ax += (ox / d) * pushK;
        ay += (oy / d) * pushK;
      }
      let nx = vx[i]! + ax;
      let ny = vy[i]! + ay;
      const sp = Math.sqrt(nx * nx + ny * ny);
      if (sp > max) {
        nx *= max / sp;
        ny *= max / sp;
      }
      nvx[i] = nx;
      nvy[i] = ny;
    }

    const cols = grid.cols;
    const rows = grid.rows;
    for (let i = 0; i < n; i++) {
      vx[i] = nvx[i]!;
      vy[i] = nvy[i]!;
      let nx = x[i]! + vx[i]!;
      let ny = y[i]! + vy[i]!;
      nx -= Math.floor(nx / W) * W;
      ny -= Math.floor(ny / H) * H;
      x[i] = nx;
      y[i] = ny;
      // Rounding to float32 can land exactly on W or H: keep the half-open interval.
      if (x[i]! >= W) x[i] = 0;
      if (y[i]! >= H) y[i] = 0;
      const c = Math.min(cols - 1, Math.floor(x[i]! * k));
      const r = Math.min(rows - 1, Math.floor(y[i]!));
      cell[i] = r * cols + c;
    }
    st.trails.record(pool);
    if (ctx.replaying) return;

    const ramp = st.ramp.set(p.hue, 0.3, 0.8, 0.5, 0.5);
    for (let i = 0; i < n; i++) {
      const at = cell[i]!;
      layer.glyphs[at] = pool.glyph[i]!;
      ramp.put(layer.colors, at, Math.sqrt(vx[i]! * vx[i]! + vy[i]! * vy[i]!) / max);
    }
    if (p.trail > 0) st.trails.draw(layer, grid, p.trail_fade);
  },
});
