import type { FrameContext, GridGeometry } from '@glyphreel/core';

export const TAU = Math.PI * 2;

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/**
 * Added before a count computed from audio features is truncated. Features are stored as float32, so 0.08 comes back
 * as 0.0799999982 and 8 + 25·0.08 truncated to 9 instead of 10; 1e-4 is far above float32 rounding (≈ 1e-6 for
 * counts up to a few hundred) and far below one unit of any count.
 */
export const COUNT_EPSILON = 1e-4;

/** trunc(x) for a count computed from features, robust to float32 rounding (see COUNT_EPSILON). */
export function featureCount(x: number): number {
  return Math.trunc(x + COUNT_EPSILON);
}

/** floor(x) for a count computed from features, robust to float32 rounding (see COUNT_EPSILON). */
export function featureFloor(x: number): number {
  return Math.floor(x + COUNT_EPSILON);
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

const slotTables = new WeakMap<object, Map<string, unknown>>();

/**
 * The table beside `ctx.state` where stateF32, stateI32, stateLattice and subContext keep a layer's buffers, keyed
 * by name. A Map, not properties of the state object: one `state[k]` site reached with a different k every call
 * makes V8's optimized code deoptimize on the next name ("wrong name"), and plasma, which takes six buffers per frame,
 * was compiled five times per worker in its first frames (≈ 60 ms of compiler time per worker by --trace-opt, which
 * two workers on two cores pay in wall clock). Map.get has no per-name fast path to lose.
 */
export function stateSlots(ctx: FrameContext): Map<string, unknown> {
  const state = ctx.state as object;
  let m = slotTables.get(state);
  if (!m) {
    m = new Map();
    slotTables.set(state, m);
  }
  return m;
}

/**
 * A Float32Array kept with the layer's state under `key`, reallocated only when the length changes, so per-frame
 * work needs no allocation.
 */
export function stateF32(ctx: FrameContext, key: string, length: number): Float32Array {
  const slots = stateSlots(ctx);
  const k = keyOf('f32.', key);
  let buf = slots.get(k) as Float32Array | undefined;
  if (buf === undefined || buf.length !== length) {
    buf = new Float32Array(length);
    slots.set(k, buf);
  }
  return buf;
}

/** The cell count of a grid (rows·cols): the length of every field on it. */
export function cellCount(grid: Pick<GridGeometry, 'rows' | 'cols'>): number {
  return grid.rows * grid.cols;
}

/** An Int32Array kept with the layer's state, like stateF32. */
export function stateI32(ctx: FrameContext, key: string, length: number): Int32Array {
  const slots = stateSlots(ctx);
  const k = keyOf('i32.', key);
  let buf = slots.get(k) as Int32Array | undefined;
  if (buf === undefined || buf.length !== length) {
    buf = new Int32Array(length);
    slots.set(k, buf);
  }
  return buf;
}
