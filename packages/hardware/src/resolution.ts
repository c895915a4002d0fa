import { GlyphreelError } from '@glyphreel/core';
import { DEFAULT_MEM_PER_WORKER_MB, type HardwareInfo } from './detect.js';
import { qualityProfile, type ProfileOptions, type QualityPreference, type QualityProfile } from './profile.js';

export type AspectPreset = 'landscape' | 'portrait' | 'square' | 'ultrawide' | 'landscape4k' | 'portrait4k';

/** Resolution presets of catalog 1.11. */
export const ASPECT_PRESETS: Readonly<Record<AspectPreset, { width: number; height: number }>> = Object.freeze({
  landscape: { width: 1920, height: 1080 },
  portrait: { width: 1080, height: 1920 },
  square: { width: 1080, height: 1080 },
  ultrawide: { width: 2560, height: 1080 },
  landscape4k: { width: 3840, height: 2160 },
  portrait4k: { width: 2160, height: 3840 },
});

export const ASPECTS = Object.keys(ASPECT_PRESETS) as AspectPreset[];

/** Largest side accepted: beyond 8K the frame buffers alone exceed a worker's memory budget many times over. */
export const MAX_SIDE_PX = 8192;

/** Checks a frame size for the encoder: positive, even (yuv420p halves chroma), at most MAX_SIDE_PX. */
export function checkFrameSize(width: number, height: number, what = 'resolution'): void {
  const bad = (why: string, hint: string): never => {
    throw new GlyphreelError('E_USAGE', `Invalid ${what} ${width}x${height}: ${why}`, { hint });
  };
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    bad('width and height must be positive integers', 'e.g. 1280x720 (--resolution / resolution)');
  }
  if (width % 2 !== 0 || height % 2 !== 0) {
    bad('width and height must be even (H.264 yuv420p needs even sizes)', `try ${width + (width % 2)}x${height + (height % 2)}`);
  }
  if (width > MAX_SIDE_PX || height > MAX_SIDE_PX) bad(`a side is larger than ${MAX_SIDE_PX}`, 'use at most 8192 px per side');
}

/** Parses `--resolution WxH` ("1280x720", also "1280X720"); rejects "12x", "0x720", odd sizes, junk. */
export function parseResolution(text: string): { width: number; height: number } {
  const m = /^\s*(\d{1,6})\s*[xX×]\s*(\d{1,6})\s*$/.exec(text);
  if (!m) {
    throw new GlyphreelError('E_USAGE', `Invalid --resolution "${text}": expected WIDTHxHEIGHT`, { hint: 'e.g. 1920x1080 (--resolution / resolution)' });
  }
  const width = Number(m[1]);
  const height = Number(m[2]);
  checkFrameSize(width, height);
  return { width, height };
}

export function parseAspect(text: string): AspectPreset {
  if ((ASPECTS as string[]).includes(text)) return text as AspectPreset;
  throw new GlyphreelError('E_USAGE', `Unknown --aspect "${text}"`, { hint: `use one of ${ASPECTS.join(', ')}` });
}

/** Parses `--workers N`: 0 means auto; negative, fractional or junk values are errors. */
export function parseWorkers(text: string | number): number {
  const n = typeof text === 'number' ? text : /^\s*-?\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < 0) {
    throw new GlyphreelError('E_USAGE', `Invalid --workers "${text}": expected a whole number >= 0`, { hint: '0 (the default) picks the count from the hardware' });
  }
  if (n > 256) throw new GlyphreelError('E_USAGE', `Invalid --workers "${text}": at most 256`);
  return n;
}

export interface RenderRequest {
  quality?: QualityPreference;
  aspect?: AspectPreset;
  /** "WxH" or a parsed size. */
  resolution?: string | { width: number; height: number };
  /** 0 or undefined: from the hardware. */
  workers?: number;
  durationS: number;
  profile?: ProfileOptions;
}

/**
 * The seed's precedence (catalog 9.2 item 24): a --workers override replaces the detected count BEFORE the profile
 * is chosen; --aspect applies only without --resolution; --resolution wins.
 * Decision: an aspect preset keeps the profile's scale (draft portrait is 540x960, not 1080x1920 as in the seed,
 * so a draft stays a quick draft); the 4K presets are explicit sizes and are not scaled.
 */
export function resolveRenderSettings(hw: HardwareInfo, request: RenderRequest): QualityProfile {
  const workers = request.workers === undefined ? 0 : parseWorkers(request.workers);
  const effective = workers > 0 ? { ...hw, workers } : hw;
  const profile = { ...qualityProfile(effective, request.durationS, request.quality ?? 'auto', request.profile) };
  if (request.resolution !== undefined) {
    const size = typeof request.resolution === 'string' ? parseResolution(request.resolution) : request.resolution;
    checkFrameSize(size.width, size.height);
    profile.width = size.width;
    profile.height = size.height;
  } else if (request.aspect !== undefined && request.aspect !== 'landscape') {
    const preset = ASPECT_PRESETS[request.aspect];
    const scale = request.aspect.endsWith('4k') ? 1 : Math.min(profile.width, profile.height) / 1080;
    profile.width = even(preset.width * scale);
    profile.height = even(preset.height * scale);
  }
  // The per-worker memory budget is the reference's for 1080p; a larger frame costs about that many times more
  // (measured at 4K: ≈ 700 MB a worker with its encoder, against the 150 MB budget). Workers picked from the hardware
  // are capped so that they fit in 60 % of the memory at this size; an explicit --workers is the user's call.
  if (workers === 0 && hw.memGb > 0) {
    const scale = Math.max(1, (profile.width * profile.height) / (1920 * 1080));
    const per = hw.memPerWorkerMb > 0 ? hw.memPerWorkerMb : DEFAULT_MEM_PER_WORKER_MB;
    profile.workers = Math.max(1, Math.min(profile.workers, Math.floor((hw.memGb * 1024 * 0.6) / (per * scale))));
  }
  return profile;
}

function even(x: number): number {
  return Math.max(2, Math.round(x / 2) * 2);
}
