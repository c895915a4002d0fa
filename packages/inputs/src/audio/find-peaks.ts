/**
 * SciPy `signal.find_peaks` semantics for the three conditions beat picking uses (height, distance, prominence),
 * reimplemented from SciPy's algorithm so the beats match a NumPy reference frame for frame:
 * - a peak is a sample (or a flat plateau) whose nearest unequal neighbours on both sides are lower; the first and
 *   last samples never are; a plateau reports its middle sample, rounded down;
 * - conditions apply in SciPy's order: height, then distance, then prominence (prominence is measured only for the
 *   peaks that survived the distance rule, against the whole signal);
 * - distance: peaks are visited from the highest down, each kept peak removes every not-yet-removed peak closer than
 *   ⌈distance⌉ samples on both sides. Equal heights are visited in a stable order, so of two equal peaks the later
 *   one wins (NumPy's unstable argsort makes that implementation-defined for long arrays; we pin it);
 * - prominence: walk left and right from the peak while the signal stays ≤ the peak, take the lowest point on each
 *   side, and prominence = peak − the higher of the two minima.
 */

export interface FindPeaksOptions {
  /** Minimum peak height (inclusive). */
  height?: number;
  /** Minimum distance in samples between kept peaks (≥ 1; rounded up). */
  distance?: number;
  /** Minimum prominence (inclusive). */
  prominence?: number;
}

export interface PeaksResult {
  peaks: Int32Array;
  /** Prominence of each kept peak, when `prominence` was asked for. */
  prominences?: Float64Array;
}

/** Indices of local maxima (plateau middles, rounded down), SciPy `_local_maxima_1d`. */
export function localMaxima(x: ArrayLike<number>): Int32Array {
  const out: number[] = [];
  const last = x.length - 1;
  let i = 1;
  while (i < last) {
    if ((x[i - 1] as number) < (x[i] as number)) {
      let ahead = i + 1;
      while (ahead < last && x[ahead] === x[i]) ahead++;
      if ((x[ahead] as number) < (x[i] as number)) {
        out.push((i + ahead - 1) >> 1);
        i = ahead;
      }
    }
    i++;
  }
  return Int32Array.from(out);
}

/** SciPy `_peak_prominences` without a window (wlen = None). */
export function peakProminences(x: ArrayLike<number>, peaks: ArrayLike<number>): Float64Array {
  const out = new Float64Array(peaks.length);
  const last = x.length - 1;
  for (let p = 0; p < peaks.length; p++) {
    const peak = peaks[p] as number;
    const h = x[peak] as number;
    let leftMin = h;
    for (let i = peak; i >= 0 && (x[i] as number) <= h; i--) if ((x[i] as number) < leftMin) leftMin = x[i] as number;
    let rightMin = h;
    for (let i = peak; i <= last && (x[i] as number) <= h; i++) if ((x[i] as number) < rightMin) rightMin = x[i] as number;
    out[p] = h - Math.max(leftMin, rightMin);
  }
  return out;
}

/** SciPy `_select_by_peak_distance`: a keep mask for `peaks` (ascending indices). */
export function selectByPeakDistance(peaks: ArrayLike<number>, priority: ArrayLike<number>, distance: number): Uint8Array {
  const n = peaks.length;
  const d = Math.ceil(distance);
  const keep = new Uint8Array(n).fill(1);
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => (priority[a] as number) - (priority[b] as number) || b - a);
  for (let r = n - 1; r >= 0; r--) {
    const j = order[r] as number;
    if (keep[j] === 0) continue;
    const pj = peaks[j] as number;
    for (let k = j - 1; k >= 0 && pj - (peaks[k] as number) < d; k--) keep[k] = 0;
    for (let k = j + 1; k < n && (peaks[k] as number) - pj < d; k++) keep[k] = 0;
  }
  return keep;
}

export function findPeaks(x: ArrayLike<number>, options: FindPeaksOptions = {}): PeaksResult {
  if (options.distance !== undefined && !(options.distance >= 1)) {
    throw new RangeError(`find_peaks distance must be >= 1, got ${options.distance}`);
  }
  let peaks: number[] = Array.from(localMaxima(x));
  if (options.height !== undefined) {
    const h = options.height;
    peaks = peaks.filter((p) => (x[p] as number) >= h);
  }
  if (options.distance !== undefined && peaks.length > 1) {
    const keep = selectByPeakDistance(peaks, peaks.map((p) => x[p] as number), options.distance);
    peaks = peaks.filter((_, i) => keep[i] === 1);
  }
  if (options.prominence === undefined) return { peaks: Int32Array.from(peaks) };
  const prom = peakProminences(x, peaks);
  const min = options.prominence;
  const kept: number[] = [];
  const keptProm: number[] = [];
  peaks.forEach((p, i) => {
    if ((prom[i] as number) >= min) {
      kept.push(p);
      keptProm.push(prom[i] as number);
    }
  });
  return { peaks: Int32Array.from(kept), prominences: Float64Array.from(keptProm) };
}
