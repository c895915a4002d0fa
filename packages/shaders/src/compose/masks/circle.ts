import { defineMask, type Field, type GridGeometry } from '@glyphreel/core';
import { checkMask, clamp01 } from './common.js';

/**
 * mask_circle: distances as fractions of the frame width in pixels, so the circle is round on screen:
 * dx = c/cols − cx, dy = (r/rows − cy)·(rows·ch)/(cols·cw) = (r/rows − cy)·rows/(cols·cellAspect); soft edge
 * clamp(1 − (d − radius)/feather), a hard edge when feather = 0. The reference multiplies dy by cw/ch instead
 * (catalog 9.1 item 6), which with 1:2 cells and a 16:9 frame draws the circle ~3.5× taller than wide; see the
 * README's masks decision.
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
  const ky = rows / (cols * cellAspect);
  for (let r = 0, i = 0; r < rows; r++) {
    const dy = (r / rows - cyFrac) * ky;
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
    radius: { type: 'number', default: 0.3, min: 0, max: 4, description: 'radius as a fraction of the frame width' },
    feather: { type: 'number', default: 0.05, min: 0, max: 1, description: 'soft edge width; 0 is a hard edge' },
  },
  fill(out, grid, _ctx, p) {
    maskCircle(out, grid, p.cx_frac, p.cy_frac, p.radius, p.feather);
  },
});
