import { describe, expect, it } from '@jest/globals';
import { createGeometry, type GridGeometry } from '@glyphreel/core';
import { isLatticeGrid } from './axes.js';

/** A geometry whose coordinate fields are copies, one entry changed: a grid that is not a plain lattice. */
function altered(field: 'col' | 'row', at: number): GridGeometry {
  const g = createGeometry({ rows: 7, cols: 9 });
  const copy = Float32Array.from(g[field]);
  copy[at] = copy[at]! + 1;
  return { ...g, [field]: copy };
}

describe('isLatticeGrid', () => {
  it('is true for a plain grid and false when any cell, the last included, is elsewhere', () => {
    expect(isLatticeGrid(createGeometry({ rows: 7, cols: 9 }))).toBe(true);
    expect(isLatticeGrid(createGeometry({ rows: 1, cols: 1 }))).toBe(true);
    for (const at of [0, 8, 9, 31, 62]) {
      expect(isLatticeGrid(altered('col', at))).toBe(false);
      expect(isLatticeGrid(altered('row', at))).toBe(false);
    }
  });

  it('reads fields that are views into a larger or shared buffer, and refuses fields of the wrong length', () => {
    const g = createGeometry({ rows: 5, cols: 6 });
    const offsetView = (f: Float32Array) => {
      const big = new Float32Array(new SharedArrayBuffer((f.length + 3) * 4), 12, f.length);
      big.set(f);
      return big;
    };
    expect(isLatticeGrid({ ...g, col: offsetView(g.col), row: offsetView(g.row) })).toBe(true);
    expect(isLatticeGrid({ ...g, col: g.col.subarray(0, 29) })).toBe(false);
    // −0 for 0 is a value-equal lattice, but the byte check is stricter: the per-cell path then runs, still correct.
    const negZero = Float32Array.from(g.col);
    negZero[6] = -0;
    expect(isLatticeGrid({ ...g, col: negZero })).toBe(false);
  });
});
