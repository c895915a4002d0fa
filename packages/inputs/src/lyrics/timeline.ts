import type { Cue } from './cue.js';

/**
 * Sorted cues with typed-array indexes for per-frame lookup without allocation. A cue is active while
 * startS ≤ s < endS (half-open, so back-to-back cues never show together and a zero-length cue never shows).
 */
export class CueTimeline {
  readonly cues: readonly Cue[];
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  /** max(endS) over cues 0..k: lets the backward scan for overlapping cues stop early. */
  private readonly maxEnd: Float64Array;

  constructor(cues: readonly Cue[]) {
    const sorted = [...cues].sort((a, b) => a.startS - b.startS || a.endS - b.endS);
    this.cues = sorted;
    const n = sorted.length;
    this.starts = new Float64Array(n);
    this.ends = new Float64Array(n);
    this.maxEnd = new Float64Array(n);
    let m = -Infinity;
    for (let k = 0; k < n; k++) {
      const c = sorted[k]!;
      this.starts[k] = c.startS;
      this.ends[k] = c.endS;
      m = Math.max(m, c.endS);
      this.maxEnd[k] = m;
    }
  }

  get length(): number {
    return this.cues.length;
  }

  /** Index of the last cue with startS ≤ s, or −1 (binary search). */
  lastStartedAt(s: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.starts[mid] as number) <= s) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /**
   * Writes the indices of the cues active at song time `s` into `out` in start order and returns how many.
   * `out` needs room for `length` entries at most; overlapping cues are all reported.
   */
  activeAt(s: number, out: Int32Array): number {
    let j = this.lastStartedAt(s);
    let count = 0;
    // Walk back while some earlier cue could still be running, collecting in reverse order.
    while (j >= 0 && (this.maxEnd[j] as number) > s) {
      if ((this.ends[j] as number) > s) out[count++] = j;
      j--;
    }
    for (let a = 0, b = count - 1; a < b; a++, b--) {
      const tmp = out[a] as number;
      out[a] = out[b] as number;
      out[b] = tmp;
    }
    return count;
  }

  /** The single cue to show at `s` (the latest-starting active one), or undefined. */
  cueAt(s: number): Cue | undefined {
    for (let j = this.lastStartedAt(s); j >= 0 && (this.maxEnd[j] as number) > s; j--) {
      if ((this.ends[j] as number) > s) return this.cues[j];
    }
    return undefined;
  }
}
