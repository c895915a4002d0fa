import { defineMask, type Field, type GridGeometry } from '@glyphreel/core';
import { checkMask, clamp01, linspace01 } from './common.js';

/**
 * Linear ramps: 0 at `start`, 1 at `end` along the axis, with cell positions from 0 (first cell) to 1 (last cell),
 * so the default (0, 1) spans the grid exactly. start > end gives a falling ramp.
 */
function ramp(x: number, start: number, end: number): number {
  if (end === start) return x >= end ? 1 : 0;
  return clamp01((x - start) / (end - start));
}

/** mask_gradient_h: left to right. */
export function maskGradientH(out: Field, grid: GridGeometry, start = 0, end = 1): Field {
  checkMask(out, grid, 'mask gradient_h');
  const { rows, cols } = grid;
  for (let c = 0; c < cols; c++) out[c] = ramp(linspace01(c, cols), start, end);
  for (let r = 1; r < rows; r++) out.copyWithin(r * cols, 0, cols);
  return out;
}

/** mask_gradient_v: top to bottom. */
export function maskGradientV(out: Field, grid: GridGeometry, start = 0, end = 1): Field {
  checkMask(out, grid, 'mask gradient_v');
  const { rows, cols } = grid;
  for (let r = 0; r < rows; r++) out.fill(ramp(linspace01(r, rows), start, end), r * cols, (r + 1) * cols);
  return out;
}

/**
 * mask_gradient_radial: 1 inside `inner`, falling linearly to 0 at `outer`, distance as a fraction of the frame width
 * in pixels, like mask_circle: dx = c/cols − cx, dy = (r/rows − cy)·rows/(cols·cellAspect), so the contours are round
 * on screen. The reference measures (c/cols, r/rows) with no aspect correction (catalog 9.1 item 6), whose contours
 * are ellipses with the frame's proportions; see the README's masks decision.
 */
export function maskGradientRadial(out: Field, grid: GridGeometry, cxFrac = 0.5, cyFrac = 0.5, inner = 0, outer = 0.5): Field {
  checkMask(out, grid, 'mask gradient_radial');
  const { rows, cols, cellAspect } = grid;
  const ky = rows / (cols * cellAspect);
  for (let r = 0, i = 0; r < rows; r++) {
    const dy = (r / rows - cyFrac) * ky;
    for (let c = 0; c < cols; c++, i++) {
      const dx = c / cols - cxFrac;
      out[i] = 1 - ramp(Math.sqrt(dx * dx + dy * dy), inner, outer);
    }
  }
  return out;
}

const rampParams = {
  start: { type: 'number', default: 0, min: -2, max: 3, description: 'position where the mask is 0' },
  end: { type: 'number', default: 1, min: -2, max: 3, description: 'position where the mask reaches 1' },
} as const;

export const gradientHMask = defineMask({
  name: 'gradient_h',
  description: 'Horizontal ramp, left to right',
  params: rampParams,
  fill(out, grid, _ctx, p) {
    maskGradientH(out, grid, p.start, p.end);
  },
});

export const gradientVMask = defineMask({
  name: 'gradient_v',
  description: 'Vertical ramp, top to bottom',
  params: rampParams,
  fill(out, grid, _ctx, p) {
    maskGradientV(out, grid, p.start, p.end);
  },
});

export const gradientRadialMask = defineMask({
  name: 'gradient_radial',
  description: '1 at the centre falling to 0 at `outer` (fractions of the frame width, round on screen)',
  params: {
    cx_frac: { type: 'number', default: 0.5, min: -1, max: 2 },
    cy_frac: { type: 'number', default: 0.5, min: -1, max: 2 },
    inner: { type: 'number', default: 0, min: 0, max: 4 },
    outer: { type: 'number', default: 0.5, min: 0, max: 4 },
  },
  fill(out, grid, _ctx, p) {
    maskGradientRadial(out, grid, p.cx_frac, p.cy_frac, p.inner, p.outer);
  },
});
