import type { FeatureTable } from '@glyphreel/core';

/** What the planner reads from a soundtrack: beat frames and a loudness curve, over the frames of the video. */
export interface TrackAnalysis {
  fps: number;
  durationS: number;
  /** Frames in the video: round(durationS·fps). */
  frames: number;
  /** Ascending frame indices with beat > 0.5 inside the video. */
  beats: number[];
  /** Per-frame rms over the video (missing frames or a missing feature read the feature default 0.3). */
  rms: Float32Array;
  /** Prefix sums of rms (length frames + 1), so any window's mean is O(1). */
  rmsPrefix: Float64Array;
  /** Mean rms over the whole video. */
  meanRms: number;
  /** A step in smoothed rms at least this large counts as an energy change. */
  stepThreshold: number;
}

/** Seconds of audio averaged on each side of a candidate cut when measuring an energy step. */
export const ENERGY_WINDOW_S = 2;

export function analyzeTrack(features: FeatureTable, fps: number, durationS: number): TrackAnalysis {
  const frames = Math.max(1, Math.round(durationS * fps));
  const have = Math.min(features.frames, frames);
  const rms = new Float32Array(frames).fill(0.3);
  if (features.has('rms')) rms.set(features.series('rms').subarray(0, have));
  // Past the end of the analysis the table's own rule applies: the last analysed frame repeats.
  if (have > 0 && have < frames && features.has('rms')) rms.fill(rms[have - 1] as number, have);
  const beats: number[] = [];
  if (features.has('beat')) {
    const b = features.series('beat');
    for (let i = 0; i < have; i++) if ((b[i] as number) > 0.5) beats.push(i);
  }
  const rmsPrefix = new Float64Array(frames + 1);
  for (let i = 0; i < frames; i++) rmsPrefix[i + 1] = (rmsPrefix[i] as number) + (rms[i] as number);
  const meanRms = (rmsPrefix[frames] as number) / frames;
  // The threshold follows the track's own dynamic range (features are min-max normalized per track, but a
  // compressed master still spans little of it); a floor keeps noise in a flat track from reading as changes.
  const smooth = windowMeans(rmsPrefix, frames, Math.max(1, Math.round(fps)));
  const sorted = Float32Array.from(smooth).sort();
  const p05 = sorted[Math.floor(0.05 * (sorted.length - 1))] as number;
  const p95 = sorted[Math.floor(0.95 * (sorted.length - 1))] as number;
  return { fps, durationS, frames, beats, rms, rmsPrefix, meanRms, stepThreshold: Math.max(0.08, 0.3 * (p95 - p05)) };
}

function windowMeans(prefix: Float64Array, frames: number, w: number): Float32Array {
  const out = new Float32Array(frames);
  const half = Math.floor(w / 2);
  for (let i = 0; i < frames; i++) {
    const a = Math.max(0, i - half);
    const b = Math.min(frames, i + half + 1);
    out[i] = ((prefix[b] as number) - (prefix[a] as number)) / (b - a);
  }
  return out;
}

/** Mean rms over frames [a, b) (clamped to the video). */
export function meanRms(t: TrackAnalysis, a: number, b: number): number {
  const lo = Math.max(0, Math.min(t.frames, a));
  const hi = Math.max(lo, Math.min(t.frames, b));
  if (hi === lo) return t.meanRms;
  return ((t.rmsPrefix[hi] as number) - (t.rmsPrefix[lo] as number)) / (hi - lo);
}

/** |mean rms of the ENERGY_WINDOW_S after frame f − mean of the window before|: a smoothed loudness step. */
export function energyStep(t: TrackAnalysis, f: number): number {
  const w = Math.max(1, Math.round(ENERGY_WINDOW_S * t.fps));
  if (f <= 0 || f >= t.frames) return 0;
  return Math.abs(meanRms(t, f, f + w) - meanRms(t, f - w, f));
}

/** Tempo from the median beat interval, for the scene file's `bpm` (synthetic fallback only); 120 without beats. */
export function estimateBpm(t: TrackAnalysis): number {
  if (t.beats.length < 2) return 120;
  const gaps = t.beats.slice(1).map((b, i) => b - (t.beats[i] as number)).sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)] as number;
  const bpm = (60 * t.fps) / median;
  return Math.min(400, Math.max(20, Math.round(bpm * 10) / 10));
}
