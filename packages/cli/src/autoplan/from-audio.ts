import { GlyphreelError, type Registry } from '@glyphreel/core';
import { findFfmpeg } from '@glyphreel/encode';
import { loadFeatures, type LoadedFeatures } from '@glyphreel/inputs';
import { autoPlanDetailed, type PlannedSection, type RawProject } from './plan.js';
import type { ShaderTier } from './looks.js';

export interface PlanFromAudioOptions {
  /** The render's frame rate: cuts land on its frames, so plan at the fps the video will have. */
  fps: number;
  registry: Registry;
  seed: number;
  shaders?: ShaderTier;
  /** ffmpeg to decode with (default: findFfmpeg()). */
  ffmpegPath?: string;
  /** Feature cache directory (default: the inputs package's). */
  cacheDir?: string;
  /** What to write as the plan's `audio` (default: `file` as given). */
  audioRef?: string;
  /** Stops the analysis; rejects with E_CANCELLED. */
  signal?: AbortSignal;
}

/**
 * The whole zero-config path for `glyphreel render --audio song.mp3`: analyse the soundtrack (through the feature
 * cache, so a re-render decodes nothing) and plan a video as long as the track.
 */
export async function planFromAudio(file: string, options: PlanFromAudioOptions): Promise<{ project: RawProject; sections: PlannedSection[]; features: LoadedFeatures }> {
  const ffmpegPath = options.ffmpegPath ?? (await findFfmpeg()).path;
  const features = await loadFeatures(file, { ffmpegPath, fps: options.fps, ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  // The timeline is as long as the analysed frames, so the last scene ends where the features do.
  const durationS = features.table.frames / options.fps;
  if (features.table.frames === 0) {
    // Whichever is wrong: a song shorter than a frame at a normal rate, or a rate so low that one frame outlasts it.
    const frameS = 1 / options.fps;
    throw new GlyphreelError('E_INPUT', `"${file}" (${features.durationS.toFixed(3)} s) is shorter than one video frame (${frameS.toFixed(3)} s at ${options.fps} fps); nothing to plan`, {
      hint: options.fps < 1 ? `use a higher --fps (e.g. 24)` : 'use a longer soundtrack',
    });
  }
  const { project, sections } = autoPlanDetailed(features.table, {
    fps: options.fps,
    durationS,
    registry: options.registry,
    seed: options.seed,
    audio: options.audioRef ?? file,
    ...(options.shaders ? { shaders: options.shaders } : {}),
  });
  return { project, sections, features };
}
