/**
 * Whole-track operations on feature series (catalog 5.1): EMA smoothing, min-max normalization, the centred moving
 * average used before beat picking, and numpy's `gradient`. Float64 in, in place or into a given output, so a track
 * of any length is processed without temporaries.
 */

/** out[i] = α·x[i] + (1 − α)·out[i−1], seeded with out[0] = x[0]. In place when out === x. */
export function ema(x: ArrayLike<number>, alpha: number, out: Float64Array = new Float64Array(x.length)): Float64Array {
  const n = x.length;
  if (n === 0) return out;
  let prev = x[0] as number;
  out[0] = prev;
  const keep = 1 - alpha;
  for (let i = 1; i < n; i++) {
    prev = alpha * (x[i] as number) + keep * prev;
    out[i] = prev;
  }
  return out;
}

/** The ε of catalog 5.1: (a − min)/(max − min + 1e−10), so a constant series maps to 0, never NaN. */
export const NORMALIZE_EPS = 1e-10;

/** Min-max scales x over its whole length into [0, 1] (in place when out === x). */
export function minMaxNormalize(x: ArrayLike<number>, out: Float64Array = new Float64Array(x.length)): Float64Array {
  const n = x.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = x[i] as number;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const scale = 1 / (hi - lo + NORMALIZE_EPS);
  for (let i = 0; i < n; i++) out[i] = ((x[i] as number) - lo) * scale;
  return out;
}

/**
 * numpy `convolve(x, ones(taps)/taps, mode='same')` for odd taps: a centred moving average that treats samples
 * outside the array as 0, so the ends are pulled towards 0 and the length is kept.
 */
export function movingAverageCentered(x: ArrayLike<number>, taps: number, out: Float64Array = new Float64Array(x.length)): Float64Array {
  if (!Number.isInteger(taps) || taps < 1 || taps % 2 === 0) throw new RangeError(`moving average needs an odd tap count, got ${taps}`);
  const n = x.length;
  const r = (taps - 1) / 2;
  let sum = 0;
  for (let j = 0; j < Math.min(r, n); j++) sum += x[j] as number;
  // sliding window [i − r, i + r]; x is read ahead of out, so out may not alias x
  const src = out === x ? Float64Array.from(x) : x;
  for (let i = 0; i < n; i++) {
    const add = i + r;
    if (add < n) sum += src[add] as number;
    const drop = i - r - 1;
    if (drop >= 0) sum -= src[drop] as number;
    out[i] = sum / taps;
  }
  return out;
}

/** numpy `gradient` with unit spacing: central differences inside, one-sided at the two ends; 0 for length 1. */
export function gradient(x: ArrayLike<number>, out: Float64Array = new Float64Array(x.length)): Float64Array {
  const n = x.length;
  if (n < 2) {
    if (n === 1) out[0] = 0;
    return out;
  }
  const first = (x[1] as number) - (x[0] as number);
  const last = (x[n - 1] as number) - (x[n - 2] as number);
  let prev = x[0] as number;
  for (let i = 1; i < n - 1; i++) {
    const cur = x[i] as number;
    out[i] = ((x[i + 1] as number) - prev) / 2;
    prev = cur;
  }
  out[0] = first;
  out[n - 1] = last;
  return out;
}
