import { defineMask, type Field, type GridGeometry } from '@glyphreel/core';
import { checkMask, clamp01 } from './common.js';

/** mask_rect: Chebyshev distance outside [x0, x1]×[y0, y1] (x = c/cols, y = r/rows), soft edge clamp(1 − d/feather). */
export function maskRect(out: Field, grid: GridGeometry, x0 = 0.2, y0 = 0.2, x1 = 0.8, y1 = 0.8, feather = 0.03): Field {
  checkMask(out, grid, 'mask rect');
  const { rows, cols } = grid;
  for (let r = 0, i = 0; r < rows; r++) {
    const y = r / rows;
    const dy = Math.max(y0 - y, 0, y - y1);
    for (let c = 0; c < cols; c++, i++) {
      const x = c / cols;
      const d = Math.max(x0 - x, dy, x - x1);
      out[i] = feather > 0 ? clamp01(1 - d / feather) : d <= 0 ? 1 : 0;
    }
  }
  return out;
}

export const rectMask = defineMask({
  name: 'rect',
  description: 'A rectangle with a feathered edge (1 inside)',
  params: {
    x0: { type: 'number', default: 0.2, min: -1, max: 2 },
    y0: { type: 'number', default: 0.2, min: -1, max: 2 },
    x1: { type: 'number', default: 0.8, min: -1, max: 2 },
    y1: { type: 'number', default: 0.8, min: -1, max: 2 },
    feather: { type: 'number', default: 0.03, min: 0, max: 1, description: 'soft edge width; 0 is a hard edge' },
  },
  fill(out, grid, _ctx, p) {
    maskRect(out, grid, p.x0, p.y0, p.x1, p.y1, p.feather);
  },
});
