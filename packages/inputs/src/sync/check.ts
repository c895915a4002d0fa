import { loadFeatures } from '../audio/load.js';
import { beatTimes, visualBeatTimes } from './beats.js';
import { syncReport, type SyncReport } from './report.js';

export interface SyncCheckOptions {
  ffmpegPath: string;
  /** Analysis rate for both the audio features and the video frames (the render's fps). */
  fps: number;
  /** Audio `beat` threshold (default 0.5). */
  threshold?: number;
  /** Visual beat brightness rise (default 30). */
  brightnessJump?: number;
  /** Match tolerance (default 50 ms). */
  toleranceMs?: number;
  /** Feature cache directory, or false to bypass the cache (see loadFeatures). */
  cacheDir?: string;
  cache?: boolean;
  signal?: AbortSignal;
}

export interface SyncCheckResult extends SyncReport {
  audioBeatsS: number[];
  visualBeatsS: number[];
}

/**
 * Catalog 5.1's sync verification end to end: beats of `audio` from the audio analysis (features at `fps`), visual
 * beats of `video` (brightness jumps), and the greedy match report. `audio` may be the rendered video itself when it
 * carries the soundtrack.
 */
export async function syncCheck(video: string, audio: string, options: SyncCheckOptions): Promise<SyncCheckResult> {
  const signal = options.signal ? { signal: options.signal } : {};
  const { table } = await loadFeatures(audio, {
    ffmpegPath: options.ffmpegPath,
    fps: options.fps,
    ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
    ...(options.cache === undefined ? {} : { cache: options.cache }),
    ...signal,
  });
  const audioBeatsS = beatTimes(table, options.fps, options.threshold ?? 0.5);
  const visualBeatsS = await visualBeatTimes(video, {
    ffmpegPath: options.ffmpegPath,
    fps: options.fps,
    ...(options.brightnessJump === undefined ? {} : { brightnessJump: options.brightnessJump }),
    ...signal,
  });
  return { ...syncReport(audioBeatsS, visualBeatsS, options.toleranceMs ?? 50), audioBeatsS, visualBeatsS };
}
