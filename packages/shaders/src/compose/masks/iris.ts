import { defineMask, type Field, type GridGeometry } from '@glyphreel/core';
import { maskCircle } from './circle.js';
import { maskProgress } from './common.js';
import { EASING_NAMES, EASINGS, type EasingName } from './easing.js';

/** The iris feather of the reference. */
export const IRIS_FEATHER = 0.03;

/**
 * mask_iris: a circle of radius ease(p)·maxRadius with feather 0.03, p = clamp((t − tStart)/(tEnd − tStart)).
 * As in the reference, the centre cell is already lit at p = 0 (radius 0, d = 0). The radius is a fraction of the
 * frame's longer side in pixels (maskCircle measures in frame widths; a portrait frame scales it by height/width), so
 * the default 0.7 covers the corners of any frame from 16:9 to 9:16 (half-diagonal ≈ 0.57); a square frame's corners
 * (0.71) end at ~75 %.
 */
export function maskIris(
  out: Field,
  grid: GridGeometry,
  t: number,
  tStart = 0,
  tEnd = 1,
  cxFrac = 0.5,
  cyFrac = 0.5,
  maxRadius = 0.7,
  ease: EasingName = 'smoothstep',
): Field {
  const p = EASINGS[ease](maskProgress(t, tStart, tEnd));
  const longSide = Math.max(1, grid.rows / (grid.cols * grid.cellAspect)); // frame height / width, at least 1
  return maskCircle(out, grid, cxFrac, cyFrac, p * maxRadius * longSide, IRIS_FEATHER);
}

export const irisMask = defineMask({
  name: 'iris',
  description: 'An opening circle over [t_start, t_end] (scene seconds)',
  params: {
    t_start: { type: 'number', default: 0, min: 0, description: 'local scene time the iris starts opening' },
    t_end: { type: 'number', default: 1, min: 0, description: 'local scene time it is fully open' },
    cx_frac: { type: 'number', default: 0.5, min: -1, max: 2 },
    cy_frac: { type: 'number', default: 0.5, min: -1, max: 2 },
    max_radius: { type: 'number', default: 0.7, min: 0, max: 4 },
    ease: { type: 'enum', values: EASING_NAMES, default: 'smoothstep' },
  } as const,
  fill(out, grid, ctx, p) {
    maskIris(out, grid, ctx.t, p.t_start, p.t_end, p.cx_frac, p.cy_frac, p.max_radius, p.ease);
  },
});
