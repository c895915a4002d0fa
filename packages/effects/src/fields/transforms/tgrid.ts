import type { Field, GridGeometry } from '@glyphreel/core';

/** A grid whose coordinates were replaced by a transform; every value effect accepts it in place of its base grid. */
export interface TransformedGrid extends GridGeometry {
  /** The grid the coordinates were derived from. */
  readonly base: GridGeometry;
}

const TRANSFORMED = new WeakSet<object>();

/** True for grids made by transformedGrid (their coordinates may change from frame to frame under one id). */
export function isTransformedGrid(grid: object): boolean {
  return TRANSFORMED.has(grid);
}

/**
 * The reference's `make_tgrid(g, cc', rr')`: the same rows/cols and glyph resolver, with `col`/`row` replaced and
 * the derived fields recomputed from them in the base grid's convention, round on screen (core README, Decisions):
 * dx = cc' − cols/2, dy = (rr' − rows/2)/cellAspect, dist = √(dx²+dy²), angle = atan2(dy, dx), dxN = dx/cols,
 * dyN = dy/cols, distN = dist/cols. The identity transform therefore gives back the grid's own fields. (The reference
 * uses no cell aspect and distN = dist / max(cx, cy), so a radial effect seen through a transform came out as an oval
 * of a different size than without one.)
 *
 * Pass the grid returned by a previous call as `reuse` to refill its buffers in place (no allocation per frame).
 * Its id is the base id + "~t", so simulations keep one state per transformed layer.
 */
export function transformedGrid(grid: GridGeometry, col: Field, row: Field, reuse?: TransformedGrid): TransformedGrid {
  const base = isTransformedGrid(grid) ? (grid as TransformedGrid).base : grid;
  const n = grid.rows * grid.cols;
  if (col.length !== n || row.length !== n) {
    throw new RangeError(`transformedGrid: coordinate fields need ${n} cells (${grid.rows}×${grid.cols}), got ${col.length} and ${row.length}`);
  }
  const out: TransformedGrid =
    reuse && reuse.rows === grid.rows && reuse.cols === grid.cols
      ? reuse
      : {
          ...base,
          id: `${grid.id}~t`,
          base,
          rows: grid.rows,
          cols: grid.cols,
          glyphIds: base.glyphIds,
          row: new Float32Array(n),
          col: new Float32Array(n),
          dx: new Float32Array(n),
          dy: new Float32Array(n),
          dist: new Float32Array(n),
          angle: new Float32Array(n),
          dxN: new Float32Array(n),
          dyN: new Float32Array(n),
          distN: new Float32Array(n),
        };
  TRANSFORMED.add(out);
  const cx = grid.cols / 2;
  const cy = grid.rows / 2;
  const ky = 1 / base.cellAspect;
  const invCols = 1 / Math.max(grid.cols, 1);
  const { dx, dy, dist, angle, dxN, dyN, distN } = out;
  if (out.col !== col) out.col.set(col);
  if (out.row !== row) out.row.set(row);
  for (let i = 0; i < n; i++) {
    const x = col[i] - cx;
    const y = (row[i] - cy) * ky;
    const d = Math.sqrt(x * x + y * y);
    dx[i] = x;
    dy[i] = y;
    dist[i] = d;
    distN[i] = d * invCols;
    angle[i] = Math.atan2(y, x);
    dxN[i] = x * invCols;
    dyN[i] = y * invCols;
  }
  return out;
}
