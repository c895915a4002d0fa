import { defineMask, type Field, type GridGeometry } from '@glyphreel/core';
import { checkMask, clamp01, linspace01, maskProgress } from './common.js';

/** Width of the soft edge of a wipe, in grid widths/heights (the reference's ±0.05 ramp). */
export const WIPE_EDGE = 0.1;

/**
 * Visibility at position x ∈ [0, 1] for progress p with the reveal edge travelling towards +x. The reference ramps
 * over [p − 0.05, p + 0.05], which leaves the first cells half lit at p = 0 and the last half dark at p = 1; here the
 * edge runs from −0.05 to 1.05 instead (q = p·1.1 − 0.05), so p = 0 is fully hidden and p = 1 fully shown.
 */
export function wipeValue(x: number, p: number): number {
  const q = p * (1 + WIPE_EDGE) - WIPE_EDGE / 2;
  return clamp01((q + WIPE_EDGE / 2 - x) / WIPE_EDGE);
}

/** mask_wipe_h: 'right' reveals from the left edge moving right; 'left' from the right edge moving left. */
export function maskWipeH(out: Field, grid: GridGeometry, t: number, tStart = 0, tEnd = 1, direction: 'right' | 'left' = 'right'): Field {
  checkMask(out, grid, 'mask wipe_h');
  const { rows, cols } = grid;
  const p = maskProgress(t, tStart, tEnd);
  for (let c = 0; c < cols; c++) {
    const x = linspace01(c, cols);
    out[c] = wipeValue(direction === 'right' ? x : 1 - x, p);
  }
  for (let r = 1; r < rows; r++) out.copyWithin(r * cols, 0, cols);
  return out;
}

/** mask_wipe_v: 'down' reveals from the top edge moving down; 'up' from the bottom edge moving up. */
export function maskWipeV(out: Field, grid: GridGeometry, t: number, tStart = 0, tEnd = 1, direction: 'down' | 'up' = 'down'): Field {
  checkMask(out, grid, 'mask wipe_v');
  const { rows, cols } = grid;
  const p = maskProgress(t, tStart, tEnd);
  for (let r = 0; r < rows; r++) {
    const y = linspace01(r, rows);
    out.fill(wipeValue(direction === 'down' ? y : 1 - y, p), r * cols, (r + 1) * cols);
  }
  return out;
}

const span = {
  t_start: { type: 'number', default: 0, min: 0, description: 'local scene time the wipe starts' },
  t_end: { type: 'number', default: 1, min: 0, description: 'local scene time the wipe completes' },
} as const;

export const wipeHMask = defineMask({
  name: 'wipe_h',
  description: 'Horizontal soft-edged wipe over [t_start, t_end]',
  params: { ...span, direction: { type: 'enum', values: ['right', 'left'], default: 'right' } } as const,
  fill(out, grid, ctx, p) {
    maskWipeH(out, grid, ctx.t, p.t_start, p.t_end, p.direction);
  },
});

export const wipeVMask = defineMask({
  name: 'wipe_v',
  description: 'Vertical soft-edged wipe over [t_start, t_end]',
  params: { ...span, direction: { type: 'enum', values: ['down', 'up'], default: 'down' } } as const,
  fill(out, grid, ctx, p) {
    maskWipeV(out, grid, ctx.t, p.t_start, p.t_end, p.direction);
  },
});
