import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { FeatureTable } from '@glyphreel/core';

/**
 * The on-disk feature cache. Features are a function of the audio bytes and the analysis settings only, so an entry
 * is keyed by the file's sha256 (not its path or mtime: a renamed or re-downloaded file still hits) and by
 * (sample rate, fps, requested frames, algorithm version). One entry is one file:
 *
 *   "GLYRFEA1" | u32 LE header length | JSON header | zero padding to a multiple of 4 | Float32 LE payload
 *
 * The header repeats the key and carries the payload's byte length and sha256, so a truncated, bit-flipped or
 * foreign file is detected and ignored (then recomputed and overwritten). Entries are written to a temporary file
 * in the same directory and renamed into place, so a reader never sees half an entry and concurrent renders of the
 * same track cannot corrupt each other. The cache is not a render intermediate: cleanup never removes it.
 */

const MAGIC = 'GLYRFEA1';
export const FEATURE_CACHE_FORMAT = 1;

export interface FeatureCacheKey {
  /** sha256 of the audio file's bytes, hex. */
  contentHash: string;
  sampleRate: number;
  fps: number;
  /** The requested frame count, or null for round(duration · fps). */
  frames: number | null;
  /** AUDIO_ANALYSIS_VERSION at the time of analysis. */
  version: number;
}

/** What a cache entry stores besides the table. */
export interface FeatureCacheMeta {
  sampleCount: number;
  durationS: number;
  /** max |sample| of the decoded track. */
  peak: number;
}

export interface FeatureCacheEntry extends FeatureCacheMeta {
  table: FeatureTable;
}

interface Header extends FeatureCacheMeta {
  format: number;
  key: FeatureCacheKey;
  names: string[];
  frames: number;
  payloadBytes: number;
  payloadSha256: string;
}

/**
 * `$GLYPHREEL_CACHE_DIR/features` when set (GLYPHREEL_CACHE_DIR is glyphreel's cache root), else
 * `$XDG_CACHE_HOME/glyphreel/features`, else `~/.cache/glyphreel/features`.
 */
export function defaultFeatureCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GLYPHREEL_CACHE_DIR) return path.join(env.GLYPHREEL_CACHE_DIR, 'features');
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(homedir(), '.cache');
  return path.join(base, 'glyphreel', 'features');
}

/** sha256 of a file's bytes, streamed (hex). */
export function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file, { highWaterMark: 1 << 20 })
      .on('data', (c) => hash.update(c))
      .once('error', reject)
      .once('end', () => resolve(hash.digest('hex')));
  });
}

function canonicalKey(key: FeatureCacheKey): string {
  return JSON.stringify([key.contentHash, key.sampleRate, key.fps, key.frames, key.version, FEATURE_CACHE_FORMAT]);
}

/** The entry's file name inside the cache dir: readable settings plus a hash of the whole key. */
export function featureCachePath(dir: string, key: FeatureCacheKey): string {
  const h = createHash('sha256').update(canonicalKey(key)).digest('hex').slice(0, 16);
  const frames = key.frames === null ? 'auto' : String(key.frames);
  return path.join(dir, `${key.contentHash.slice(0, 16)}-sr${key.sampleRate}-fps${key.fps}-f${frames}-v${key.version}-${h}.glyfeat`);
}

/** Reads an entry; undefined when it is missing, corrupt, or for another key. Never throws. */
export function readFeatureCache(file: string, key: FeatureCacheKey): FeatureCacheEntry | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return undefined;
  }
  try {
    if (buf.length < 12 || buf.toString('latin1', 0, 8) !== MAGIC) return undefined;
    const headerLen = buf.readUInt32LE(8);
    if (12 + headerLen > buf.length) return undefined;
    const header = JSON.parse(buf.toString('utf8', 12, 12 + headerLen)) as Header;
    if (header.format !== FEATURE_CACHE_FORMAT || canonicalKey(header.key) !== canonicalKey(key)) return undefined;
    const offset = (12 + headerLen + 3) & ~3;
    const { names, frames, payloadBytes } = header;
    if (!Array.isArray(names) || !Number.isInteger(frames) || payloadBytes !== names.length * frames * 4) return undefined;
    if (offset + payloadBytes !== buf.length) return undefined;
    const payload = buf.subarray(offset);
    if (createHash('sha256').update(payload).digest('hex') !== header.payloadSha256) return undefined;
    const table = new FeatureTable(names, frames);
    new Uint8Array(table.data.buffer, table.data.byteOffset, payloadBytes).set(payload);
    return { table, sampleCount: header.sampleCount, durationS: header.durationS, peak: header.peak };
  } catch {
    return undefined;
  }
}

/** Writes an entry atomically (temporary file in the same directory, then rename). Throws on I/O errors. */
export function writeFeatureCache(file: string, key: FeatureCacheKey, entry: FeatureCacheEntry): void {
  const { table } = entry;
  const payload = new Uint8Array(table.data.buffer, table.data.byteOffset, table.data.byteLength);
  const header: Header = {
    format: FEATURE_CACHE_FORMAT,
    key,
    names: [...table.names],
    frames: table.frames,
    sampleCount: entry.sampleCount,
    durationS: entry.durationS,
    peak: entry.peak,
    payloadBytes: payload.byteLength,
    payloadSha256: createHash('sha256').update(payload).digest('hex'),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const offset = (12 + json.length + 3) & ~3;
  const out = Buffer.alloc(offset + payload.byteLength);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(json.length, 8);
  json.copy(out, 12);
  out.set(payload, offset);
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, out);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
