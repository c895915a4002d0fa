import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { copyFile, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GlyphreelError } from '@glyphreel/core';
import { atomicOutput, runFfmpeg } from '@glyphreel/encode';
import type { WorkUnit } from '../runtime/plan.js';

/** One machine's slice of a render: shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** What a shard wrote, and everything `glyphreel join` checks the shards agree on. */
export interface ShardManifest {
  glyphreel: 'shard';
  version: 1;
  shard: Shard;
  /** sha256 of the project (the scene file's bytes or the inline project) and its plugins. */
  project: string;
  /** Everything that changes a pixel or the stream: every shard must have rendered with the same values. */
  settings: {
    width: number;
    height: number;
    fps: number;
    seed: number;
    crf: number;
    preset: string;
    codec: 'mp4' | 'webm';
    gridScale: number;
    shaders: string;
    particlesMax: number;
  };
  totalFrames: number;
  /** The soundtrack, copied into the shard directory (content-named), or null for a silent render. */
  audio: string | null;
  /** Segment files in the shard directory with the frames [frameStart, frameEnd) of the timeline each holds. */
  segments: Array<{ file: string; frameStart: number; frameEnd: number; /** Size when written: join refuses a segment rewritten since. */ bytes?: number }>;
}

const MAX_SHARDS = 10000;

/** Parses `--shard i/n`. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !(count >= 1 && count <= MAX_SHARDS && index >= 1 && index <= count)) {
    throw new GlyphreelError('E_USAGE', `Invalid --shard "${text}": expected i/n with 1 <= i <= n <= ${MAX_SHARDS}`, { hint: 'e.g. --shard 2/4 renders the second of four slices' });
  }
  return { index, count };
}

/**
 * The largest work unit of a sharded render. It must not depend on the machine (every shard plans the same units
 * and keeps its own slice), so it comes from the timeline and the shard count only: about two units per shard, none
 * shorter than two seconds.
 */
export function shardUnitFrames(totalFrames: number, count: number, fps: number): number {
  return Math.max(Math.ceil(totalFrames / (2 * count)), Math.round(2 * fps));
}

/**
 * The units of one shard: contiguous runs of the timeline, a unit going to the shard its first frame falls in when
 * the timeline is cut into `count` equal parts. Every unit lands in exactly one shard; with more shards than units
 * some shards are empty (they still write a manifest, so `join` sees that they ran).
 */
export function shardUnits(units: readonly WorkUnit[], totalFrames: number, shard: Shard): WorkUnit[] {
  return units.filter((u) => Math.min(shard.count, Math.floor((u.frameStart * shard.count) / totalFrames) + 1) === shard.index);
}

export const manifestName = (s: Shard) => `shard-${s.index}-of-${s.count}.json`;

async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** The project's identity for the manifests: a scene file's bytes (its name does not matter) or the inline project. */
export async function projectHash(source: { file: string } | { raw: unknown }, plugins: readonly string[]): Promise<string> {
  const h = createHash('sha256');
  h.update('file' in source ? await readFile(source.file) : JSON.stringify(source.raw));
  h.update(JSON.stringify(plugins));
  return h.digest('hex');
}

const AUDIO_FILE = /\.(wav|mp3|m4a|aac|flac|ogg|oga|opus|wma|aif|aiff)$/i;

/**
 * Copies the soundtrack into the shard directory under a name made from what it was made of (`sources`: the music
 * and narration files, by content, and `note`: how they were placed), so every shard of one render names the same
 * file, even where machines mix narration with different ffmpeg builds, and the directory alone is enough to join.
 * An existing copy with that name is kept. A soundtrack in a video file (`--video` keeps its own sound) has its
 * audio stream copied out with `ffmpeg` instead of the whole video.
 */
export async function storeAudio(dir: string, audio: string, sources: readonly string[], note = '', ffmpeg?: string): Promise<string> {
  const h = createHash('sha256');
  for (const f of sources) h.update(await sha256File(f));
  h.update(note);
  const extract = !AUDIO_FILE.test(audio) && ffmpeg !== undefined;
  const name = `audio-${h.digest('hex').slice(0, 16)}${extract ? '.mka' : path.extname(audio).toLowerCase() || '.audio'}`;
  const target = path.join(dir, name);
  if (!existsSync(target)) {
    const out = await atomicOutput(target);
    await out.write(async () => {
      if (extract) await runFfmpeg(ffmpeg, ['-y', '-i', audio, '-map', '0:a:0', '-vn', '-c:a', 'copy', '-f', 'matroska', out.tempPath], { what: `copying the sound of ${path.basename(audio)}` });
      else await copyFile(audio, out.tempPath);
    });
  }
  return name;
}

/**
 * Moves a finished shard's segments into the shard directory and writes its manifest last, so a manifest only ever
 * names complete segments. Segments of an earlier run of the same shard that the new one does not name are removed
 * after the new manifest is in place.
 */
export async function commitShard(dir: string, manifest: ShardManifest, segments: ReadonlyArray<{ from: string; file: string }>): Promise<string> {
  checkShardFolder(dir, manifest.shard);
  const target = path.join(dir, manifestName(manifest.shard));
  // An earlier run's manifest, if readable (a broken one names nothing to clean up).
  const previous = await readFile(target, 'utf8')
    .then((t) => JSON.parse(t) as ShardManifest)
    .catch(() => null);
  for (const s of segments) await rename(s.from, path.join(dir, s.file));
  const sizes = new Map<string, number>();
  for (const s of segments) sizes.set(s.file, (await stat(path.join(dir, s.file))).size);
  const written: ShardManifest = { ...manifest, segments: manifest.segments.map((s) => ({ ...s, bytes: sizes.get(s.file) ?? s.bytes })) };
  const out = await atomicOutput(target);
  await out.write(() => writeFile(out.tempPath, `${JSON.stringify(written, null, 2)}\n`));
  const kept = new Set(written.segments.map((s) => s.file));
  if (previous && Array.isArray(previous.segments)) {
    for (const s of previous.segments) {
      if (typeof s?.file === 'string' && !kept.has(s.file) && path.basename(s.file) === s.file) await rm(path.join(dir, s.file), { force: true });
    }
  }
  return target;
}

const MANIFEST_FILE = /^shard-(\d+)-of-(\d+)\.json$/;

/**
 * Refuses (E_USAGE) to render a shard into a folder holding shards of another split: their segments carry the same
 * unit names (s01_b_p00.mp4) for other frame ranges, so the new shard would overwrite another split's segments.
 */
export function checkShardFolder(dir: string, shard: Shard): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return; // not made yet
  }
  const others = names.filter((n) => {
    const m = MANIFEST_FILE.exec(n);
    return m !== null && Number(m[2]) !== shard.count;
  });
  if (!others.length) return;
  const counts = [...new Set(others.map((n) => Number(MANIFEST_FILE.exec(n)![2])))].sort((a, b) => a - b);
  throw new GlyphreelError('E_USAGE', `${dir} holds shards of a split into ${counts.join(', ')} (${others.sort().slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}); this is shard ${shard.index} of ${shard.count}`, {
    hint: 'render each split into its own folder (its segments would overwrite theirs), or remove that split\'s manifests and segments first',
  });
}

export interface JoinPlan {
  manifests: ShardManifest[];
  /** Segment paths in timeline order with their frame counts. */
  segments: Array<{ path: string; frames: number }>;
  settings: ShardManifest['settings'];
  totalFrames: number;
  /** Absolute path of the soundtrack in the directory, or null. */
  audio: string | null;
}

/** How each setting is named in a message about two renders that differ. */
export const SETTING_NAMES: Record<keyof ShardManifest['settings'], string> = {
  width: 'frame width',
  height: 'frame height',
  fps: 'frame rate',
  seed: 'seed',
  crf: 'crf',
  preset: 'encoder preset',
  codec: 'segment format',
  gridScale: 'grid scale (quality)',
  shaders: 'shader budget (quality)',
  particlesMax: 'particle budget (quality)',
};

/**
 * Reads and checks the manifests of a shard directory: one split (every `shard-i-of-n.json` with the same n), all n
 * present, the same project and settings, segments that exist and tile the timeline exactly. Each problem is one
 * GlyphreelError('E_INPUT') naming the shard and what to do. `audio`: a soundtrack to use instead of the one the
 * shards stored (or false for none).
 */
export async function planJoin(dir: string, options: { audio?: string | false } = {}): Promise<JoinPlan> {
  const abs = path.resolve(dir);
  if (!existsSync(abs) || !(await stat(abs)).isDirectory()) {
    throw new GlyphreelError('E_INPUT', `Shard directory ${dir} does not exist`, { hint: 'pass the folder the shards were rendered into (render --shard i/n -o FOLDER)' });
  }
  const names = (await readdir(abs)).filter((n) => /^shard-\d+-of-\d+\.json$/.test(n));
  if (!names.length) throw new GlyphreelError('E_INPUT', `No shard manifests (shard-i-of-n.json) in ${dir}`, { hint: 'render the shards first: glyphreel render ... --shard i/n -o FOLDER' });
  const manifests: ShardManifest[] = [];
  for (const n of names) {
    let m: ShardManifest;
    try {
      m = JSON.parse(await readFile(path.join(abs, n), 'utf8')) as ShardManifest;
    } catch (e) {
      throw new GlyphreelError('E_INPUT', `${n} in ${dir} is not valid JSON (${(e as Error).message})`, { hint: 'render that shard again' });
    }
    if (m?.glyphreel !== 'shard' || m.version !== 1 || !m.shard || !Array.isArray(m.segments) || !m.settings) {
      throw new GlyphreelError('E_INPUT', `${n} in ${dir} is not a glyphreel shard manifest`, { hint: 'render that shard again' });
    }
    if (n !== manifestName(m.shard)) throw new GlyphreelError('E_INPUT', `${n} in ${dir} describes shard ${m.shard.index} of ${m.shard.count}`, { hint: 'do not rename manifests; render that shard again' });
    manifests.push(m);
  }
  const counts = [...new Set(manifests.map((m) => m.shard.count))];
  if (counts.length > 1) {
    throw new GlyphreelError('E_INPUT', `${dir} holds shards of ${counts.length} different splits (of ${counts.sort((a, b) => a - b).join(', of ')})`, { hint: 'keep the shards of one split per folder' });
  }
  const count = counts[0]!;
  manifests.sort((a, b) => a.shard.index - b.shard.index);
  const have = new Set(manifests.map((m) => m.shard.index));
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((i) => !have.has(i));
  if (missing.length) {
    const list = missing.length > 8 ? `${missing.slice(0, 8).join(', ')} and ${missing.length - 8} more` : missing.join(', ');
    throw new GlyphreelError('E_INPUT', `Shard${missing.length > 1 ? 's' : ''} ${list} of ${count} ${missing.length > 1 ? 'are' : 'is'} missing in ${dir}`, {
      hint: `render ${missing.length > 1 ? 'them' : 'it'} into that folder with --shard ${missing[0]}/${count}${missing.length > 1 ? ' etc.' : ''}, the same project and the same settings`,
    });
  }
  const first = manifests[0]!;
  for (const m of manifests.slice(1)) {
    const who = `shard ${m.shard.index} of ${count}`;
    if (m.project !== first.project) throw new GlyphreelError('E_INPUT', `${who} was rendered from a different project than shard 1`, { hint: 'render every shard from the same scene file (or the same inputs at the same paths) and plugins' });
    for (const key of Object.keys(SETTING_NAMES) as Array<keyof ShardManifest['settings']>) {
      if (m.settings[key] !== first.settings[key]) {
        throw new GlyphreelError('E_INPUT', `${who} was rendered with ${SETTING_NAMES[key]} ${m.settings[key]}, shard 1 with ${first.settings[key]}`, { hint: 'render every shard with the same --quality, --resolution, --fps, --seed, --crf, --preset and --format' });
      }
    }
    if (m.totalFrames !== first.totalFrames) throw new GlyphreelError('E_INPUT', `${who} planned ${m.totalFrames} frames, shard 1 ${first.totalFrames}`, { hint: 'render every shard from the same project' });
    if (m.audio !== first.audio) throw new GlyphreelError('E_INPUT', `${who} was rendered with ${m.audio ? 'a different soundtrack' : 'no soundtrack'} than shard 1`, { hint: 'render every shard with the same --audio' });
  }
  const all = manifests.flatMap((m) => m.segments.map((s) => ({ ...s, shard: m.shard.index })));
  all.sort((a, b) => a.frameStart - b.frameStart);
  let at = 0;
  const segments: JoinPlan['segments'] = [];
  for (const s of all) {
    if (typeof s.file !== 'string' || path.basename(s.file) !== s.file) throw new GlyphreelError('E_INPUT', `shard ${s.shard} of ${count} names a segment outside ${dir}`, { hint: 'render that shard again' });
    if (s.frameStart !== at || !(s.frameEnd > s.frameStart)) {
      const what = s.frameStart > at ? `frames ${at}-${s.frameStart - 1} are in no shard` : `frames ${s.frameStart}-${Math.min(at, s.frameEnd) - 1} are in two shards`;
      throw new GlyphreelError('E_INPUT', `The shards in ${dir} do not tile the timeline: ${what}`, { hint: 'render every shard of one split with the same project and settings' });
    }
    const p = path.join(abs, s.file);
    if (!existsSync(p)) throw new GlyphreelError('E_INPUT', `Segment ${s.file} of shard ${s.shard} of ${count} is missing in ${dir}`, { hint: `render shard ${s.shard}/${count} again` });
    if (typeof s.bytes === 'number' && (await stat(p)).size !== s.bytes) {
      throw new GlyphreelError('E_INPUT', `Segment ${s.file} of shard ${s.shard} of ${count} was changed since that shard wrote it`, { hint: `render shard ${s.shard}/${count} again` });
    }
    segments.push({ path: p, frames: s.frameEnd - s.frameStart });
    at = s.frameEnd;
  }
  if (at !== first.totalFrames) throw new GlyphreelError('E_INPUT', `The shards in ${dir} end at frame ${at} of ${first.totalFrames}`, { hint: 'render every shard of one split with the same project and settings' });
  let audio: string | null = null;
  if (options.audio !== undefined) {
    audio = options.audio === false ? null : path.resolve(options.audio);
  } else if (first.audio) {
    audio = path.join(abs, path.basename(first.audio));
    if (!existsSync(audio)) throw new GlyphreelError('E_INPUT', `The soundtrack ${first.audio} is missing in ${dir}`, { hint: 'copy it back from a shard machine, or pass --audio FILE' });
  }
  return { manifests, segments, settings: first.settings, totalFrames: first.totalFrames, audio };
}
