import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { GlyphreelError, type FeatureTable } from '@glyphreel/core';
import { AUDIO_ANALYSIS_VERSION, analyzeAudio, DEFAULT_SAMPLE_RATE, frameCountFor } from './analyze.js';
import { defaultFeatureCacheDir, featureCachePath, hashFile, readFeatureCache, writeFeatureCache, type FeatureCacheKey } from './cache.js';
import { decodeAudio } from './decode.js';

export interface LoadFeaturesOptions {
  ffmpegPath: string;
  fps: number;
  /** Analysis rate (default 22050). */
  sampleRate?: number;
  /** Frame count; default round(duration · fps). */
  frames?: number;
  /** Cache directory (default: see defaultFeatureCacheDir). */
  cacheDir?: string;
  /** false: neither read nor write the cache. */
  cache?: boolean;
  signal?: AbortSignal;
}

export interface LoadedFeatures {
  table: FeatureTable;
  /** True when the table came from the cache (nothing was decoded). */
  fromCache: boolean;
  /** The cache entry's path (undefined with cache: false). */
  cachePath: string | undefined;
  /** sha256 of the audio file. */
  contentHash: string;
  sampleRate: number;
  sampleCount: number;
  durationS: number;
  /** max |sample|; 0 for digital silence. */
  peak: number;
  /** The track is (digitally) silent: every feature is flat and there are no beats. */
  silent: boolean;
  /** Why the cache could not be written, if it could not (the features are still returned). */
  cacheError: string | undefined;
}

/**
 * Removes this song's entries written by another analysis version (never read again: the version is in the key), so
 * the cache does not keep every version of every song. Other songs' entries are left alone. Never throws.
 */
function dropOlderVersions(dir: string, contentHash: string): void {
  const prefix = `${contentHash.slice(0, 16)}-`;
  const current = `-v${AUDIO_ANALYSIS_VERSION}-`;
  try {
    for (const name of readdirSync(dir)) {
      if (name.startsWith(prefix) && name.endsWith('.glyfeat') && !name.includes(current)) rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    // a cache that cannot be listed is left as it is
  }
}

/** One 16-bit step: anything quieter is digital silence or dither. */
const SILENCE_PEAK = 1 / 32768;

/**
 * The 19 audio features of `file`: from the feature cache when an entry for these bytes and settings exists, else
 * decoded, analyzed and stored. A cache that cannot be written does not fail the call (see `cacheError`).
 */
export async function loadFeatures(file: string, options: LoadFeaturesOptions): Promise<LoadedFeatures> {
  const sampleRate = options.sampleRate ?? DEFAULT_SAMPLE_RATE;
  const useCache = options.cache !== false;
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
  } catch {
    throw new GlyphreelError('E_INPUT', `Cannot read audio from "${file}": no such file`, { hint: 'check the path' });
  }
  let contentHash: string;
  try {
    contentHash = await hashFile(file);
  } catch (err) {
    throw new GlyphreelError('E_INPUT', `Cannot read audio from "${file}": ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      hint: 'check the file permissions',
      cause: err,
    });
  }
  const key: FeatureCacheKey = {
    contentHash,
    sampleRate,
    fps: options.fps,
    frames: options.frames ?? null,
    version: AUDIO_ANALYSIS_VERSION,
  };
  const cacheDir = options.cacheDir ?? defaultFeatureCacheDir();
  // A requested frame count equal to the track's own (round(duration·fps)) is the same table as "auto": one entry
  // serves both (the zero-config plan asks for auto, the render then for its exact count: two identical files).
  const autoKey: FeatureCacheKey = { ...key, frames: null };
  let cachePath = useCache ? featureCachePath(cacheDir, key) : undefined;
  const common = { contentHash, sampleRate, cacheError: undefined };
  if (cachePath) {
    const hit = readFeatureCache(cachePath, key);
    if (hit) return { ...common, cachePath, ...hit, fromCache: true, silent: hit.peak <= SILENCE_PEAK };
    if (key.frames !== null) {
      const autoPath = featureCachePath(cacheDir, autoKey);
      const auto = readFeatureCache(autoPath, autoKey);
      if (auto && auto.table.frames === key.frames) return { ...common, cachePath: autoPath, ...auto, fromCache: true, silent: auto.peak <= SILENCE_PEAK };
    }
  }

  const samples = await decodeAudio(file, { ffmpegPath: options.ffmpegPath, sampleRate, ...(options.signal ? { signal: options.signal } : {}) });
  const table = analyzeAudio(samples, { sampleRate, fps: options.fps, ...(options.frames === undefined ? {} : { frames: options.frames }) });
  let peak = 0;
  for (let i = 0; i < samples.length; i++) {
    const a = Math.abs(samples[i] as number);
    if (a > peak) peak = a;
  }
  const meta = { sampleCount: samples.length, durationS: samples.length / sampleRate, peak };
  let cacheError: string | undefined;
  const natural = key.frames !== null && key.frames === frameCountFor(samples.length, sampleRate, options.fps);
  if (cachePath && natural) cachePath = featureCachePath(cacheDir, autoKey);
  if (cachePath) {
    try {
      writeFeatureCache(cachePath, natural ? autoKey : key, { table, ...meta });
      dropOlderVersions(cacheDir, contentHash);
    } catch (err) {
      cacheError = `could not write the feature cache ${cachePath}: ${(err as Error).message}`;
    }
  }
  return { ...common, cachePath, ...meta, table, fromCache: false, silent: peak <= SILENCE_PEAK, cacheError };
}
