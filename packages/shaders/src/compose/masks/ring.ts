import { defineMask, type Field, type GridGeometry } from '@glyphreel/core';
import { maskCircle } from './circle.js';
import { checkMask } from './common.js';

const inner = new WeakMap<Field, Field>();

/** mask_ring = clamp(outer circle − inner circle), both with the same feather. */
export function maskRing(out: Field, grid: GridGeometry, cxFrac = 0.5, cyFrac = 0.5, innerR = 0.15, outerR = 0.35, feather = 0.03): Field {
  checkMask(out, grid, 'mask ring');
  let hole = inner.get(out);
  if (!hole || hole.length !== out.length) {
    hole = new Float32Array(out.length);
    inner.set(out, hole);
  }
  maskCircle(out, grid, cxFrac, cyFrac, outerR, feather);
  maskCircle(hole, grid, cxFrac, cyFrac, innerR, feather);
  for (let i = 0; i < out.length; i++) {
    const v = (out[i] as number) - (hole[i] as number);
    out[i] = v < 0 ? 0 : v;
  }
  return out;
}

export const ringMask = defineMask({
  name: 'ring',
  description: 'An annulus: outer circle minus inner circle',
  params: {
    cx_frac: { type: 'number', default: 0.5, min: -1, max: 2 },
    cy_frac: { type: 'number', default: 0.5, min: -1, max: 2 },
    inner_r: { type: 'number', default: 0.15, min: 0, max: 4 },
    outer_r: { type: 'number', default: 0.35, min: 0, max: 4 },
    feather: { type: 'number', default: 0.03, min: 0, max: 1 },
  },
  fill(out, grid, _ctx, p) {
    maskRing(out, grid, p.cx_frac, p.cy_frac, p.inner_r, p.outer_r, p.feather);
  },
});
