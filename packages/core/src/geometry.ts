import { GlyphreelError } from './errors.js';
import type { Field, GridGeometry } from './types.js';

export interface GeometryInput {
  id?: string;
  sizeKey?: string;
  rows: number;
  cols: number;
  cellWidthPx?: number;
  cellHeightPx?: number;
  offsetXPx?: number;
  offsetYPx?: number;
  frameWidthPx?: number;
  frameHeightPx?: number;
  /** Resolves text to glyph ids; defaults to `sequentialGlyphIds()` (for tests, benchmarks and headless use). */
  glyphIds?: (text: string) => Uint16Array;
}

/** The names of a geometry's cached coordinate fields, in a fixed order. */
export const GEOMETRY_FIELDS = ['row', 'col', 'dx', 'dy', 'dist', 'angle', 'dxN', 'dyN', 'distN'] as const;

/** A geometry's cached coordinate fields, e.g. computed on another thread (Float32Arrays over a SharedArrayBuffer). */
export type GeometryFields = Record<(typeof GEOMETRY_FIELDS)[number], Field>;

/**
 * Builds a GridGeometry with the cached coordinate fields of catalog 1.2, each a full rows×cols Float32Array
 * computed once (seed: "Coordinate Array Caching"), in the convention that keeps radial geometry round on screen
 * (README, Decisions): cx = cols/2, cy = rows/2, asp = cw/ch; dx = cc − cx, dy = (rr − cy)/asp (both in column widths),
 * dist = √(dx²+dy²), angle = atan2(dy, dx); dxN = dx/cols, dyN = dy/cols (fractions of the frame width),
 * distN = √(dxN²+dyN²). The reference multiplies dy by asp instead (catalog 9.1 item 6), which makes circles ~4×
 * taller than wide with 1:2 cells, contradicting catalog 9.4 item 38.
 * @glyphreel/grid uses this with real font metrics; effects' tests use it with made-up cell sizes.
 */
export function createGeometry(input: GeometryInput, fields?: GeometryFields): GridGeometry {
  const { rows, cols } = input;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows <= 0 || cols <= 0) {
    throw new GlyphreelError('E_PARAM', `A grid needs positive integer rows and cols, got ${rows}×${cols}`);
  }
  const cw = input.cellWidthPx ?? 10;
  const ch = input.cellHeightPx ?? 20;
  const asp = cw / ch;
  const n = rows * cols;
  // Fields computed elsewhere (another thread, for the same input) are taken as they are.
  const f = fields ?? geometryFields(rows, cols, asp);
  for (const k of GEOMETRY_FIELDS) {
    if (!(f[k] instanceof Float32Array) || f[k].length !== n) {
      throw new GlyphreelError('E_PARAM', `createGeometry: the precomputed field "${k}" must be a Float32Array of ${n} cells`);
    }
  }
  const frameWidthPx = input.frameWidthPx ?? cols * cw;
  const frameHeightPx = input.frameHeightPx ?? rows * ch;
  return {
    id: input.id ?? `${input.sizeKey ?? 'grid'}-${cols}x${rows}`,
    sizeKey: input.sizeKey ?? 'custom',
    rows,
    cols,
    cellWidthPx: cw,
    cellHeightPx: ch,
    offsetXPx: input.offsetXPx ?? Math.floor((frameWidthPx - cols * cw) / 2),
    offsetYPx: input.offsetYPx ?? Math.floor((frameHeightPx - rows * ch) / 2),
    frameWidthPx,
    frameHeightPx,
    cellAspect: asp,
    row: f.row,
    col: f.col,
    dx: f.dx,
    dy: f.dy,
    dist: f.dist,
    angle: f.angle,
    dxN: f.dxN,
    dyN: f.dyN,
    distN: f.distN,
    glyphIds: input.glyphIds ?? sequentialGlyphIds(),
  };
}

/** The coordinate fields of a rows × cols grid of cells with aspect `asp` = cw/ch (see createGeometry). */
export function geometryFields(rows: number, cols: number, asp: number): GeometryFields {
  const n = rows * cols;
  const row = new Float32Array(n);
  const col = new Float32Array(n);
  const dx = new Float32Array(n);
  const dy = new Float32Array(n);
  const dist = new Float32Array(n);
  const angle = new Float32Array(n);
  const dxN = new Float32Array(n);
  const dyN = new Float32Array(n);
  const distN = new Float32Array(n);
  const cx = cols / 2;
  const cy = rows / 2;
  // A row is 1/asp column widths tall: vertical offsets are stretched, not shrunk, so equal dist means equal pixels.
  const ky = 1 / asp;
  const invCols = 1 / cols;
  for (let r = 0, i = 0; r < rows; r++) {
    const y = (r - cy) * ky;
    const yn = y * invCols;
    for (let c = 0; c < cols; c++, i++) {
      row[i] = r;
      col[i] = c;
      const x = c - cx;
      dx[i] = x;
      dy[i] = y;
      dist[i] = Math.sqrt(x * x + y * y);
      angle[i] = Math.atan2(y, x);
      const xn = x * invCols;
      dxN[i] = xn;
      dyN[i] = yn;
      distN[i] = Math.sqrt(xn * xn + yn * yn);
    }
  }
  return { row, col, dx, dy, dist, angle, dxN, dyN, distN };
}

/**
 * A glyph-id resolver that numbers code points in order of first use (space = 0), cached per text. Ids are stable
 * for one resolver; `glyphOf(id)` maps back, which tests use to read a CellLayer as text.
 */
export function sequentialGlyphIds(): ((text: string) => Uint16Array) & { glyphOf(id: number): string } {
  const ids = new Map<string, number>([[' ', 0]]);
  const chars: string[] = [' '];
  const cache = new Map<string, Uint16Array>();
  const resolve = (text: string): Uint16Array => {
    let out = cache.get(text);
    if (out) return out;
    const cps = Array.from(text);
    out = new Uint16Array(cps.length);
    cps.forEach((c, k) => {
      let id = ids.get(c);
      if (id === undefined) {
        id = chars.length;
        ids.set(c, id);
        chars.push(c);
      }
      out![k] = id;
    });
    cache.set(text, out);
    return out;
  };
  return Object.assign(resolve, { glyphOf: (id: number) => chars[id] ?? '\uFFFD' });
}
