import path from 'node:path';
import { findFfmpeg, probe } from '@glyphreel/encode';
import { detectHardware, resolveRenderSettings, type AspectPreset, type QualityPreference } from '@glyphreel/hardware';
import { loadFeatures } from '@glyphreel/inputs';
import { planFromAudio } from '../autoplan/from-audio.js';
import { buildRegistry } from '../runtime/plugins.js';

export interface AudioProjectOptions {
  audio: string;
  seed?: number;
  quality?: QualityPreference;
  aspect?: AspectPreset;
  resolution?: string;
  workers?: number;
  fps?: number;
  plugins?: string[];
  ffmpegPath?: string;
  cwd?: string;
  /** Ctrl-C: stops the analysis (its ffmpeg decode) and rejects with E_CANCELLED. */
  signal?: AbortSignal;
}

/**
 * The zero-config music video: analyse the song (cached by content) at the frame rate the render will use, then let
 * the planner cut it into sections on phrase boundaries and pick a look for each. `--seed` changes the plan.
 */
export async function audioProject(o: AudioProjectOptions): Promise<Record<string, unknown>> {
  const ffmpeg = await findFfmpeg({ ffmpegPath: o.ffmpegPath });
  const audio = path.resolve(o.audio);
  // The profile (hence fps and shader tier) depends on the duration. With --fps the analysis at that rate (which the
  // plan reuses from the cache) gives it; otherwise the container says it without decoding, where it can (an
  // analysis at 24 fps only for the duration cost ≈ 0.8 s and a third cache entry per song).
  const signal = o.signal ? { signal: o.signal } : {};
  let durationS: number | undefined;
  if (o.fps === undefined) {
    const p = await probe(audio, { ffmpeg: ffmpeg.path, ...signal }).catch(() => null);
    if (p?.hasAudio && p.audioDurationS > 0) durationS = p.audioDurationS;
  }
  // A file the probe cannot read goes through the analysis, whose errors name the audio problem.
  durationS ??= (await loadFeatures(audio, { ffmpegPath: ffmpeg.path, fps: o.fps ?? 24, ...signal })).durationS;
  const hw = await detectHardware({ gpus: false });
  const profile = resolveRenderSettings(hw, { quality: o.quality ?? 'auto', aspect: o.aspect, resolution: o.resolution, workers: o.workers ?? 0, durationS });
  const registry = await buildRegistry(o.plugins ?? [], o.cwd ?? process.cwd());
  const { project } = await planFromAudio(audio, { fps: o.fps ?? profile.fps, registry, seed: o.seed ?? 1, shaders: profile.shaders, ffmpegPath: ffmpeg.path, ...signal });
  return project as unknown as Record<string, unknown>;
}
