import { easeInOutCubic, type Easing } from './easing.js';

/** A keyframe: [time in seconds, value]. Points must be sorted by time. */
export type Keyframe = readonly [number, number];

/**
 * `keyframe`: eased interpolation between the surrounding keys; holds the first/last value outside the range; with
 * `loop`, t first wraps over the span first→last (a zero span does not loop). An empty list gives 0.
 */
export function keyframe(t: number, points: readonly Keyframe[], ease: Easing = easeInOutCubic, loop = false): number {
  const n = points.length;
  if (n === 0) return 0;
  const first = points[0]!;
  const last = points[n - 1]!;
  if (loop) {
    const period = last[0] - first[0];
    if (period > 0) t = first[0] + ((((t - first[0]) % period) + period) % period);
  }
  if (t <= first[0]) return first[1];
  if (t >= last[0]) return last[1];
  for (let i = 0; i < n - 1; i++) {
    const [t0, v0] = points[i]!;
    const [t1, v1] = points[i + 1]!;
    if (t0 <= t && t <= t1) return v0 + (v1 - v0) * ease((t - t0) / (t1 - t0));
  }
  return last[1];
}

/** A keyframe with an array value (all of one length). */
export type ArrayKeyframe = readonly [number, ArrayLike<number>];

/**
 * `keyframe_array`: the same for array values, written into `out` (a copy of the end value outside the range).
 * `out` defaults to a new Float32Array of the values' length. An empty list leaves `out` as is.
 */
export function keyframeArray(
  t: number,
  points: readonly ArrayKeyframe[],
  ease: Easing = easeInOutCubic,
  out?: Float32Array,
): Float32Array {
  const n = points.length;
  const res = out ?? new Float32Array(n ? points[0]![1].length : 0);
  if (n === 0) return res;
  const copy = (v: ArrayLike<number>) => {
    for (let k = 0; k < res.length; k++) res[k] = v[k]!;
    return res;
  };
  if (t <= points[0]![0]) return copy(points[0]![1]);
  if (t >= points[n - 1]![0]) return copy(points[n - 1]![1]);
  for (let i = 0; i < n - 1; i++) {
    const [t0, v0] = points[i]!;
    const [t1, v1] = points[i + 1]!;
    if (t0 <= t && t <= t1) {
      const p = ease((t - t0) / (t1 - t0));
      for (let k = 0; k < res.length; k++) res[k] = v0[k]! * (1 - p) + v1[k]! * p;
      return res;
    }
  }
  return copy(points[n - 1]![1]);
}
