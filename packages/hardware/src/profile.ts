import { GlyphreelError, type RenderBudget } from '@glyphreel/core';
import type { HardwareInfo } from './detect.js';

export type QualityPreference = 'draft' | 'preview' | 'production' | 'max' | 'auto';
export const QUALITY_PREFERENCES: readonly QualityPreference[] = ['draft', 'preview', 'production', 'max', 'auto'];

export type X264Preset = 'ultrafast' | 'superfast' | 'veryfast' | 'faster' | 'fast' | 'medium' | 'slow' | 'slower' | 'veryslow' | 'placebo';

export interface QualityProfile extends RenderBudget {
  /** The preference asked for. */
  quality: QualityPreference;
  /** Which branch produced it: the named profile, or auto's low-end / long-render downgrades. */
  tier: 'draft' | 'preview' | 'production' | 'max' | 'low-end' | 'downgraded';
  width: number;
  height: number;
  fps: number;
  crf: number;
  workers: number;
  /**
   * Encoder speed preset: the encoder is often the ceiling (design.md, Speed), so it follows the profile. Measured on
   * glyph frames (packages/encode README), superfast costs less CPU than ultrafast and veryfast half of fast.
   */
  x264Preset: X264Preset;
}

/** The seed's per-frame cost at 1080p (~180 ms per frame per worker); a later issue calibrates it by measurement. */
export const SEED_SECONDS_PER_FRAME = 0.18;

/** Above this estimated render time (seconds), auto downgrades to 720p (the seed's "would take over an hour"). */
export const AUTO_DOWNGRADE_AFTER_S = 3600;

type Base = Omit<QualityProfile, 'quality' | 'workers'>;
const DRAFT: Base = { tier: 'draft', width: 960, height: 540, fps: 12, crf: 28, gridScale: 0.5, shaders: 'minimal', particlesMax: 200, x264Preset: 'superfast' };
const PREVIEW: Base = { tier: 'preview', width: 1280, height: 720, fps: 15, crf: 25, gridScale: 0.75, shaders: 'standard', particlesMax: 500, x264Preset: 'veryfast' };
const MAX: Base = { tier: 'max', width: 3840, height: 2160, fps: 30, crf: 15, gridScale: 2.0, shaders: 'full', particlesMax: 3000, x264Preset: 'fast' };
const PRODUCTION: Base = { tier: 'production', width: 1920, height: 1080, fps: 24, crf: 20, gridScale: 1.0, shaders: 'full', particlesMax: 1200, x264Preset: 'veryfast' };
const LOW_END: Base = { tier: 'low-end', width: 1280, height: 720, fps: 15, crf: 23, gridScale: 0.75, shaders: 'standard', particlesMax: 500, x264Preset: 'veryfast' };
const DOWNGRADED: Base = { tier: 'downgraded', width: 1280, height: 720, fps: 24, crf: 20, gridScale: 0.75, shaders: 'standard', particlesMax: 800, x264Preset: 'veryfast' };

export interface ProfileOptions {
  /** Per-frame cost used by auto's estimate, seconds per frame per worker at 1080p. Default: the seed's 0.18. */
  secondsPerFrame?: number;
}

/**
 * The seed's quality profiles (catalog 1.11). `draft`, `preview`, `max` and `production` are fixed. `auto` follows the
 * seed: a low-end machine (RAM < 4 GB or ≤ 2 cores) gets 720p15; a render estimated over an hour
 * (duration·24·cost/workers) gets 720p24; otherwise 1080p24.
 * Decision: the seed sends `production` through auto's downgrades too; here an explicit `production` is always
 * 1080p24 (a user who names it means it), and only `auto` adapts.
 */
export function qualityProfile(
  hw: Pick<HardwareInfo, 'workers' | 'memGb' | 'logicalCores'>,
  durationS: number,
  preference: QualityPreference = 'auto',
  options: ProfileOptions = {},
): QualityProfile {
  if (!QUALITY_PREFERENCES.includes(preference)) {
    throw new GlyphreelError('E_USAGE', `Unknown quality "${preference}"`, { hint: `use one of ${QUALITY_PREFERENCES.join(', ')}` });
  }
  if (!Number.isFinite(durationS) || durationS < 0) {
    throw new GlyphreelError('E_USAGE', `Duration must be a non-negative number of seconds, got ${durationS}`);
  }
  const workers = Math.max(1, Math.floor(hw.workers));
  const make = (base: Base, w = workers): QualityProfile => ({ ...base, quality: preference, workers: w });
  switch (preference) {
    case 'draft':
      return make(DRAFT, Math.min(4, workers));
    case 'preview':
      return make(PREVIEW);
    case 'max':
      return make(MAX);
    case 'production':
      return make(PRODUCTION);
    case 'auto': {
      if (hw.memGb < 4 || hw.logicalCores <= 2) return make(LOW_END);
      const spf = options.secondsPerFrame ?? SEED_SECONDS_PER_FRAME;
      const estimate = estimateRenderSeconds({ frames: Math.trunc(durationS * 24), secondsPerFrame: spf, workers });
      if (estimate > AUTO_DOWNGRADE_AFTER_S) return make(DOWNGRADED);
      return make(PRODUCTION);
    }
  }
}

export interface EstimateInput {
  frames: number;
  /** Render cost of one frame on one worker at 1080p, seconds. */
  secondsPerFrame: number;
  workers: number;
  /** Frame size; the cost scales with the pixel count relative to 1080p (the seed: 720p ≈ ×0.5, 4K ≈ ×4). */
  width?: number;
  height?: number;
  /** Work that does not parallelize (concat, mux), seconds per frame. Default 0. */
  serialSecondsPerFrame?: number;
}

/** Estimated wall time in seconds: frames·cost·(pixels/1080p)/workers + frames·serial. */
export function estimateRenderSeconds(input: EstimateInput): number {
  const { frames, secondsPerFrame, workers } = input;
  if (!(frames >= 0) || !(secondsPerFrame >= 0) || !(workers >= 1)) {
    throw new GlyphreelError('E_PARAM', `estimateRenderSeconds needs frames >= 0, secondsPerFrame >= 0, workers >= 1; got ${frames}, ${secondsPerFrame}, ${workers}`);
  }
  const scale = input.width && input.height ? (input.width * input.height) / (1920 * 1080) : 1;
  return (frames * secondsPerFrame * scale) / workers + frames * (input.serialSecondsPerFrame ?? 0);
}
