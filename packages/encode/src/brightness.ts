import os from 'node:os';
import path from 'node:path';
import { ffmpegPathOf, type FfmpegLike } from './discover.js';
import { probe } from './probe.js';
import { runFfmpegBytes } from './run.js';

export interface BrightnessSample {
  /** Requested timestamp in seconds. */
  t: number;
  /** Mean of all rgb24 bytes (0–255), like the seed's `arr.mean()`. */
  mean: number;
  /** Largest byte. */
  max: number;
}

export interface BrightnessReport {
  samples: BrightnessSample[];
  /** Timestamps whose mean is below the quiet threshold. */
  dark: number[];
  /** Timestamps past the end of the video (no frame came back). */
  missing: number[];
  /** One human line per problem, for the CLI to print. */
  warnings: string[];
}

export interface BrightnessOptions {
  ffmpeg: FfmpegLike;
  /** Mean below this is too dark even for a quiet section (seed: "mean > 5 for quiet sections"). Default 5. */
  quietThreshold?: number;
  signal?: AbortSignal;
  /**
   * Added to every time in the report: `file` is a segment starting this many seconds into the final video (the
   * timestamps given are relative to the segment; the report speaks of the video).
   */
  offsetS?: number;
  /**
   * What the caller already knows of `file` (it encoded it): the probe is skipped. An ffmpeg run costs ~80 ms on a
   * 1080p H.264 segment here, paid per segment when every segment is checked.
   */
  known?: { width: number; height: number; durationS: number };
}

/**
 * The seed's spot-check times (2, 30, 60, 120, 180 s) that fall inside the video, plus its middle when few do. Given
 * the frame rate, every time is snapped to the start of a frame the video holds (frame floor(t·fps), the middle one
 * floor(frames / 2)), so a 1- or 2-frame video or a short `--frames` range is checked on a frame it has; without it
 * the middle is d/2 (floored to the millisecond), which can fall after the last frame of a very short video.
 */
export function brightnessTimestamps(durationS: number, fps?: number): number[] {
  if (fps !== undefined && fps > 0 && durationS > 0) {
    const frames = Math.max(1, Math.round(durationS * fps));
    const at = (k: number) => Math.round((k / fps) * 1e6) / 1e6;
    const ks = [2, 30, 60, 120, 180].map((t) => Math.floor(t * fps + 1e-6)).filter((k) => k < frames && k / fps < durationS - 0.05);
    if (ks.length < 2) ks.push(Math.floor(frames / 2));
    return [...new Set(ks)].sort((a, b) => a - b).map(at);
  }
  const ts = [2, 30, 60, 120, 180].filter((t) => t < durationS - 0.05);
  if (ts.length < 2 && durationS > 0) ts.push(Math.floor(durationS * 500) / 1000);
  return [...new Set(ts)].sort((a, b) => a - b);
}

/**
 * Decodes one frame at each timestamp (`-ss t -i file -frames:v 1 -f rawvideo -pix_fmt rgb24 -`) and reports its
 * mean and max byte, flagging frames darker than the quiet threshold (seed, "Brightness Verification").
 */
export async function verifyBrightness(file: string, timestamps: readonly number[], o: BrightnessOptions): Promise<BrightnessReport> {
  const bin = ffmpegPathOf(o.ffmpeg);
  const abs = path.resolve(file);
  // The probe and the decodes are independent ffmpeg runs, so they overlap, at most one decode per core (each reads
  // from the keyframe before t: about a second for 1080p H.264 here, and a decoder's memory each).
  const signal = o.signal ? { signal: o.signal } : {};
  const decode = (t: number) =>
    runFfmpegBytes(bin, ['-ss', String(t), '-i', abs, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], {
      what: `reading the frame at ${t}s of ${abs}`,
      ...signal,
    });
  const probed = o.known ? Promise.resolve(o.known) : probe(abs, { ffmpeg: bin, ...signal });
  probed.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
  const frames: Uint8Array[] = [];
  const cores = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  for (let k = 0; k < timestamps.length; k += cores) {
    frames.push(...(await Promise.all(timestamps.slice(k, k + cores).map(decode))));
  }
  const info = await probed;
  const frameBytes = info.width * info.height * 3;
  // `-ss t` returns the first frame at or after t; when none is, but t is still inside the video, the frame shown at t
  // is the last one (t lies in the last frame's span): decode that instead of reporting a frame missing.
  const last = () =>
    runFfmpegBytes(bin, ['-sseof', '-0.5', '-i', abs, '-vf', 'reverse', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], {
      what: `reading the last frame of ${abs}`,
      ...signal,
    });
  let lastFrame: Promise<Uint8Array> | undefined;
  for (let k = 0; k < timestamps.length; k++) {
    if (frameBytes > 0 && frames[k]!.length < frameBytes && (timestamps[k] as number) < info.durationS - 1e-6) frames[k] = await (lastFrame ??= last());
  }
  const quiet = o.quietThreshold ?? 5;
  const report: BrightnessReport = { samples: [], dark: [], missing: [], warnings: [] };
  const offset = o.offsetS ?? 0;
  timestamps.forEach((local, k) => {
    const bytes = frames[k]!;
    const t = Math.round((local + offset) * 1000) / 1000;
    if (bytes.length < frameBytes || frameBytes === 0) {
      report.missing.push(t);
      report.warnings.push(`t=${t}s: no frame (the video is ${info.durationS.toFixed(2)} s long)`);
      return;
    }
    let sum = 0;
    let max = 0;
    for (let i = 0; i < frameBytes; i++) {
      const b = bytes[i] as number;
      sum += b;
      if (b > max) max = b;
    }
    const mean = sum / frameBytes;
    report.samples.push({ t, mean, max });
    if (mean < quiet) {
      report.dark.push(t);
      report.warnings.push(`t=${t}s is too dark: mean ${mean.toFixed(1)} < ${quiet} (raise the effects' brightness floor or the tonemap gamma)`);
    }
  });
  return report;
}
