import path from 'node:path';
import { GlyphreelError } from '@glyphreel/core';

/** x264's presets, fastest first. */
export const X264_PRESETS = [
  'ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow', 'placebo',
] as const;
export type X264Preset = (typeof X264_PRESETS)[number];

/** The quality profile names of @glyphreel/hardware (catalog 1.11). */
export type QualityName = 'draft' | 'preview' | 'production' | 'max' | 'auto';

/**
 * Preset per quality profile, chosen from CPU cost on glyph frames, because every core is already busy rendering
 * and the encoder's CPU time comes straight out of the render's. Measured here (bench/encode.bench.mjs, 1080p, crf 20,
 * ffmpeg's own user+system time per frame; README, "Benchmark"): ultrafast ~75–90 ms, superfast ~36–39 ms, veryfast
 * ~44–50 ms, fast ~94–101 ms, with files at 1.9× / 1.5× / 1.1× / 1.0× the size of `fast`. Thin anti-aliased strokes
 * on black leave large residuals, and ultrafast (CAVLC, 16×16 partitions only, no deblocking) spends more on coding
 * them than superfast/veryfast spend on better prediction, so on this content ultrafast is both slower and bigger.
 * design.md's 58/25/11 fps (ultrafast/veryfast/fast) rank ultrafast first by wall time on other frames; by CPU time
 * on glyph frames it ranks third. Hence: draft → superfast (the cheapest), preview, production and auto → veryfast
 * (half the CPU of `fast` for files ~10% larger at the same crf), max (4K, crf 15: quality over time) → the
 * reference's `fast`. `--preset` overrides.
 */
export const PRESET_BY_QUALITY: Readonly<Record<QualityName, X264Preset>> = Object.freeze({
  draft: 'superfast',
  preview: 'veryfast',
  production: 'veryfast',
  auto: 'veryfast',
  max: 'fast',
});

export function presetForQuality(quality: QualityName): X264Preset {
  return PRESET_BY_QUALITY[quality];
}

/**
 * x264 threads per encoder so that `workers × threads` does not exceed the cores: each render worker owns one
 * encoder, and the workers themselves already keep every core busy rendering. At least 1; at most 16, beyond which
 * x264's frame threading stops paying at these resolutions and only adds latency and memory.
 */
export function x264Threads(workers: number, cores: number): number {
  const w = Math.max(1, Math.floor(workers));
  const c = Math.max(1, Math.floor(cores));
  return Math.min(16, Math.max(1, Math.floor(c / w)));
}

export type OutputFormat = 'mp4' | 'webm' | 'gif' | 'png';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['mp4', 'webm', 'gif', 'png'];

/**
 * The format a path implies: .mp4/.m4v/.mov → mp4, .webm, .gif; a name without an extension (a folder) → png
 * sequence. Any other extension is an E_USAGE error: `-o clip.mkv` once became a folder of pngs named clip.mkv.
 */
export function formatFromPath(p: string): OutputFormat {
  const ext = path.extname(p.replace(/[\\/]+$/, '')).slice(1).toLowerCase();
  if (ext === '') return 'png';
  if (ext === 'mp4' || ext === 'm4v' || ext === 'mov') return 'mp4';
  if (ext === 'webm') return 'webm';
  if (ext === 'gif') return 'gif';
  throw new GlyphreelError('E_USAGE', `Cannot tell the output format from "${p}": glyphreel writes .mp4, .webm and .gif files, or a png sequence into a folder`, {
    hint: 'rename the output (a folder name for png frames, e.g. frames/) or give --format mp4, webm, gif or png',
  });
}

/** yuv420p halves chroma in both directions, so mp4 and webm need even sizes; gif and png take any size. */
export function checkDimensions(width: number, height: number, format: OutputFormat): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 2 || height < 2 || width > 16384 || height > 16384) {
    throw new GlyphreelError('E_USAGE', `invalid frame size ${width}x${height}`, { hint: 'use whole numbers between 2 and 16384, e.g. 1920x1080' });
  }
  if ((format === 'mp4' || format === 'webm') && (width % 2 !== 0 || height % 2 !== 0)) {
    const w = width + (width % 2);
    const h = height + (height % 2);
    throw new GlyphreelError('E_USAGE', `frame size ${width}x${height} is odd; ${format} (yuv420p) needs an even width and height`, {
      hint: `use ${w}x${h}`,
    });
  }
}

export function checkCrf(crf: number, format: OutputFormat): void {
  const max = format === 'webm' ? 63 : 51;
  if (!Number.isFinite(crf) || crf < 0 || crf > max) {
    throw new GlyphreelError('E_USAGE', `--crf ${crf} is out of range for ${format}`, { hint: `use 0–${max} (lower is better quality; 18–28 is typical)` });
  }
}

export function checkFps(fps: number): void {
  if (!Number.isFinite(fps) || fps <= 0 || fps > 240) {
    throw new GlyphreelError('E_USAGE', `--fps ${fps} is invalid`, { hint: 'use a frame rate between 1 and 240, e.g. 24' });
  }
}

/**
 * VP9 speed from the x264 preset the quality profile picked, so one `--preset` drives both codecs: the two fastest
 * presets get libvpx's realtime mode, the rest its "good" mode at decreasing cpu-used (5 is the fastest that still
 * runs the full rate-distortion search).
 */
export function vp9Speed(preset: X264Preset): string[] {
  const i = X264_PRESETS.indexOf(preset);
  if (i <= 1) return ['-deadline', 'realtime', '-cpu-used', '8'];
  if (i <= 3) return ['-deadline', 'good', '-cpu-used', '5'];
  if (i <= 5) return ['-deadline', 'good', '-cpu-used', '4'];
  return ['-deadline', 'good', '-cpu-used', '2'];
}

/** Default CRF per format: the production profile's 20 for H.264, the reference's 30 for VP9 (catalog 1.12). */
export function defaultCrf(format: OutputFormat): number {
  return format === 'webm' ? 30 : 20;
}
