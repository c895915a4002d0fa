/** Targets of catalog 5.1: mean drift under 20 ms, max under 42 ms (one frame at 24 fps). */
export const SYNC_TARGET_MEAN_MS = 20;
export const SYNC_TARGET_MAX_MS = 42;
/**
 * Share of the audio beats that must find a visual beat. The catalog's targets are on drift alone, but a drift
 * measured on 10 of 19 beats said "within targets" about a video whose other beats never showed.
 */
export const SYNC_MIN_MATCHED_SHARE = 0.5;

export interface SyncPair {
  audioS: number;
  visualS: number;
  /** visual − audio in ms: positive means the picture is late. */
  driftMs: number;
}

export interface SyncReport {
  toleranceMs: number;
  matched: number;
  unmatchedAudio: number;
  unmatchedVisual: number;
  /** Mean |drift| over the matches; null without matches. */
  meanDriftMs: number | null;
  /** Mean signed drift (visual − audio): a constant offset shows here. Null without matches. */
  meanSignedDriftMs: number | null;
  maxDriftMs: number | null;
  /** 95th percentile of |drift| (linear interpolation); null with fewer than 2 matches, as in the reference. */
  p95DriftMs: number | null;
  /** matched / audio beats (0 without audio beats). */
  matchedShare: number;
  /** At least half the audio beats matched, mean < 20 ms and max < 42 ms. */
  withinTargets: boolean;
  pairs: SyncPair[];
  unmatchedAudioS: number[];
  unmatchedVisualS: number[];
}

/** Linear-interpolated percentile of sorted values (numpy's default method). */
function percentile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

/**
 * Catalog 5.1 `sync_report`: each audio beat, in time order, takes the nearest visual beat not yet taken (greedy);
 * it counts as matched when that one is within `toleranceMs`, otherwise the audio beat is unmatched (and the visual
 * beat stays free for a later audio beat). Ties go to the earlier visual beat.
 */
export function syncReport(audioBeatsS: readonly number[], visualBeatsS: readonly number[], toleranceMs = 50): SyncReport {
  const audio = [...audioBeatsS].sort((a, b) => a - b);
  const visual = [...visualBeatsS].sort((a, b) => a - b);
  const taken = new Uint8Array(visual.length);
  const tol = toleranceMs / 1000;
  const pairs: SyncPair[] = [];
  const unmatchedAudioS: number[] = [];
  for (const a of audio) {
    // Binary search for the first visual beat ≥ a, then step outwards past taken ones.
    let lo = 0;
    let hi = visual.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((visual[mid] as number) < a) lo = mid + 1;
      else hi = mid;
    }
    let l = lo - 1;
    while (l >= 0 && taken[l]) l--;
    let r = lo;
    while (r < visual.length && taken[r]) r++;
    const dl = l >= 0 ? a - (visual[l] as number) : Infinity;
    const dr = r < visual.length ? (visual[r] as number) - a : Infinity;
    const best = dl <= dr ? l : r;
    const d = Math.min(dl, dr);
    // A hair of slack so a drift of exactly the tolerance (in ms) survives the float subtraction.
    if (best >= 0 && best < visual.length && d <= tol + 1e-9) {
      taken[best] = 1;
      pairs.push({ audioS: a, visualS: visual[best] as number, driftMs: ((visual[best] as number) - a) * 1000 });
    } else {
      unmatchedAudioS.push(a);
    }
  }
  const unmatchedVisualS = visual.filter((_, k) => !taken[k]);
  const abs = pairs.map((p) => Math.abs(p.driftMs)).sort((x, y) => x - y);
  const m = abs.length;
  const meanDriftMs = m ? abs.reduce((s, v) => s + v, 0) / m : null;
  const maxDriftMs = m ? (abs[m - 1] as number) : null;
  return {
    toleranceMs,
    matched: m,
    unmatchedAudio: unmatchedAudioS.length,
    unmatchedVisual: unmatchedVisualS.length,
    meanDriftMs,
    meanSignedDriftMs: m ? pairs.reduce((s, p) => s + p.driftMs, 0) / m : null,
    maxDriftMs,
    p95DriftMs: m >= 2 ? percentile(abs, 0.95) : null,
    matchedShare: audio.length ? m / audio.length : 0,
    withinTargets: m > 0 && m >= SYNC_MIN_MATCHED_SHARE * audio.length && (meanDriftMs as number) < SYNC_TARGET_MEAN_MS && (maxDriftMs as number) < SYNC_TARGET_MAX_MS,
    pairs,
    unmatchedAudioS,
    unmatchedVisualS,
  };
}
