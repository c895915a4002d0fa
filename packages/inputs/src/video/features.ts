import { FeatureTable, GlyphreelError, VIDEO_FEATURES, rgbToHsvInto } from '@glyphreel/core';
import { minMaxNormalize } from '../audio/series.js';
import { openVideoReader } from './reader.js';

export interface VideoFeaturesOptions {
  ffmpegPath: string;
  file: string;
  fps: number;
  /** Rows of the table (the render's frame count). Frames past the video's end repeat its last values. */
  frames: number;
  /** Analysis size (default 160×90): features are image statistics, so a small picture gives the same curves. */
  width?: number;
  height?: number;
  /** Min-max normalize each feature over the video (default true; dominant_hue is never rescaled). */
  normalize?: boolean;
  startS?: number;
}

/** Motion map scale (catalog 5.2 compute_motion: |diff| / 30, clamped). */
const MOTION_SCALE = 1 / 30;
/** A pixel counts as an edge when its Sobel magnitude (luminance 0..1, divided by the kernel's 4) exceeds this. */
export const EDGE_PIXEL_THRESHOLD = 0.1;
const HUE_BINS = 36;

/**
 * Running measurements of one picture size. `measure` returns the six raw values of catalog 1.2 / 5.2 for a frame:
 * - brightness = mean gray / 255 (gray = 0.299R + 0.587G + 0.114B);
 * - contrast = std(gray) / 128;
 * - edge_density = share of pixels whose Sobel gradient magnitude exceeds {@link EDGE_PIXEL_THRESHOLD} (the
 *   reference never defines it; an absolute threshold keeps a flat frame at 0);
 * - motion = mean of compute_motion's map: channel-mean |current − prev| / 30, clamped, prev ← 0.7·current +
 *   0.3·prev, 0 on the first frame;
 * - dominant_hue = centre of the fullest of 36 hue bins, each pixel weighted by saturation × value so greys do not
 *   vote (0 for a grey frame);
 * - color_variance = mean of the three channel standard deviations / 128.
 */
export class FrameMeasurer {
  private readonly prev: Float32Array;
  private readonly gray: Float32Array;
  private readonly hist = new Float64Array(HUE_BINS);
  private readonly hsv = new Float32Array(3);
  private first = true;
  readonly values = new Float64Array(6);

  constructor(readonly width: number, readonly height: number) {
    this.prev = new Float32Array(width * height * 3);
    this.gray = new Float32Array(width * height);
  }

  measure(rgb: Uint8Array): Float64Array {
    const { width: w, height: h, prev, gray, hist, hsv } = this;
    const n = w * h;
    let sumG = 0;
    let sumG2 = 0;
    let sr = 0, sg = 0, sb = 0, sr2 = 0, sg2 = 0, sb2 = 0;
    let motion = 0;
    hist.fill(0);
    for (let i = 0, p = 0; i < n; i++, p += 3) {
      const r = rgb[p] as number;
      const g = rgb[p + 1] as number;
      const b = rgb[p + 2] as number;
      const y = 0.299 * r + 0.587 * g + 0.114 * b;
      gray[i] = y / 255;
      sumG += y;
      sumG2 += y * y;
      sr += r; sg += g; sb += b;
      sr2 += r * r; sg2 += g * g; sb2 += b * b;
      if (!this.first) {
        const d = (Math.abs(r - (prev[p] as number)) + Math.abs(g - (prev[p + 1] as number)) + Math.abs(b - (prev[p + 2] as number))) / 3;
        const m = d * MOTION_SCALE;
        motion += m > 1 ? 1 : m;
      }
      prev[p] = this.first ? r : 0.7 * r + 0.3 * (prev[p] as number);
      prev[p + 1] = this.first ? g : 0.7 * g + 0.3 * (prev[p + 1] as number);
      prev[p + 2] = this.first ? b : 0.7 * b + 0.3 * (prev[p + 2] as number);
      const mx = r > g ? (r > b ? r : b) : g > b ? g : b;
      const mn = r < g ? (r < b ? r : b) : g < b ? g : b;
      if (mx > mn) {
        rgbToHsvInto(r, g, b, hsv);
        let bin = ((hsv[0] as number) * HUE_BINS) | 0;
        if (bin >= HUE_BINS) bin = HUE_BINS - 1;
        hist[bin] = (hist[bin] as number) + (hsv[1] as number) * (hsv[2] as number);
      }
    }
    this.first = false;
    let edges = 0;
    for (let y = 1; y < h - 1; y++) {
      for (let x = 1; x < w - 1; x++) {
        const i = y * w + x;
        const a = gray[i - w - 1] as number, b = gray[i - w] as number, c = gray[i - w + 1] as number;
        const d = gray[i - 1] as number, f = gray[i + 1] as number;
        const g = gray[i + w - 1] as number, hh = gray[i + w] as number, k = gray[i + w + 1] as number;
        const gx = c + 2 * f + k - a - 2 * d - g;
        const gy = g + 2 * hh + k - a - 2 * b - c;
        if (Math.sqrt(gx * gx + gy * gy) * 0.25 > EDGE_PIXEL_THRESHOLD) edges++;
      }
    }
    const inner = Math.max(1, (w - 2) * (h - 2));
    const mean = sumG / n;
    const std = (m2: number, m: number): number => Math.sqrt(Math.max(0, m2 / n - (m / n) * (m / n)));
    let best = 0;
    let bestW = 0;
    for (let k = 0; k < HUE_BINS; k++) {
      if ((hist[k] as number) > bestW) {
        bestW = hist[k] as number;
        best = k;
      }
    }
    const v = this.values;
    v[0] = mean / 255;
    v[1] = Math.min(1, std(sumG2, sumG) / 128);
    v[2] = w > 2 && h > 2 ? edges / inner : 0;
    v[3] = motion / n;
    v[4] = bestW > 0 ? (best + 0.5) / HUE_BINS : 0;
    v[5] = Math.min(1, (std(sr2, sr) + std(sg2, sg) + std(sb2, sb)) / 3 / 128);
    return v;
  }
}

/**
 * Per-frame video features (catalog 1.2: brightness, contrast, edge_density, motion, dominant_hue, color_variance) as
 * a FeatureTable with `frames` rows, ready to merge with the audio table. The video is decoded once at a small size
 * at the render's fps. Each feature except dominant_hue is min-max normalized over the video like the audio features
 * (a constant series becomes 0); dominant_hue is already a position on the colour wheel in [0, 1), and rescaling it
 * would change which hue it names.
 */
export async function videoFeatures(o: VideoFeaturesOptions): Promise<FeatureTable> {
  const width = o.width ?? 160;
  const height = o.height ?? 90;
  if (!(Number.isInteger(o.frames) && o.frames >= 0)) throw new GlyphreelError('E_PARAM', `videoFeatures: frames must be a whole number >= 0, got ${o.frames}`);
  const names = VIDEO_FEATURES;
  const table = new FeatureTable(names, o.frames);
  const reader = openVideoReader({ ffmpegPath: o.ffmpegPath, file: o.file, width, height, fps: o.fps, startS: o.startS ?? 0 });
  const m = new FrameMeasurer(width, height);
  const raw = names.map(() => new Float64Array(o.frames));
  let decoded = 0;
  try {
    while (decoded < o.frames) {
      const rgb = await reader.read();
      if (!rgb) break;
      const v = m.measure(rgb);
      for (let k = 0; k < names.length; k++) (raw[k] as Float64Array)[decoded] = v[k] as number;
      decoded++;
    }
  } finally {
    await reader.close();
  }
  if (decoded === 0 && o.frames > 0) throw new GlyphreelError('E_INPUT', `Cannot read "${o.file}": it has no video frames`);
  for (let k = 0; k < names.length; k++) {
    const series = raw[k] as Float64Array;
    for (let i = decoded; i < o.frames; i++) series[i] = series[decoded - 1] as number;
    if (o.normalize !== false && names[k] !== 'dominant_hue') minMaxNormalize(series, series);
    table.data.set(series, k * o.frames);
  }
  return table;
}
