import { CHARS_FLOW, defineCellEffect, GlyphreelError, type Field, type FrameContext, type GridGeometry } from '@glyphreel/core';
import { resolveCharSet } from '../common.js';
import { particleCap, STRETCH_PARAM, systemState, TRAIL_PARAMS } from './system.js';

const FIELDS = ['sine', 'noise', 'vortex', 'state'] as const;
type FieldKind = (typeof FIELDS)[number];

interface FlowField {
  gridId: string;
  field: Field;
  /** Per-column and per-row factors of the separable sine field. */
  colA: Float32Array;
  colB: Float32Array;
  rowA: Float32Array;
}

/**
 * Flow-field particles (catalog 2.5 `update_flow_particles`). Effects cannot look entries up in the registry, so the
 * field is either built in (`sine`, `noise`, `vortex`: simple animated value fields computed here) or, with
 * `field: "state"`, any Float32Array of rows·cols values that the scene puts in the layer state under `state_key`
 * before drawing (e.g. the output of a registered value effect). Up to emit_rate particles are emitted per frame until
 * `count` are alive; the gradient comes from central differences with wrap-around; v = damping·v + 10·speed·∇field;
 * x advances by stretch·vx; positions wrap; life drains linearly; colour `color`·life.
 */
export const flow = defineCellEffect({
  name: 'flow',
  description: 'Particles following the gradient of a value field (catalog 2.5)',
  params: {
    count: { type: 'integer', default: 500, min: 1, max: 5000, description: 'particles alive at most' },
    speed: { type: 'number', default: 1, min: 0, max: 20 },
    damping: { type: 'number', default: 0.9, min: 0, max: 1, description: 'velocity kept per frame' },
    life_drain: { type: 'number', default: 0.005, min: 0.0001, max: 1 },
    emit_rate: { type: 'integer', default: 10, min: 0, max: 5000, description: 'particles emitted per frame at most' },
    field: { type: 'enum', values: FIELDS, default: 'sine' as FieldKind, description: 'built-in field, or "state" for a scene-supplied one' },
    state_key: { type: 'string', default: 'flow_field', nonEmpty: true, description: 'layer-state key of the field for field "state"' },
    scale: { type: 'number', default: 1, min: 0.05, max: 20, description: 'spatial scale of the built-in fields' },
    char_set: { type: 'string', default: CHARS_FLOW, nonEmpty: true, description: 'particle set name or glyphs' },
    color: { type: 'color', default: [200, 180, 255] },
    ...STRETCH_PARAM,
    ...TRAIL_PARAMS,
  },
  draw(layer, grid, ctx, p) {
    const cap = particleCap(ctx.budget.particlesMax, undefined, p.count);
    const st = systemState(ctx, 'particles:flow', grid, cap, p.trail);
    const pool = st.pool;
    const rng = ctx.rng;
    const rows = grid.rows;
    const cols = grid.cols;
    const field = flowField(ctx, grid, p.field, p.state_key, p.scale);

    const room = cap - pool.count;
    const emit = Math.min(room, p.emit_rate);
    if (emit > 0) {
      const glyphs = grid.glyphIds(resolveCharSet(p.char_set));
      const { start, count } = pool.spawn(emit);
      for (let i = start; i < start + count; i++) {
        pool.x[i] = rng.next() * cols;
        pool.y[i] = rng.next() * rows;
        pool.vx[i] = 0;
        pool.vy[i] = 0;
        pool.life[i] = 1;
        pool.glyph[i] = glyphs[Math.floor(rng.next() * glyphs.length)]!;
      }
    }

    const { x, y, vx, vy, life, cell } = pool;
    const k = 10 * p.speed;
    for (let i = 0; i < pool.count; i++) {
      const c = Math.floor(x[i]!);
      const r = Math.floor(y[i]!);
      const row = r * cols;
      const cl = c === 0 ? cols - 1 : c - 1;
      const cr = c === cols - 1 ? 0 : c + 1;
      const ru = (r === 0 ? rows - 1 : r - 1) * cols;
      const rd = (r === rows - 1 ? 0 : r + 1) * cols;
      const gx = (field[row + cr]! - field[row + cl]!) * 0.5;
      const gy = (field[rd + c]! - field[ru + c]!) * 0.5;
      vx[i] = p.damping * vx[i]! + k * gx;
      vy[i] = p.damping * vy[i]! + k * gy;
      let nx = x[i]! + p.stretch * vx[i]!;
      let ny = y[i]! + vy[i]!;
      nx -= Math.floor(nx / cols) * cols;
      ny -= Math.floor(ny / rows) * rows;
      x[i] = nx;
      y[i] = ny;
      if (x[i]! >= cols) x[i] = 0;
      if (y[i]! >= rows) y[i] = 0;
      life[i] -= p.life_drain;
    }
    pool.cullDead();
    for (let i = 0; i < pool.count; i++) cell[i] = Math.floor(y[i]!) * cols + Math.floor(x[i]!);
    st.trails.record(pool);
    if (ctx.replaying) return;

    const [cr0, cg0, cb0] = p.color;
    const colors = layer.colors;
    for (let i = 0; i < pool.count; i++) {
      const at = cell[i]!;
      const l = life[i]!;
      layer.glyphs[at] = pool.glyph[i]!;
      const o = at * 3;
      colors[o] = (cr0 * l) | 0;
      colors[o + 1] = (cg0 * l) | 0;
      colors[o + 2] = (cb0 * l) | 0;
    }
    if (p.trail > 0) st.trails.draw(layer, grid, p.trail_fade);
  },
});

/** The field for this frame: a scene-supplied one, or a built-in one filled into a buffer kept in the layer state. */
function flowField(ctx: FrameContext, grid: GridGeometry, kind: FieldKind, stateKey: string, scale: number): Field {
  const n = grid.rows * grid.cols;
  if (kind === 'state') {
    const f = ctx.state[stateKey];
    if (!(f instanceof Float32Array) || f.length !== n) {
      throw new GlyphreelError(
        'E_PARAM',
        `effects/flow: field "state" needs a Float32Array of ${grid.rows}×${grid.cols} = ${n} values in the layer state under "${stateKey}", found ${f instanceof Float32Array ? `one of length ${f.length}` : typeof f}`,
        { hint: 'fill ctx.state[state_key] with a value field of this grid before the flow layer draws, or use a built-in field' },
      );
    }
    return f;
  }
  let s = ctx.state['flow:field'] as FlowField | undefined;
  if (!s || s.gridId !== grid.id || s.field.length !== n) {
    s = { gridId: grid.id, field: new Float32Array(n), colA: new Float32Array(grid.cols), colB: new Float32Array(grid.cols), rowA: new Float32Array(grid.rows) };
    ctx.state['flow:field'] = s;
  }
  const out = s.field;
  const t = ctx.t;
  const rows = grid.rows;
  const cols = grid.cols;
  const inv = 1 / scale;
  if (kind === 'sine') {
    // 0.5 + 0.25·sin(0.07c + 0.6t) + 0.25·cos(0.13r − 0.4t)·cos(0.031c + 0.2t): separable, so rows + cols trig calls.
    const { colA, colB, rowA } = s;
    for (let c = 0; c < cols; c++) {
      colA[c] = 0.5 + 0.25 * Math.sin(c * 0.07 * inv + t * 0.6);
      colB[c] = 0.25 * Math.cos(c * 0.031 * inv + t * 0.2);
    }
    for (let r = 0; r < rows; r++) rowA[r] = Math.cos(r * 0.13 * inv - t * 0.4);
    for (let r = 0, i = 0; r < rows; r++) {
      const yr = rowA[r]!;
      for (let c = 0; c < cols; c++, i++) out[i] = colA[c]! + yr * colB[c]!;
    }
  } else if (kind === 'vortex') {
    const { angle, dist } = grid;
    for (let i = 0; i < n; i++) out[i] = 0.5 + 0.5 * Math.sin(2 * angle[i]! + dist[i]! * 0.15 * inv - t);
  } else {
    // Two octaves of value noise, drifting with t.
    const drift = t * 0.3;
    for (let r = 0, i = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++, i++) {
        const u = (c * inv) / 12 + drift;
        const v = (r * inv) / 6;
        out[i] = 0.65 * valueNoise(u, v) + 0.35 * valueNoise(u * 2.1 + 17.3, v * 2.1 - drift);
      }
    }
  }
  return out;
}

function hash2(ix: number, iy: number): number {
  let h = Math.imul(ix, 0x27d4eb2d) ^ Math.imul(iy, 0x165667b1);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) / 4294967296;
}

/** Smooth value noise in [0, 1). */
function valueNoise(x: number, y: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = x - ix;
  const fy = y - iy;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const a = hash2(ix, iy);
  const b = hash2(ix + 1, iy);
  const c = hash2(ix, iy + 1);
  const d = hash2(ix + 1, iy + 1);
  return a + (b - a) * sx + (c - a) * sy + (a - b - c + d) * sx * sy;
}
