import type { SdfGrid } from './primitives.js';

/** Boolean union: min(d1, d2). `out` may alias either input. */
export function sdfUnion(out: Float32Array, d1: Float32Array, d2: Float32Array): Float32Array {
  for (let i = 0; i < out.length; i++) out[i] = Math.min(d1[i], d2[i]);
  return out;
}

/** Boolean intersection: max(d1, d2). */
export function sdfIntersect(out: Float32Array, d1: Float32Array, d2: Float32Array): Float32Array {
  for (let i = 0; i < out.length; i++) out[i] = Math.max(d1[i], d2[i]);
  return out;
}

/** d1 minus d2: max(d1, −d2). */
export function sdfSubtract(out: Float32Array, d1: Float32Array, d2: Float32Array): Float32Array {
  for (let i = 0; i < out.length; i++) out[i] = Math.max(d1[i], -d2[i]);
  return out;
}

/** Polynomial smooth-min: h = clamp(0.5 + 0.5(d2−d1)/k); d2(1−h) + d1·h − k·h(1−h). */
export function sdfSmoothUnion(out: Float32Array, d1: Float32Array, d2: Float32Array, k = 0.1): Float32Array {
  for (let i = 0; i < out.length; i++) {
    const a = d1[i];
    const b = d2[i];
    let h = 0.5 + (0.5 * (b - a)) / k;
    h = h < 0 ? 0 : h > 1 ? 1 : h;
    out[i] = b * (1 - h) + a * h - k * h * (1 - h);
  }
  return out;
}

/** smooth_union(d1, −d2, k), as the reference defines it. */
export function sdfSmoothSubtract(out: Float32Array, d1: Float32Array, d2: Float32Array, k = 0.1): Float32Array {
  for (let i = 0; i < out.length; i++) {
    const a = d1[i];
    const b = -d2[i];
    let h = 0.5 + (0.5 * (b - a)) / k;
    h = h < 0 ? 0 : h > 1 ? 1 : h;
    out[i] = b * (1 - h) + a * h - k * h * (1 - h);
  }
  return out;
}

/** Scratch coordinates for sdfRepeat, reused across calls of the same size. */
const repeatScratch = new WeakMap<
  Float32Array,
  { col: Float32Array; row: Float32Array; grid: { rows: number; cols: number; col: Float32Array; row: Float32Array; cellAspect?: number } }
>();

/**
 * `sdf_repeat`: tiles a primitive with spacing (normalized units) by evaluating it on a modular pseudo-grid:
 * cc' = ((cc/cols) mod sx − sx/2)·cols, rr' likewise (floor modulo, as Python's %). As in the reference, tile
 * coordinates run over [−s/2, s/2), so a primitive centred at 0 sits in the middle of every tile. A spacing ≤ 0
 * leaves that axis untiled.
 */
export function sdfRepeat<O>(
  out: Float32Array,
  g: SdfGrid,
  primitive: (out: Float32Array, g: SdfGrid, options?: O) => Float32Array,
  spacingX = 0.25,
  spacingY = 0.25,
  options?: O,
): Float32Array {
  let s = repeatScratch.get(out);
  if (!s || s.col.length !== out.length) {
    const c = new Float32Array(out.length);
    const r = new Float32Array(out.length);
    s = { col: c, row: r, grid: { rows: g.rows, cols: g.cols, col: c, row: r } };
    repeatScratch.set(out, s);
  }
  const { col, row, cols, rows } = g;
  s.grid.rows = rows;
  s.grid.cols = cols;
  s.grid.cellAspect = g.cellAspect; // the tiles keep the frame's pixel aspect (round circles)
  for (let i = 0; i < out.length; i++) {
    const u = col[i] / cols;
    const v = row[i] / rows;
    s.col[i] = spacingX > 0 ? (u - Math.floor(u / spacingX) * spacingX - spacingX / 2) * cols : col[i];
    s.row[i] = spacingY > 0 ? (v - Math.floor(v / spacingY) * spacingY - spacingY / 2) * rows : row[i];
  }
  return primitive(out, s.grid, options);
}

/**
 * `sdf_render`: 1 − clamp(d/edge_width) — the inside (d < 0) is bright. The reference's docstring says the opposite
 * ("invert: True = bright inside") while its code is reversed; the code's behaviour is kept: invert = false gives a
 * bright inside, invert = true gives clamp(d/edge_width), a bright outside.
 */
export function sdfRender(out: Float32Array, d: Float32Array, edgeWidth = 1.5, invert = false): Float32Array {
  const inv = 1 / edgeWidth;
  for (let i = 0; i < out.length; i++) {
    let v = d[i] * inv;
    v = v < 0 ? 0 : v > 1 ? 1 : v;
    out[i] = invert ? v : 1 - v;
  }
  return out;
}

/** `sdf_glow`: e^(−|d|·falloff), bright at the boundary and fading both ways. */
export function sdfGlow(out: Float32Array, d: Float32Array, falloff = 0.05): Float32Array {
  for (let i = 0; i < out.length; i++) {
    const v = Math.exp(-Math.abs(d[i]) * falloff);
    out[i] = v > 1 ? 1 : v;
  }
  return out;
}
