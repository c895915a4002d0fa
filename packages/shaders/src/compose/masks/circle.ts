import { defineMask, type Field, type GridGeometry } from '@glyphreel/core';
import { checkMask, clamp01 } from './common.js';

/**
 * mask_circle: normalized cell coordinates x = c/cols, y = r/rows, with the cell aspect cw/ch applied to dy as in the
 * reference (so circles are round on screen for the usual 1:2 cells); soft edge clamp(1 − (d − radius)/feather), a
 * hard edge when feather = 0.
 */
export function maskCircle(
  out: Field,
  grid: GridGeometry,
  cxFrac = 0.5,
  cyFrac = 0.5,
  radius = 0.3,
  feather = 0.05,
): Field {
  checkMask(out, grid, 'mask circle');
  const { rows, cols, cellAspect } = grid;
  for (let r = 0, i = 0; r < rows; r++) {
    const dy = (r / rows - cyFrac) * cellAspect;
    for (let c = 0; c < cols; c++, i++) {
      const dx = c / cols - cxFrac;
      const d = Math.sqrt(dx * dx + dy * dy);
      out[i] = feather > 0 ? clamp01(1 - (d - radius) / feather) : d <= radius ? 1 : 0;
    }
  }
  return out;
}

export const circleMask = defineMask({
  name: 'circle',
  description: 'A disc with a feathered edge (1 inside)',
  params: {
    cx_frac: { type: 'number', default: 0.5, min: -1, max: 2, description: 'centre x as a fraction of the width' },
    cy_frac: { type: 'number', default: 0.5, min: -1, max: 2, description: 'centre y as a fraction of the height' },
    radius: { type: 'number', default: 0.3, min: 0, max: 4, description: 'radius in widths' },
    feather: { type: 'number', default: 0.05, min: 0, max: 1, description: 'soft edge width; 0 is a hard edge' },
  },
  fill(out, grid, _ctx, p) {
    maskCircle(out, grid, p.cx_frac, p.cy_frac, p.radius, p.feather);
  },
});
