import type { GridGeometry } from '@glyphreel/core';

/**
 * Signed-distance primitives (negative inside, positive outside) written into a rows·cols field. Coordinates are
 * normalized to [0,1] (x = cc/cols, y = rr/rows) and x is scaled by the frame's pixel aspect (cols·cw)/(rows·ch) =
 * (cols/rows)·cellAspect, so distances are fractions of the frame height in pixels and a circle is round on screen.
 * The reference scales x by cols/rows only (grid aspect, catalog 9.1 item 6), which with 1:2 cells draws circles
 * twice as tall as wide; see the README's Decisions. Only rows, cols, col, row and cellAspect are read (cellAspect
 * absent = square cells), so a pseudo-grid (sdfRepeat) or a transformed grid works too.
 */
export type SdfGrid = Pick<GridGeometry, 'rows' | 'cols' | 'col' | 'row'> & { readonly cellAspect?: number };

/** The x scale of the normalized SDF frame: the frame's width over its height, in pixels. */
export function sdfAspect(g: Pick<SdfGrid, 'rows' | 'cols' | 'cellAspect'>): number {
  return (g.cols / g.rows) * (g.cellAspect ?? 1);
}

export interface CircleOptions { cx?: number; cy?: number; radius?: number }
export interface BoxOptions { cx?: number; cy?: number; w?: number; h?: number; round_r?: number }
export interface RingOptions { cx?: number; cy?: number; radius?: number; thickness?: number }
export interface LineOptions { x0?: number; y0?: number; x1?: number; y1?: number; thickness?: number }
export interface TriangleOptions { cx?: number; cy?: number; size?: number }
export interface StarOptions { cx?: number; cy?: number; n_points?: number; outer_r?: number; inner_r?: number }
export interface HeartOptions { cx?: number; cy?: number; size?: number }

export function sdfCircle(out: Float32Array, g: SdfGrid, o: CircleOptions = {}): Float32Array {
  const { cx = 0.5, cy = 0.5, radius = 0.3 } = o;
  const { col, row, cols, rows } = g;
  const asp = sdfAspect(g);
  for (let i = 0; i < out.length; i++) {
    const dx = (col[i] / cols - cx) * asp;
    const dy = row[i] / rows - cy;
    out[i] = Math.sqrt(dx * dx + dy * dy) - radius;
  }
  return out;
}

export function sdfBox(out: Float32Array, g: SdfGrid, o: BoxOptions = {}): Float32Array {
  const { cx = 0.5, cy = 0.5, w = 0.3, h = 0.2, round_r = 0 } = o;
  const { col, row, cols, rows } = g;
  const asp = sdfAspect(g);
  for (let i = 0; i < out.length; i++) {
    const dx = Math.abs(col[i] / cols - cx) * asp - w + round_r;
    const dy = Math.abs(row[i] / rows - cy) - h + round_r;
    const ox = dx > 0 ? dx : 0;
    const oy = dy > 0 ? dy : 0;
    const inside = Math.min(Math.max(dx, dy), 0);
    out[i] = Math.sqrt(ox * ox + oy * oy) + inside - round_r;
  }
  return out;
}

export function sdfRing(out: Float32Array, g: SdfGrid, o: RingOptions = {}): Float32Array {
  const { thickness = 0.03 } = o;
  sdfCircle(out, g, o);
  for (let i = 0; i < out.length; i++) out[i] = Math.abs(out[i]) - thickness;
  return out;
}

export function sdfLine(out: Float32Array, g: SdfGrid, o: LineOptions = {}): Float32Array {
  const { x0 = 0.2, y0 = 0.5, x1 = 0.8, y1 = 0.5, thickness = 0.01 } = o;
  const { col, row, cols, rows } = g;
  const asp = sdfAspect(g);
  const bx = (x1 - x0) * asp;
  const by = y1 - y0;
  const inv = 1 / (bx * bx + by * by + 1e-10);
  for (let i = 0; i < out.length; i++) {
    const ax = (col[i] / cols) * asp - x0 * asp;
    const ay = row[i] / rows - y0;
    let h = (ax * bx + ay * by) * inv;
    h = h < 0 ? 0 : h > 1 ? 1 : h;
    const dx = ax - bx * h;
    const dy = ay - by * h;
    out[i] = Math.sqrt(dx * dx + dy * dy) - thickness;
  }
  return out;
}

export function sdfTriangle(out: Float32Array, g: SdfGrid, o: TriangleOptions = {}): Float32Array {
  const { cx = 0.5, cy = 0.5, size = 0.25 } = o;
  const { col, row, cols, rows } = g;
  const asp = sdfAspect(g);
  const k = Math.sqrt(3);
  for (let i = 0; i < out.length; i++) {
    let px = Math.abs(((col[i] / cols - cx) * asp) / size) - 1;
    let py = (row[i] / rows - cy) / size + 1 / k;
    if (px + k * py > 0) {
      const nx = (px - k * py) / 2;
      py = (-k * px - py) / 2;
      px = nx;
    }
    px = px < -2 ? -2 : px > 0 ? 0 : px;
    out[i] = -Math.sqrt(px * px + py * py) * Math.sign(py) * size;
  }
  return out;
}

export function sdfStar(out: Float32Array, g: SdfGrid, o: StarOptions = {}): Float32Array {
  const { cx = 0.5, cy = 0.5, n_points = 5, outer_r = 0.25, inner_r = 0.12 } = o;
  const { col, row, cols, rows } = g;
  const asp = sdfAspect(g);
  const wedge = (2 * Math.PI) / n_points;
  for (let i = 0; i < out.length; i++) {
    const px = (col[i] / cols - cx) * asp;
    const py = row[i] / rows - cy;
    const ang = Math.atan2(py, px);
    // Python's % is a floor modulo: the wedge phase is in [0, wedge).
    let m = ang % wedge;
    if (m < 0) m += wedge;
    const a = Math.abs(m - wedge / 2);
    let w = Math.cos(a * n_points) * 0.5 + 0.5;
    w = w < 0 ? 0 : w > 1 ? 1 : w;
    out[i] = Math.sqrt(px * px + py * py) - (inner_r + (outer_r - inner_r) * w);
  }
  return out;
}

/**
 * Heart, Inigo Quilez's exact SDF in the reference's frame (y up, tip at the origin, centre offset 0.3). The
 * reference's lower branch drops the sqrt(min(…))·sign(x − y) term for an unsigned distance to the line x + y = 1, so
 * its lower half is never "inside" (a hollow outline at small edge widths); the signed form is used here.
 */
export function sdfHeart(out: Float32Array, g: SdfGrid, o: HeartOptions = {}): Float32Array {
  const { cx = 0.5, cy = 0.45, size = 0.25 } = o;
  const { col, row, cols, rows } = g;
  const asp = sdfAspect(g);
  const r2 = Math.sqrt(2);
  for (let i = 0; i < out.length; i++) {
    const px = Math.abs(((col[i] / cols - cx) * asp) / size);
    const py = -(row[i] / rows - cy) / size + 0.3;
    let d: number;
    if (px + py > 1) {
      const ux = px - 0.25;
      const uy = py - 0.75;
      d = Math.sqrt(ux * ux + uy * uy) - r2 / 4;
    } else {
      const ay = py - 1;
      const m = 0.5 * Math.max(px + py, 0);
      const bx = px - m;
      const by = py - m;
      d = Math.sqrt(Math.min(px * px + ay * ay, bx * bx + by * by)) * Math.sign(px - py);
    }
    out[i] = d * size;
  }
  return out;
}
