import { hash2d } from './hash.js';

/**
 * A table of lattice hashes covering a box of integer points. Value noise reads four corners per sample; hashing
 * them per sample would cost ~20 hashes per cell for fBm, so the hashes of every lattice point a field touches are
 * computed once into this table and reused across frames while the sampled box stays inside it (the box drifts
 * slowly with time, so a margin makes most frames reuse the table untouched).
 */
export class HashLattice {
  table = new Float32Array(0);
  x0 = 0;
  y0 = 0;
  w = 0;
  h = 0;

  /**
   * Makes sure lattice points [ix0, ix1]×[iy0, iy1] are in the table (ix1/iy1 inclusive). Returns false, leaving the
   * table as it was, when the box has more than `maxPoints` points (very high frequencies): the caller then hashes
   * per sample instead.
   */
  cover(ix0: number, iy0: number, ix1: number, iy1: number, maxPoints = Infinity): boolean {
    if (ix0 >= this.x0 && iy0 >= this.y0 && ix1 < this.x0 + this.w && iy1 < this.y0 + this.h) return true;
    if (!((ix1 - ix0 + 1) * (iy1 - iy0 + 1) <= maxPoints)) return false;
    const mx = Math.max(4, (ix1 - ix0) >> 2);
    const my = Math.max(4, (iy1 - iy0) >> 2);
    const x0 = ix0 - mx;
    const y0 = iy0 - my;
    const w = ix1 - ix0 + 1 + 2 * mx;
    const h = iy1 - iy0 + 1 + 2 * my;
    if (this.table.length < w * h) this.table = new Float32Array(w * h);
    const t = this.table;
    for (let j = 0, k = 0; j < h; j++) {
      for (let i = 0; i < w; i++, k++) t[k] = hash2d(x0 + i, y0 + j);
    }
    this.x0 = x0;
    this.y0 = y0;
    this.w = w;
    this.h = h;
    return true;
  }
}
