import type { FrameContext, GridGeometry } from '@glyphreel/core';

export const TAU = Math.PI * 2;

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

const interned = new Map<string, Map<string | number, string>>();

/**
 * prefix + suffix as one interned string: state keys are built every frame, and a template literal would allocate a
 * new string each time.
 */
export function keyOf(prefix: string, suffix: string | number): string {
  let m = interned.get(prefix);
  if (!m) {
    m = new Map();
    interned.set(prefix, m);
  }
  let k = m.get(suffix);
  if (k === undefined) {
    k = prefix + suffix;
    m.set(suffix, k);
  }
  return k;
}

/**
 * A Float32Array kept in the layer's state under `key`, reallocated only when the length changes, so per-frame work
 * needs no allocation. Keys start with "fields." to stay clear of other users of ctx.state.
 */
export function stateF32(ctx: FrameContext, key: string, length: number): Float32Array {
  const state = ctx.state as Record<string, unknown>;
  const k = keyOf('fields.', key);
  let buf = state[k] as Float32Array | undefined;
  if (!(buf instanceof Float32Array) || buf.length !== length) {
    buf = new Float32Array(length);
    state[k] = buf;
  }
  return buf;
}

/** The cell count of a grid (rows·cols): the length of every field on it. */
export function cellCount(grid: Pick<GridGeometry, 'rows' | 'cols'>): number {
  return grid.rows * grid.cols;
}

/** An Int32Array kept in the layer's state, like stateF32. */
export function stateI32(ctx: FrameContext, key: string, length: number): Int32Array {
  const state = ctx.state as Record<string, unknown>;
  const k = keyOf('fields.', key);
  let buf = state[k] as Int32Array | undefined;
  if (!(buf instanceof Int32Array) || buf.length !== length) {
    buf = new Int32Array(length);
    state[k] = buf;
  }
  return buf;
}
