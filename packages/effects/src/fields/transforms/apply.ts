import type { FrameContext, GridGeometry, ParamSchema, ParamValues, TransformDef } from '@glyphreel/core';
import { transformedGrid, type TransformedGrid } from './tgrid.js';

/**
 * Runs a transform on a grid's coordinates and wraps the result as a transformed grid that any value effect accepts
 * (`vf_rotated_plasma` is `plasma.fill(out, applyTransform(rotate, grid, ctx, {angle, speed}), ctx, {})`).
 * Pass the previous result as `reuse` to work in place; its own col/row buffers receive the new coordinates.
 */
export function applyTransform<S extends ParamSchema>(
  transform: TransformDef<S>,
  grid: GridGeometry,
  ctx: FrameContext,
  params: ParamValues<S>,
  reuse?: TransformedGrid,
): TransformedGrid {
  const n = grid.rows * grid.cols;
  const target = reuse && reuse.rows === grid.rows && reuse.cols === grid.cols ? reuse : undefined;
  const col = target && target !== grid ? target.col : new Float32Array(n);
  const row = target && target !== grid ? target.row : new Float32Array(n);
  transform.apply(col, row, grid, ctx, params);
  return transformedGrid(grid, col, row, target);
}
