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
  v = !isTransformedGrid(grid) && isLattice(grid);
  lattice.set(grid, v);
  return v;
}

/**
 * The lattice check with the byte comparisons and fills of the runtime (memcmp, memset) instead of a loop over every
 * cell: it runs once per grid, in a worker's first frame, where a 16 K-cell JavaScript loop ran unoptimized and then
 * made V8 compile it on-stack (2.5–10 ms of compiler time per worker). Bytes equal is stricter than `===` (−0 is not
 * 0): a grid that fails only that way takes the per-cell path, which is always right.
 */
function isLattice(grid: GridGeometry): boolean {
  const { col, row, cols, rows } = grid;
  if (col.length !== rows * cols || row.length !== rows * cols) return false;
  for (let c = 0; c < cols; c++) if (col[c] !== c) return false;
  const bytes = (f: Float32Array, r: number) => new Uint8Array(f.buffer, f.byteOffset + r * cols * 4, cols * 4);
  const firstCols = bytes(col, 0);
  const expectedRow = new Float32Array(cols);
  const expected = new Uint8Array(expectedRow.buffer);
  for (let r = 0; r < rows; r++) {
    if (r > 0 && Buffer.compare(bytes(col, r), firstCols) !== 0) return false;
    expectedRow.fill(r);
    if (Buffer.compare(bytes(row, r), expected) !== 0) return false;
  }
  return true;
}
