import { GlyphreelError, type FeatureTable } from '@glyphreel/core';
import { runFfmpegBytes } from '@glyphreel/encode';

/**
 * Audio beat times (catalog 5.1 `extract_beat_timestamps`): frame/fps of every frame whose `beat` feature exceeds
 * `threshold`. Frame i is at exactly i/fps (the analysis centres frame i's window on that instant).
 */
export function beatTimes(features: FeatureTable, fps: number, threshold = 0.5): number[] {
  if (!(fps > 0)) throw new GlyphreelError('E_PARAM', `beatTimes: fps must be > 0, got ${fps}`);
  const beat = features.series('beat');
  const out: number[] = [];
  for (let i = 0; i < beat.length; i++) if ((beat[i] as number) > threshold) out.push(i / fps);
  return out;
}

export interface VisualBeatOptions {
  ffmpegPath: string;
  /** Rate the video is sampled at; visual beat k is reported at frame/fps. */
  fps: number;
  /** Mean gray-level rise (0–255 scale) from one frame to the next that counts as a visual beat. Default 30. */
  brightnessJump?: number;
  signal?: AbortSignal;
}

/** Frames are shrunk to this many pixels per side; the mean brightness needs no more and no aspect. */
export const VISUAL_PROBE_SIZE = 64;

/** Mean gray level of each frame of a rawvideo gray buffer; a trailing partial frame is ignored. */
export function frameMeans(gray: Uint8Array, frameBytes: number): Float64Array {
  const frames = Math.floor(gray.length / frameBytes);
  const out = new Float64Array(frames);
  for (let f = 0, o = 0; f < frames; f++) {
    let sum = 0;
    for (const end = o + frameBytes; o < end; o++) sum += gray[o] as number;
    out[f] = sum / frameBytes;
  }
  return out;
}

/** Frame indices whose mean rose by more than `jump` since the previous frame (frame 0 has no previous). */
export function brightnessJumps(means: Float64Array, jump: number): number[] {
  const out: number[] = [];
  for (let i = 1; i < means.length; i++) if ((means[i] as number) - (means[i - 1] as number) > jump) out.push(i);
  return out;
}

/**
 * Visual beat times (catalog 5.1 `extract_visual_beat_timestamps`): ffmpeg resamples the video to `fps`, shrinks it
 * to 64×64 gray (area average, so the mean is that of the full frame; the size is fixed, so no probe is needed) and
 * writes raw bytes; every frame whose mean brightness rose by more than `brightnessJump` since the previous frame is
 * reported at frame/fps. Like the reference, frame 0 is never a beat (it has nothing to rise from).
 */
export async function visualBeatTimes(videoFile: string, options: VisualBeatOptions): Promise<number[]> {
  const { fps } = options;
  if (!(fps > 0)) throw new GlyphreelError('E_PARAM', `visualBeatTimes: fps must be > 0, got ${fps}`);
  const jump = options.brightnessJump ?? 30;
  const n = VISUAL_PROBE_SIZE;
  const gray = await runFfmpegBytes(
    options.ffmpegPath,
    ['-i', videoFile, '-an', '-sn', '-vf', `fps=${fps},scale=${n}:${n}:flags=area,format=gray`, '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'],
    { what: `measuring brightness of ${videoFile}`, ...(options.signal ? { signal: options.signal } : {}) },
  );
  return brightnessJumps(frameMeans(gray, n * n), jump).map((i) => i / fps);
}
