import { defineTransform } from '@glyphreel/core';
import { num } from '../schema.js';

/**
 * `uv_rotate_raw`: rotates (cc, rr) about (cx, cy) by `angle` radians, one angle for all or one per cell.
 * No aspect correction, as the reference. `outCol`/`outRow` may alias `cc`/`rr`.
 */
export function rotateRaw(
  outCol: Float32Array,
  outRow: Float32Array,
  cc: Float32Array,
  rr: Float32Array,
  cx: number,
  cy: number,
  angle: number | Float32Array,
): void {
  const n = outCol.length;
  if (typeof angle === 'number') {
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    for (let i = 0; i < n; i++) {
      const dx = cc[i] - cx;
      const dy = rr[i] - cy;
      outCol[i] = cx + dx * c - dy * s;
      outRow[i] = cy + dx * s + dy * c;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const a = angle[i];
    const c = Math.cos(a);
    const s = Math.sin(a);
    const dx = cc[i] - cx;
    const dy = rr[i] - cy;
    outCol[i] = cx + dx * c - dy * s;
    outRow[i] = cy + dx * s + dy * c;
  }
}

/** `uv_rotate`: rotation about the grid centre by angle + speed·t radians. */
export const rotate = defineTransform({
  name: 'rotate',
  description: 'Rotate coordinates about the grid centre',
  params: {
    angle: num(0, -1000, 1000, 'rotation in radians'),
    speed: num(0, -100, 100, 'added rotation in radians per second'),
  },
  apply(outCol, outRow, grid, ctx, p) {
    rotateRaw(outCol, outRow, grid.col, grid.row, grid.cols / 2, grid.rows / 2, p.angle + p.speed * ctx.t);
  },
});
