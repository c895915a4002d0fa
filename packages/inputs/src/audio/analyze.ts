import { AUDIO_FEATURES, FeatureTable, GlyphreelError } from '@glyphreel/core';
import { RealFft } from './fft.js';
import { findPeaks } from './find-peaks.js';
import { ema, gradient, minMaxNormalize, movingAverageCentered } from './series.js';

/**
 * Bumped whenever a change here changes any output value; part of the feature-cache key, so stale caches miss.
 */
export const AUDIO_ANALYSIS_VERSION = 2;

/** The default analysis rate (catalog 5.1). */
export const DEFAULT_SAMPLE_RATE = 22050;

/** The six bands of catalog 5.1, [lo, hi) in Hz; `hi` runs to Nyquist inclusive. */
export const AUDIO_BANDS: readonly { name: 'sub' | 'bass' | 'lomid' | 'mid' | 'himid' | 'hi'; lo: number; hi: number }[] = [
  { name: 'sub', lo: 20, hi: 80 },
  { name: 'bass', lo: 80, hi: 250 },
  { name: 'lomid', lo: 250, hi: 500 },
  { name: 'mid', lo: 500, hi: 2000 },
  { name: 'himid', lo: 2000, hi: 6000 },
  { name: 'hi', lo: 6000, hi: Infinity },
];

/** EMA factors of catalog 5.1. */
export const EMA_SLOW = 0.12;
export const EMA_FAST = 0.3;
/** Beat picking (catalog 5.1): on the 5-tap-smoothed, normalized flux. */
export const BEAT_HEIGHT = 0.15;
export const BEAT_PROMINENCE = 0.05;
export const BEAT_SMOOTH_TAPS = 5;
/** ε added to every magnitude before the log of spectral flatness (digital silence has exact zeros). */
export const FLATNESS_EPS = 1e-10;
/** ε in the band-ratio denominator, so silence gives ratios of 0 instead of 0/0. */
export const RATIO_EPS = 1e-10;

export interface AnalyzeOptions {
  sampleRate: number;
  fps: number;
  /** Number of video frames to produce; default round(duration · fps). Frames past the audio read silence. */
  frames?: number;
}

/** The framing every analysis uses, derived from (sampleRate, fps) only. */
export interface AnalysisGeometry {
  sampleRate: number;
  fps: number;
  /** ⌊sr/fps⌋ samples. */
  hop: number;
  /** Window and FFT length, 2·hop. */
  window: number;
  /** FFT bins, window/2 + 1, bin k at k·sr/window Hz. */
  bins: number;
}

export function analysisGeometry(sampleRate: number, fps: number): AnalysisGeometry {
  if (!(Number.isFinite(sampleRate) && sampleRate > 0)) throw new GlyphreelError('E_PARAM', `audio analysis: sample rate must be > 0, got ${sampleRate}`);
  if (!(Number.isFinite(fps) && fps > 0)) throw new GlyphreelError('E_PARAM', `audio analysis: fps must be > 0, got ${fps}`);
  const hop = Math.floor(sampleRate / fps);
  if (hop < 1) throw new GlyphreelError('E_PARAM', `audio analysis: fps ${fps} is above the sample rate ${sampleRate}`);
  const window = 2 * hop;
  return { sampleRate, fps, hop, window, bins: hop + 1 };
}

/** round(duration · fps), the frame count of a track of `sampleCount` samples. */
export function frameCountFor(sampleCount: number, sampleRate: number, fps: number): number {
  return Math.round((sampleCount * fps) / sampleRate);
}

/** The per-frame measurements before any smoothing or normalization (Float64, one value per frame). */
export interface RawAudioFeatures {
  geometry: AnalysisGeometry;
  frames: number;
  rms: Float64Array;
  /** Band RMS of magnitudes, in AUDIO_BANDS order. */
  bands: Float64Array[];
  /** Spectral centroid in Hz (0 for a frame with no energy). */
  cent: Float64Array;
  flat: Float64Array;
  /** Positive spectral flux; frame 0 has no predecessor and reads 0. */
  flux: Float64Array;
}

/** Bins per Math.log in the flatness sum (a power of two). */
const LOG_GROUP = 16;

/** First and one-past-last bin of each band for a window of `n` samples. */
function bandRanges(n: number, sampleRate: number, bins: number): Int32Array {
  const out = new Int32Array(AUDIO_BANDS.length * 2);
  AUDIO_BANDS.forEach((b, j) => {
    let lo = bins;
    let hi = bins;
    for (let k = 0; k < bins; k++) {
      const f = (k * sampleRate) / n;
      if (lo === bins && f >= b.lo) lo = k;
      if (hi === bins && f >= b.hi) hi = k;
    }
    out[2 * j] = lo;
    out[2 * j + 1] = Math.max(lo, hi);
  });
  return out;
}

/**
 * Measures every frame. Frame i's window is 2·hop samples centred on sample round(i·sr/fps), the exact time of
 * frame i, and reads zeros where it runs past either end of the track.
 */
export function rawAudioFeatures(samples: Float32Array, options: AnalyzeOptions): RawAudioFeatures {
  const geometry = analysisGeometry(options.sampleRate, options.fps);
  const { hop, window: n, bins, sampleRate, fps } = geometry;
  const frames = options.frames ?? frameCountFor(samples.length, sampleRate, fps);
  if (!Number.isInteger(frames) || frames < 0) throw new GlyphreelError('E_PARAM', `audio analysis: frames must be a whole number >= 0, got ${frames}`);

  const fft = new RealFft(n);
  const hann = new Float64Array(n);
  // symmetric Hann (numpy.hanning): 0.5 − 0.5·cos(2πj/(n−1))
  for (let j = 0; j < n; j++) hann[j] = n === 1 ? 1 : 0.5 - 0.5 * Math.cos((2 * Math.PI * j) / (n - 1));
  const ranges = bandRanges(n, sampleRate, bins);
  const freq = new Float64Array(bins);
  for (let k = 0; k < bins; k++) freq[k] = (k * sampleRate) / n;

  const buf = new Float64Array(n);
  const re = new Float64Array(bins);
  const im = new Float64Array(bins);
  let mag = new Float64Array(bins);
  let prevMag = new Float64Array(bins);

  const rms = new Float64Array(frames);
  const bands = AUDIO_BANDS.map(() => new Float64Array(frames));
  const cent = new Float64Array(frames);
  const flat = new Float64Array(frames);
  const flux = new Float64Array(frames);
  const total = samples.length;
  const nb = AUDIO_BANDS.length;

  for (let i = 0; i < frames; i++) {
    const start = Math.round((i * sampleRate) / fps) - hop;
    let sumSq = 0;
    if (start >= 0 && start + n <= total) {
      for (let j = 0; j < n; j++) {
        const s = samples[start + j] as number;
        sumSq += s * s;
        buf[j] = s * (hann[j] as number);
      }
    } else {
      for (let j = 0; j < n; j++) {
        const idx = start + j;
        const s = idx >= 0 && idx < total ? (samples[idx] as number) : 0;
        sumSq += s * s;
        buf[j] = s * (hann[j] as number);
      }
    }
    rms[i] = Math.sqrt(sumSq / n);
    fft.forward(buf, re, im);

    let magSum = 0;
    let weighted = 0;
    let logSum = 0;
    let fl = 0;
    // Σ log(a + ε) taken as the log of products of LOG_GROUP terms: one Math.log per group instead of per bin.
    // Each factor lies in [1e−10, ~1e4], so a product of 16 stays inside double range (no under/overflow).
    let prod = 1;
    for (let k = 0; k < bins; k++) {
      const r = re[k] as number, m = im[k] as number;
      const a = Math.sqrt(r * r + m * m);
      mag[k] = a;
      magSum += a;
      weighted += (freq[k] as number) * a;
      prod *= a + FLATNESS_EPS;
      if ((k & (LOG_GROUP - 1)) === LOG_GROUP - 1) {
        logSum += Math.log(prod);
        prod = 1;
      }
      const d = a - (prevMag[k] as number);
      if (d > 0) fl += d;
    }
    logSum += Math.log(prod);
    for (let b = 0; b < nb; b++) {
      const lo = ranges[2 * b] as number, hi = ranges[2 * b + 1] as number;
      let e = 0;
      for (let k = lo; k < hi; k++) e += (mag[k] as number) * (mag[k] as number);
      (bands[b] as Float64Array)[i] = hi > lo ? Math.sqrt(e / (hi - lo)) : 0;
    }
    cent[i] = magSum > 0 ? weighted / magSum : 0;
    flat[i] = Math.exp(logSum / bins) / (magSum / bins + FLATNESS_EPS);
    flux[i] = i === 0 ? 0 : fl;
    const t = prevMag;
    prevMag = mag;
    mag = t;
  }
  return { geometry, frames, rms, bands, cent, flat, flux };
}

/** Beat frames: SciPy find_peaks on the 5-tap centred moving average of the raw flux, min-max normalized. */
export function detectBeats(rawFlux: ArrayLike<number>, fps: number): Int32Array {
  const smooth = minMaxNormalize(movingAverageCentered(rawFlux, BEAT_SMOOTH_TAPS));
  const distance = Math.max(1, Math.floor(fps / 5));
  const peaks = findPeaks(smooth, { height: BEAT_HEIGHT, distance, prominence: BEAT_PROMINENCE }).peaks;
  return refineToOnsets(peaks, rawFlux, distance);
}

/** Frames either side of a smoothed-flux peak searched for the onset. */
export const BEAT_REFINE_FRAMES = 2;

/**
 * Moves each beat from the peak of the smoothed flux to the frame of largest raw flux within ±BEAT_REFINE_FRAMES.
 * Decision: the 5-tap smoothing (catalog 5.1) turns a click's one-frame flux spike into a 3-frame plateau, whose
 * middle find_peaks reports a frame early, and smears a kick's long attack so its peak lands late (measured: 2 frames
 * on synthesized music). Picking still uses the smoothed curve (its thresholds assume it); only the position moves to
 * the onset, which is where a viewer hears the beat. Beats stay at least `distance` frames apart.
 */
export function refineToOnsets(peaks: Int32Array, rawFlux: ArrayLike<number>, distance: number): Int32Array {
  const out = new Int32Array(peaks.length);
  let n = 0;
  for (let k = 0; k < peaks.length; k++) {
    const p = peaks[k] as number;
    let best = p;
    for (let q = Math.max(0, p - BEAT_REFINE_FRAMES); q <= Math.min(rawFlux.length - 1, p + BEAT_REFINE_FRAMES); q++) {
      if ((rawFlux[q] as number) > (rawFlux[best] as number)) best = q;
    }
    if (n > 0 && best - (out[n - 1] as number) < distance) continue;
    out[n++] = best;
  }
  return out.slice(0, n);
}

/** bdecay[p + d] = max(existing, e^(−2.5·d/D)) for d < D = ⌊fps/2⌋ (at least 1) after each beat p. */
export function beatDecay(beats: ArrayLike<number>, frames: number, fps: number, out: Float32Array = new Float32Array(frames)): Float32Array {
  const span = Math.max(1, Math.floor(fps / 2));
  for (let b = 0; b < beats.length; b++) {
    const p = beats[b] as number;
    for (let d = 0; d < span && p + d < frames; d++) {
      const v = Math.exp((-2.5 * d) / span);
      if (v > (out[p + d] as number)) out[p + d] = v;
    }
  }
  return out;
}

/**
 * The 19 features of catalog 5.1 for a whole track, in a SharedArrayBuffer-backed FeatureTable (AUDIO_FEATURES
 * order). Order of operations: measure every frame → band ratios and |gradient(centroid)| from the raw values →
 * EMA (slow: cent, flat, ratios, cent_d; fast: rms, flux, bands) → min-max normalize each over the whole track.
 * Beats come from the raw flux (see detectBeats), never from the EMA'd flux, whose lag (about 2 frames at α 0.3)
 * would put beats late. beat and bdecay are already in [0,1] and are not normalized.
 */
export function analyzeAudio(samples: Float32Array, options: AnalyzeOptions): FeatureTable {
  const raw = rawAudioFeatures(samples, options);
  const { frames } = raw;
  const table = new FeatureTable(AUDIO_FEATURES, frames);
  const tmp = new Float64Array(frames);
  const store = (name: string, values: Float64Array, alpha: number): void => {
    ema(values, alpha, tmp);
    minMaxNormalize(tmp, tmp);
    table.series(name).set(tmp);
  };

  store('rms', raw.rms, EMA_FAST);
  store('flux', raw.flux, EMA_FAST);
  store('cent', raw.cent, EMA_SLOW);
  store('flat', raw.flat, EMA_SLOW);
  store('cent_d', gradient(raw.cent).map(Math.abs), EMA_SLOW);

  const sum = new Float64Array(frames);
  for (const band of raw.bands) for (let i = 0; i < frames; i++) sum[i] = (sum[i] as number) + (band[i] as number);
  const ratio = new Float64Array(frames);
  AUDIO_BANDS.forEach((b, j) => {
    const band = raw.bands[j] as Float64Array;
    for (let i = 0; i < frames; i++) ratio[i] = (band[i] as number) / ((sum[i] as number) + RATIO_EPS);
    store(`${b.name}_r`, ratio, EMA_SLOW);
    store(b.name, band, EMA_FAST);
  });

  const beats = detectBeats(raw.flux, raw.geometry.fps);
  const beat = table.series('beat');
  for (let b = 0; b < beats.length; b++) beat[beats[b] as number] = 1;
  beatDecay(beats, frames, raw.geometry.fps, table.series('bdecay'));
  return table;
}
