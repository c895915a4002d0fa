import { GlyphreelError, type Field, type GridGeometry } from '@glyphreel/core';

export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

export function checkMask(out: Field, grid: Pick<GridGeometry, 'rows' | 'cols'>, what: string): void {
  if (out.length !== grid.rows * grid.cols) {
    throw new GlyphreelError('E_PARAM', `${what}: mask has ${out.length} values, the grid has ${grid.rows}×${grid.cols} cells`);
  }
}

export function checkSameLength(what: string, ...fields: ArrayLike<number>[]): void {
  const n = fields[0]?.length ?? 0;
  for (const f of fields) {
    if (f.length !== n) throw new GlyphreelError('E_PARAM', `${what}: fields have different lengths (${fields.map((x) => x.length).join(', ')})`);
  }
}

/** Progress of an animated mask: clamp((t − t_start)/(t_end − t_start)); a zero-length span is a step at t_end. */
export function maskProgress(t: number, tStart: number, tEnd: number): number {
  if (tEnd <= tStart) return t >= tEnd ? 1 : 0;
  return clamp01((t - tStart) / (tEnd - tStart));
}

/** Linear position of a cell along an axis of n cells, 0 at the first and 1 at the last (numpy linspace). */
export const linspace01 = (i: number, n: number): number => (n > 1 ? i / (n - 1) : 0);
