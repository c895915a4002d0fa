import type { GridGeometry } from '@glyphreel/core';
import { isTransformedGrid } from './transforms/tgrid.js';

const lattice = new WeakMap<object, boolean>();

/**
 * True when grid.col[i] = i mod cols and grid.row[i] = ⌊i / cols⌋, i.e. a plain (untransformed) grid. Then any term
 * f(cc)·g(rr), or sin(a·cc + b·rr + c) through the angle-addition identity, can be computed from one value per
 * column and one per row instead of one trig call per cell; fields use that fast path and fall back to per-cell
 * evaluation for transformed grids. Checked once per grid object (coordinate caches are immutable).
 */
export function isLatticeGrid(grid: GridGeometry): boolean {
  let v = lattice.get(grid);
  if (v !== undefined) return v;
  v = !isTransformedGrid(grid);
  if (v) {
    const { col, row, cols } = grid;
    const n = grid.rows * cols;
    for (let i = 0; i < n && v; i++) {
      const r = Math.floor(i / cols);
      if (col[i] !== i - r * cols || row[i] !== r) v = false;
    }
  }
  lattice.set(grid, v);
  return v;
}
