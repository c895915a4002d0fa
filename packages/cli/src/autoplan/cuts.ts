import { energyStep, type TrackAnalysis } from './analysis.js';

/** Section length limits in seconds. A section is never shorter than MIN_S and (but for a beat gap) never longer than MAX_S. */
export const MIN_SECTION_S = 3;
export const MAX_SECTION_S = 16;
/** Section length when there is nothing to follow (no beats, no energy change). */
export const TARGET_SECTION_S = 8;
/** Beats per phrase: the regular cut falls every PHRASE_BEATS beats … */
export const PHRASE_BEATS = 8;
/** … and an energy change may cut a phrase short, but not below this many beats. */
export const MIN_PHRASE_BEATS = 4;

export interface Cuts {
  /** Cut frames, starting with 0 (the end of the video is not a frame and is not listed). */
  frames: number[];
  /** Why each cut after the first was made. */
  reasons: Array<'phrase' | 'energy' | 'beat' | 'even'>;
}

/**
 * Cuts the video into sections on phrase boundaries: every PHRASE_BEATS beats counted from the previous cut, or
 * earlier (but after at least MIN_PHRASE_BEATS beats) where the smoothed loudness changes; every section lasts
 * MIN_SECTION_S–MAX_SECTION_S (3–16 s). When beats are so dense that a phrase is shorter than MIN_SECTION_S, the phrase
 * grows by whole PHRASE_BEATS until it is long enough. Stretches without usable beats (an ambient track, a
 * break) cut at the strongest energy change, or evenly. Every cut lies on a frame; beat cuts on the beat frame.
 */
export function planCuts(t: TrackAnalysis): Cuts {
  const { fps, beats } = t;
  const D = t.durationS;
  const time = (f: number) => f / fps;
  const frames = [0];
  const reasons: Cuts['reasons'] = [];
  // Index of the beat the current section's phrase counts from; the intro before the first beat joins section 0.
  let anchor = 0;
  let cur = 0;
  for (;;) {
    const curT = time(cur);
    if (D - curT < 2 * MIN_SECTION_S) break;
    const fits = (f: number) => time(f) - curT >= MIN_SECTION_S - 1e-9 && D - time(f) >= MIN_SECTION_S - 1e-9 && time(f) - curT <= MAX_SECTION_S + 1e-9;
    // Phrase boundaries reachable from here: anchor + k·PHRASE_BEATS (k ≥ 1), the first that is long enough.
    let phraseIdx = -1;
    for (let k = PHRASE_BEATS; anchor + k < beats.length; k += PHRASE_BEATS) {
      const f = beats[anchor + k] as number;
      if (time(f) - curT > MAX_SECTION_S + 1e-9) break;
      if (fits(f)) {
        phraseIdx = anchor + k;
        break;
      }
    }
    // A shorter phrase (≥ MIN_PHRASE_BEATS) wins where the loudness changes; so does the last beat of a phrase
    // that ran past the end of the track, when nothing else fits.
    let best = -1;
    let bestStep = t.stepThreshold;
    const lastK = phraseIdx >= 0 ? phraseIdx - anchor : PHRASE_BEATS;
    for (let k = MIN_PHRASE_BEATS; k <= lastK && anchor + k < beats.length; k++) {
      const f = beats[anchor + k] as number;
      if (f <= cur || !fits(f)) continue;
      const s = energyStep(t, f);
      // Only where the change is centred: right after a cut the window still straddles the old change.
      const before = energyStep(t, beats[anchor + k - 1] as number);
      const after = anchor + k + 1 < beats.length ? energyStep(t, beats[anchor + k + 1] as number) : 0;
      if (s > bestStep && s >= before && s >= after) {
        bestStep = s;
        best = anchor + k;
      }
    }
    let next: number;
    if (best >= 0 && best !== phraseIdx) {
      next = beats[best] as number;
      anchor = best;
      reasons.push('energy');
    } else if (phraseIdx >= 0) {
      next = beats[phraseIdx] as number;
      anchor = phraseIdx;
      reasons.push('phrase');
    } else {
      const c = freeCut(t, cur);
      if (c === null) break;
      next = c.frame;
      reasons.push(c.reason);
      // The next phrase counts from this cut if it is a beat, else from the first beat after it.
      anchor = firstBeatAtOrAfter(beats, next);
    }
    frames.push(next);
    cur = next;
  }
  return { frames, reasons };
}

function firstBeatAtOrAfter(beats: number[], f: number): number {
  let lo = 0;
  let hi = beats.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((beats[mid] as number) < f) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A cut where the phrase grid gives none: a beat (strongest energy change, else nearest the target length), else any frame. */
function freeCut(t: TrackAnalysis, cur: number): { frame: number; reason: 'energy' | 'beat' | 'even' } | null {
  const { fps, beats } = t;
  const lo = Math.ceil(cur + MIN_SECTION_S * fps - 1e-6);
  const hi = Math.floor(Math.min(cur + MAX_SECTION_S * fps, (t.durationS - MIN_SECTION_S) * fps) + 1e-6);
  if (hi < lo) return null;
  // Even spacing over what is left, so an ambient track ends with sections of similar length.
  const left = t.durationS - cur / fps;
  const pieces = Math.round(left / TARGET_SECTION_S);
  // What is left is one section's worth: only a real energy change splits it.
  const onlyEnergy = pieces <= 1 && left <= MAX_SECTION_S;
  const target = Math.min(hi, Math.max(lo, Math.round(cur + (left / Math.max(1, pieces)) * fps)));
  const inWindow = beats.slice(firstBeatAtOrAfter(beats, lo), firstBeatAtOrAfter(beats, hi + 1));
  const pool = inWindow.length > 0 ? inWindow : range(lo, hi);
  let best = -1;
  let bestStep = t.stepThreshold;
  for (const f of pool) {
    const s = energyStep(t, f);
    if (s > bestStep) {
      bestStep = s;
      best = f;
    }
  }
  if (best >= 0) return { frame: best, reason: 'energy' };
  if (onlyEnergy) return null;
  if (inWindow.length > 0) {
    let nearest = inWindow[0] as number;
    for (const f of inWindow) if (Math.abs(f - target) < Math.abs(nearest - target)) nearest = f;
    return { frame: nearest, reason: 'beat' };
  }
  return { frame: target, reason: 'even' };
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}
