import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FeatureTable, GlyphreelError, isGlyphreelError } from '@glyphreel/core';
import {
  atomicOutput,
  checkOutputTarget,
  concatSegments,
  createWorkDir,
  findFfmpeg,
  formatFromPath,
  gifFromVideo,
  verifyBrightness,
  brightnessTimestamps,
  x264Threads,
  type OutputFormat,
  type ProbeResult,
  type WorkDir,
  untrackTemp,
} from '@glyphreel/encode';
import { prepareAtlases } from '@glyphreel/grid';
import { detectHardware, hardwareLine, renderLine, resolveRenderSettings, type AspectPreset, type HardwareInfo, type QualityPreference, type QualityProfile, type X264Preset } from '@glyphreel/hardware';
import { loadFeatures, mixNarration, syntheticFeatureTable, videoFeatures, type NarrationClip } from '@glyphreel/inputs';
import Tinypool from 'tinypool';
import { planFrames, planUnits, unitSizeFor, type WorkUnit } from '../runtime/plan.js';
import { FrameClaims } from './claims.js';
import { CANCEL_SLOT, controlSize, type ProjectSource, type RenderJob, type UnitResult } from './job.js';
import { drawnUnits, runSchedule } from './schedule.js';
import { checkShardFolder, commitShard, manifestName, projectHash, shardUnitFrames, shardUnits, storeAudio, type Shard, type ShardManifest } from './shard.js';
import { prepareProject, type Prepared } from './unit.js';
import { checkReuse, lockKept, readKept, sameSettings, segmentBytes, unitKey, writeKept, type KeptRecord, type KeptSettings } from './kept.js';
import { VERSION } from '../version.js';
import { projectChars, projectGridSizes, replaysForFree } from '../runtime/scene-runtime.js';

export interface RenderProgress {
  stage: 'prepare' | 'render' | 'join' | 'verify' | 'done';
  framesRendered: number;
  /** Frames ffmpeg reports as encoded (lags the rendered count; encoding runs while frames render). */
  framesEncoded: number;
  framesTotal: number;
  /** Frames per second over the render so far. */
  fps: number;
  etaS: number | undefined;
}

export interface RenderOptions {
  output: string;
  source: ProjectSource;
  format?: OutputFormat | 'none';
  plugins?: string[];
  quality?: QualityPreference;
  aspect?: AspectPreset;
  resolution?: string;
  fps?: number;
  workers?: number;
  crf?: number;
  preset?: X264Preset;
  seed?: number;
  /** Global frame range [start, end) to render (a preview of part of the timeline; no audio). */
  frames?: [number, number];
  /** Scene ids (`s01_drop`) or names to re-render; the others are reused from the kept work directory. */
  clips?: string[];
  /** Re-join the kept segments only. */
  skipRender?: boolean;
  keepIntermediates?: boolean;
  audio?: string;
  ffmpegPath?: string;
  cwd?: string;
  signal?: AbortSignal;
  onProgress?: (p: RenderProgress) => void;
  onLog?: (line: string) => void;
  hardware?: HardwareInfo;
  /** Features to use instead of synthetic ones (the audio analysis supplies them). */
  features?: FeatureTable;
  /** Largest work unit in frames (default: about two units per worker); long scenes are split to this size. */
  unitFrames?: number;
  /**
   * Split the last running units while they draw so that the workers finish together (default true; never with a
   * kept work directory, whose segments are reused by unit id).
   */
  splitTail?: boolean;
  /** A video whose picture features (brightness, motion, …) join the audio features. */
  videoFeaturesFrom?: string;
  /** Voice clips mixed over the soundtrack (besides the scene file's `narration`). */
  narration?: NarrationClip[];
  /**
   * Render only this machine's slice of the work units (`--shard i/n`): `output` is then a folder that receives the
   * slice's segments, the soundtrack and a manifest, for `glyphreel join` (joinShards) to put together.
   */
  shard?: Shard;
}

export interface RenderResult {
  output: string | null;
  format: OutputFormat | 'none';
  frames: number;
  width: number;
  height: number;
  fps: number;
  profile: QualityProfile;
  units: WorkUnit[];
  unitResults: UnitResult[];
  wallMs: number;
  warnings: string[];
}

/**
 * Neither part of a split unit is shorter than this. A video segment's new part pays an ffmpeg start, an x264
 * warm-up and a keyframe; png frames and discarded frames pay only a scene set-up, so their tail is cut finer: the
 * workers then end within a frame or two of each other instead of up to a dozen apart.
 */
const MIN_SPLIT_FRAMES = { video: 12, frames: 2 } as const;
/** Splits of the tail per worker at most (each halves what is left, so a few suffice). */
const MAX_SPLITS_PER_WORKER = 6;
/**
 * A split of a scene with state replays at most this many frames per frame it takes over: replaying is cell-level
 * work (particles, automata), about 1/50–1/100 of drawing a frame at 720p–1080p.
 */
const REPLAY_PER_STOLEN_FRAME = 20;

// Always the compiled worker: this module also runs from src/ under jest, where no worker.js sits beside it. The
// build bundles the worker's own ten modules into one file (importing it took a median 52 ms in a fresh worker,
// against 61 ms for the ten files; the @glyphreel packages stay external, one instance each); a build by tsc alone
// leaves only the per-file worker.
const DIST_RENDER = path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..'), 'dist', 'render');
const WORKER = existsSync(path.join(DIST_RENDER, 'worker.bundle.js')) ? path.join(DIST_RENDER, 'worker.bundle.js') : path.join(DIST_RENDER, 'worker.js');

function rebuildError(e: unknown): Error {
  // Structured cloning keeps an error's message but not a custom name: the marker is in the message.
  // `instanceof Error` is not used: the error may come from another realm (a worker, a test sandbox).
  const message = typeof (e as { message?: unknown })?.message === 'string' ? (e as { message: string }).message : '';
  if (message.startsWith('{"glyphreel":true')) {
    try {
      const j = JSON.parse(message) as { code: never; message: string; hint?: string };
      return new GlyphreelError(j.code, j.message, { hint: j.hint });
    } catch {
      return new Error(message);
    }
  }
  return message ? (e as Error) : new Error(String(e));
}

/** A kept work directory is cut into units like a shard of this many parts (enough for 16 workers, 2 units each). */
const KEPT_UNIT_SPLIT = 16;

/** A png sequence's frame file, as the encoder names it (`-start_number` = the global frame index). */
const frameFile = (i: number) => `${String(i).padStart(6, '0')}.png`;

/** A stable work directory beside the output, for --clip, --skip-render and --keep-intermediates. */
function stableWorkDir(output: string): string {
  const abs = path.resolve(output);
  return path.join(path.dirname(abs), `.${path.basename(abs)}.glyphreel`);
}

/**
 * The spot checks of `atS` (seconds of the output) that fall in the frames [frameStart, frameEnd), in seconds from
 * the start of that unit's segment, with the segment's offset in the output.
 */
function checksInUnit(atS: readonly number[], outputStartFrame: number, frameStart: number, frameEnd: number, fps: number): { atS: number[]; offsetS: number } {
  const a = (frameStart - outputStartFrame) / fps;
  const b = (frameEnd - outputStartFrame) / fps;
  return { atS: atS.filter((t) => t >= a - 1e-9 && t < b - 1e-9).map((t) => Math.round((t - a) * 1e6) / 1e6), offsetS: a };
}

/**
 * Whether segments live in a kept work directory, reused by unit id (--keep-intermediates, --clip, --skip-render).
 * Never for a shard: its segments are kept in the shard folder anyway.
 */
function keepsWorkDir(o: RenderOptions): boolean {
  return !o.shard && (o.keepIntermediates === true || (o.clips !== undefined && o.clips.length > 0) || o.skipRender === true);
}

/** Whether units may be split while they draw: not when segments are reused by unit id, nor when turned off. */
function tailSplits(o: RenderOptions): boolean {
  return !keepsWorkDir(o) && o.splitTail !== false;
}

/**
 * Loads a project and resolves the settings the render will use (also what `glyphreel list` prints). `replayFree[i]`:
 * scene i replays for free (pure fields), so a unit of it can be split anywhere.
 */
export async function planRender(o: RenderOptions): Promise<{ prepared: Prepared; profile: QualityProfile; units: WorkUnit[]; hw: HardwareInfo; replayFree: boolean[] }> {
  const cwd = o.cwd ?? process.cwd();
  const prepared = await prepareProject(o.source, o.plugins ?? [], cwd);
  const hw = o.hardware ?? (await detectHardware({ gpus: false }));
  const profile = resolveRenderSettings(hw, {
    // A shard must not depend on the machine it lands on, and auto picks from the hardware.
    quality: o.quality === undefined || o.quality === 'auto' ? (o.shard ? 'production' : 'auto') : o.quality,
    aspect: o.aspect,
    resolution: o.resolution,
    workers: o.workers ?? 0,
    durationS: prepared.project.durationS,
  });
  if (o.fps !== undefined) {
    if (!(o.fps > 0 && o.fps <= 240)) throw new GlyphreelError('E_USAGE', `Invalid --fps ${o.fps}`, { hint: 'use a frame rate in (0, 240]' });
    profile.fps = o.fps;
  }
  if (o.crf !== undefined) profile.crf = o.crf;
  if (o.preset !== undefined) profile.x264Preset = o.preset;
  const total = Math.round(prepared.project.durationS * profile.fps);
  // One unit per worker when any unit can be split as it draws (pure fields replay for free): the tail is balanced by
  // splitting, and each unit fewer saves an encoder start, a keyframe and a segment to join. Otherwise two.
  const replayFree = prepared.project.scenes.map((sc) => replaysForFree(sc, prepared.registry));
  const freeSplits = tailSplits(o) && prepared.project.scenes.every((sc, i) => sc.feedback === null && replayFree[i]);
  // Shards plan the same units on every machine, and a kept work directory is reused by unit id whatever the worker
  // count of the next run: there the unit size cannot depend on this machine's workers.
  const size =
    o.unitFrames ??
    (o.shard ? shardUnitFrames(total, o.shard.count, profile.fps) : keepsWorkDir(o) ? shardUnitFrames(total, KEPT_UNIT_SPLIT, profile.fps) : unitSizeFor(total, profile.workers, { unitsPerWorker: freeSplits ? 1 : 2 }));
  const units = planUnits(prepared.project.scenes, { fps: profile.fps, maxUnitFrames: size, unsplittable: (i) => prepared.project.scenes[i]!.feedback !== null });
  return { prepared, profile, units, hw, replayFree };
}

/**
 * Renders a project to a video: plan → render units in parallel (each worker its own renderer, RNG streams and
 * ffmpeg writing its own segment) → join segments (stream copy) and mux audio → verify → clean up. The output is
 * written to a temporary file beside the target and renamed only on success.
 */
export async function renderVideo(o: RenderOptions): Promise<RenderResult> {
  // Temporary files made along the way (the narration mix) go on every path, success, failure or Ctrl-C.
  const temps: string[] = [];
  // The worker pool starts before the audio analysis so that the workers' start-up overlaps it; it is destroyed
  // on every path too (the render stage destroys it as soon as the units are done).
  const held: { pool: Tinypool | null } = { pool: null };
  try {
    return await renderVideoInner(o, temps, held);
  } finally {
    await held.pool?.destroy();
    // Untracked once removed: the kept folder's lock may belong to the next render by the time this process exits.
    await Promise.all(temps.map(async (f) => {
      await rm(f, { force: true });
      untrackTemp(f);
    }));
  }
}

async function renderVideoInner(o: RenderOptions, temps: string[], held: { pool: Tinypool | null }): Promise<RenderResult> {
  const started = performance.now();
  const log = o.onLog ?? (() => undefined);
  const progress = o.onProgress ?? (() => undefined);
  const warnings: string[] = [];
  progress({ stage: 'prepare', framesRendered: 0, framesEncoded: 0, framesTotal: 0, fps: 0, etaS: undefined });
  const shard = o.shard ?? null;
  const format = o.format ?? (shard ? 'mp4' : o.output ? formatFromPath(o.output) : 'mp4');
  if (shard) {
    if (format !== 'mp4' && format !== 'webm') {
      throw new GlyphreelError('E_USAGE', `--shard renders video segments; --format ${format} cannot be sharded`, { hint: 'shard with --format mp4 or webm (join makes a gif from them); split a png render with --frames A-B' });
    }
    if (o.frames || o.clips?.length || o.skipRender) throw new GlyphreelError('E_USAGE', '--shard cannot be combined with --frames, --clip or --skip-render');
  }
  // A target that cannot be written (no such folder, a file where a folder is needed, a folder of the user's files,
  // a shard folder of another split) is refused now, not after the frames are drawn.
  if (!shard && format !== 'none') checkOutputTarget(o.output, { directory: format === 'png' });
  if (shard) checkShardFolder(o.output, shard);
  // Discovering ffmpeg (two runs of it, ~150 ms the first time) overlaps reading and validating the project.
  const found = format === 'none' ? Promise.resolve(null) : findFfmpeg({ ffmpegPath: o.ffmpegPath });
  found.catch(() => undefined); // awaited below, after the project's own errors
  const { prepared, profile, units: allUnits, hw, replayFree } = await planRender(o);
  const { project } = prepared;
  const fps = profile.fps;
  const total = Math.round(project.durationS * fps);
  if (format !== 'png' && format !== 'none' && (profile.width % 2 || profile.height % 2)) {
    throw new GlyphreelError('E_USAGE', `Invalid resolution ${profile.width}x${profile.height}: ${format} needs even sizes`);
  }

  // Which units to draw now.
  let units = shard ? shardUnits(allUnits, total, shard) : allUnits;
  if (o.frames) {
    const [a, b] = o.frames;
    if (!(Number.isInteger(a) && Number.isInteger(b) && a >= 0 && b > a && b <= total)) {
      // `frames` is [first, end): the user wrote the last frame, end − 1.
      throw new GlyphreelError('E_USAGE', `Invalid --frames ${a}-${b - 1}: the timeline has frames 0-${total - 1}`, { hint: `e.g. --frames 0-${Math.min(total, 48) - 1}` });
    }
    units = allUnits
      .filter((u) => u.frameEnd > a && u.frameStart < b)
      .map((u) => ({ ...u, frameStart: Math.max(u.frameStart, a), frameEnd: Math.min(u.frameEnd, b) }));
  }
  const clipSet = o.clips && o.clips.length ? new Set(o.clips) : null;
  if (clipSet) {
    const known = new Set(allUnits.flatMap((u) => [u.sceneId, project.scenes[u.sceneIndex]!.name]));
    for (const c of clipSet) if (!known.has(c)) throw new GlyphreelError('E_USAGE', `Unknown --clip "${c}"`, { hint: `scenes: ${[...new Set(allUnits.map((u) => u.sceneId))].join(', ')}` });
  }
  const partial = o.frames !== undefined;
  const stable = keepsWorkDir(o);
  if (partial && (clipSet || o.skipRender)) throw new GlyphreelError('E_USAGE', '--frames cannot be combined with --clip or --skip-render');
  let toDraw = o.skipRender ? [] : clipSet ? units.filter((u) => clipSet.has(u.sceneId) || clipSet.has(project.scenes[u.sceneIndex]!.name)) : units;
  const framesToDraw = planFrames(toDraw);
  const workers = Math.max(1, Math.min(profile.workers, toDraw.length || 1));
  const pool = toDraw.length ? new Tinypool({ filename: WORKER, minThreads: workers, maxThreads: workers, isolateWorkers: false }) : null;
  held.pool = pool;
  // The glyphs are rasterized once, here, while the workers start, and every worker adopts them: a worker then
  // neither loads the rasterizer (@napi-rs/canvas, a native library) nor draws the glyphs (≈ 20–40 ms of each
  // worker's start). A glyph the snapshots lack (custom scene text) is still drawn by the worker that needs it.
  // The grids of the render's frame size travel with them (coordinate fields, blit table): built once, here.
  const atlases = pool ? prepareAtlases({ gridScale: profile.gridScale, initChars: projectChars(project) }, projectGridSizes(project), { width: profile.width, height: profile.height }) : [];
  // Only now: the workers start while ffmpeg is being discovered (≈ 165 ms, two runs of it), instead of after.
  const ffmpeg = await found;

  // Features for every frame of the timeline, shared with the workers: the soundtrack's (cached by content) or,
  // with no audio, the synthetic ones of generative mode.
  let soundtrack = o.audio ?? project.audio;
  if (soundtrack && !existsSync(soundtrack)) throw new GlyphreelError('E_INPUT', `Audio file ${soundtrack} does not exist`);
  // Narration clips are mixed over the music first; the visuals then react to the mix (catalog 5.5).
  const narration = [...project.narration, ...(o.narration ?? [])];
  if (narration.length && ffmpeg && !partial) {
    const mixed = path.join(os.tmpdir(), `glyphreel-mix-${process.pid}-${Date.now().toString(36)}.wav`);
    temps.push(mixed);
    log(`Mixing ${narration.length} narration clip${narration.length > 1 ? 's' : ''}${soundtrack ? ' over the music' : ''}…`);
    const mix = await mixNarration({ ffmpegPath: ffmpeg.path, clips: narration, ...(soundtrack ? { music: soundtrack } : {}), durationS: total / fps, output: mixed, ...(o.signal ? { signal: o.signal } : {}) });
    for (const c of mix.clips) log(`  ${path.basename(c.file)} at ${c.startS.toFixed(2)}–${c.endS.toFixed(2)} s`);
    soundtrack = mixed;
  }
  let features = o.features;
  if (!features && soundtrack && ffmpeg) {
    log(`Analyzing ${path.basename(soundtrack)}…`);
    const loaded = await loadFeatures(soundtrack, { ffmpegPath: ffmpeg.path, fps, frames: total, ...(o.signal ? { signal: o.signal } : {}) });
    // Named as the user knows it: with narration the analysed file is a temporary mix.
    const music = o.audio ?? project.audio;
    const heard = soundtrack === music ? soundtrack : music ? `${music} with its narration` : 'The narration';
    if (loaded.silent) warnings.push(`${heard} is silent: the audio-reactive effects will not move`);
    if (loaded.cacheError) warnings.push(`feature cache not written: ${loaded.cacheError}`);
    features = loaded.table;
  }
  features ??= syntheticFeatureTable(total, fps, project.bpm);
  if (o.videoFeaturesFrom && ffmpeg) {
    log(`Measuring ${path.basename(o.videoFeaturesFrom)}…`);
    features = FeatureTable.merge(features, await videoFeatures({ ffmpegPath: ffmpeg.path, file: o.videoFeaturesFrom, fps, frames: total }));
  }
  const audio = partial ? null : soundtrack;
  // A gif or a png sequence has no audio anyway.
  if (partial && (o.audio ?? project.audio) && format !== 'gif' && format !== 'png') warnings.push('--frames renders part of the timeline without audio');
  const segFormat: 'mp4' | 'webm' | 'png' | 'none' = format === 'none' ? 'none' : format === 'png' ? 'png' : format === 'webm' ? 'webm' : 'mp4';
  const ext = segFormat === 'webm' ? 'webm' : 'mp4';
  const seed = o.seed ?? project.seed;
  // A gif is re-encoded from the joined video: keep the intermediate nearly lossless.
  const segCrf = format === 'gif' ? 12 : profile.crf;

  // A kept work directory: segments are reused by unit id only while they show what this render would draw, and
  // that is checked now, before anything is drawn.
  const keptDir = stable ? stableWorkDir(o.output) : null;
  let kept: KeptRecord | null = null;
  // By unit id: after the render, the drawn units are new objects (a kept directory never splits them).
  const keys = new Map<string, string>();
  if (keptDir && segFormat !== 'none') {
    // One render at a time per kept folder; released with the other temporaries when the render ends.
    temps.push(lockKept(keptDir));
    const settings: KeptSettings = {
      glyphreel: VERSION,
      width: profile.width,
      height: profile.height,
      fps,
      seed,
      crf: segCrf,
      preset: profile.x264Preset,
      codec: segFormat,
      gridScale: profile.gridScale,
      shaders: profile.shaders,
      particlesMax: profile.particlesMax,
      plugins: [...project.plugins, ...(o.plugins ?? [])],
    };
    for (const u of units) keys.set(u.id, unitKey(project, u, features, fps));
    const drawing = new Set(toDraw);
    const record = await readKept(keptDir);
    const target = path.resolve(o.output);
    checkReuse({
      dir: keptDir,
      record,
      settings,
      reused: units.filter((u) => !drawing.has(u)).map((u) => ({ unit: u, key: keys.get(u.id)! })),
      clips: o.clips ?? [],
      // A png sequence's kept frames are the earlier output's; a video's are the segments.
      stat: (u) => {
        if (segFormat !== 'png') return segmentBytes(path.join(keptDir, `${u.id}.${ext}`));
        for (let f = u.frameStart; f < u.frameEnd; f++) if (!existsSync(path.join(target, frameFile(f)))) return null;
        return 0;
      },
    });
    const ids = new Set(units.map((u) => u.id));
    const carried = record && !sameSettings(record.settings, settings) ? Object.entries(record.units).filter(([id]) => ids.has(id)) : [];
    kept = { glyphreel: 'kept', version: 1, settings, units: Object.fromEntries(carried) };
  }
  // Records a video segment drawn into the kept directory, once the encoder has renamed it into place; one write at
  // a time (units finish concurrently).
  let keptWrites = Promise.resolve();
  const recordSegment = (u: WorkUnit, frameEnd: number, bytes: number): Promise<void> => {
    if (!kept || !keptDir) return Promise.resolve();
    const record = kept;
    const dir = keptDir;
    record.units[u.id] = { frameStart: u.frameStart, frameEnd, key: keys.get(u.id)!, bytes };
    keptWrites = keptWrites.then(() => writeKept(dir, record));
    return keptWrites;
  };

  // The png folder's temp first: when it cannot be made (the target may not be replaced), no work directory is left.
  const pngOut = format === 'png' ? await atomicOutput(o.output, { directory: true }) : null;
  // Where segments go.
  let work: WorkDir | null = null;
  let segDir: string;
  try {
    if (keptDir) {
      segDir = keptDir;
      await mkdir(segDir, { recursive: true });
    } else if (shard) {
      // Inside the shard folder: the finished segments are moved out of it by a rename.
      await mkdir(o.output, { recursive: true });
      work = await createWorkDir({ keep: false, besideOutput: path.join(o.output, manifestName(shard)) });
      segDir = work.path;
    } else {
      work = await createWorkDir({ keep: false });
      segDir = work.path;
    }
  } catch (e) {
    await pngOut?.discard();
    throw e;
  }
  const videoSegments = segFormat === 'mp4' || segFormat === 'webm';
  const segPath = (u: WorkUnit) => (pngOut ? pngOut.tempPath : path.join(segDir, `${u.id}.${ext}`));

  const cores = os.availableParallelism?.() ?? hw.logicalCores;
  // Measured on 2 cores: --workers 8 took 2.6× the memory of 2 and ran 6 % slower.
  if ((o.workers ?? 0) > cores && workers > cores) warnings.push(`--workers ${o.workers} is more than this machine's ${cores} cores: more memory, no more speed (0 picks from the hardware)`);
  // Splitting the tail needs segments named by this run only: a kept work directory (--clip, --skip-render,
  // --keep-intermediates) is reused by unit id, so its units stay as planned.
  const splitTail = tailSplits(o);
  const slots = toDraw.length + (splitTail ? MAX_SPLITS_PER_WORKER * workers : 0);
  const control = controlSize(slots);
  const claims = FrameClaims.create(slots);
  const ctl = new Int32Array(control);
  const job: RenderJob = {
    source: o.source,
    plugins: o.plugins ?? [],
    cwd: o.cwd ?? process.cwd(),
    width: profile.width,
    height: profile.height,
    fps,
    seed,
    budget: { particlesMax: profile.particlesMax, shaders: profile.shaders, gridScale: profile.gridScale },
    features: features.toShared(),
    control,
    slots,
    claims: claims.buffer,
    atlases,
    encode: {
      ffmpeg: ffmpeg?.path ?? '',
      format: segFormat,
      crf: segCrf,
      // A kept segment is replaced only by a complete one: a failed --clip leaves the earlier segment in place.
      atomic: keptDir !== null && videoSegments,
      preset: profile.x264Preset,
      threads: x264Threads(workers, cores),
    },
  };
  log(hardwareLine(hw));
  log(renderLine({ ...profile, workers }));
  log(`Plan: ${units.length} ${units.length === 1 ? 'unit' : 'units'}, ${framesToDraw} of ${total} frames to draw, x264 ${profile.x264Preset} with ${job.encode.threads} ${job.encode.threads === 1 ? 'thread' : 'threads'} per encoder`);

  // The brightness spot checks (mp4/webm) are made on each segment as soon as its unit returns, when every segment is
  // drawn by this run: ffmpeg decodes while the workers go on drawing, and a worker never waits for a check before
  // its next unit. Reused segments (--clip, --skip-render) are checked on the joined output instead.
  const outputS = partial ? (units.at(-1)!.frameEnd - units[0]!.frameStart) / fps : total / fps;
  const checkInUnits = videoSegments && format !== 'gif' && toDraw.length === units.length;
  const checkAtS = brightnessTimestamps(outputS, fps);
  // A shard's segments are checked at the times of the whole video (its units lie anywhere in the timeline).
  const outputStartFrame = shard || !units.length ? 0 : units[0]!.frameStart;
  const spotChecks: Array<Promise<void>> = [];
  const checkSegment = (unit: WorkUnit, r: UnitResult): void => {
    const checks = checksInUnit(checkAtS, outputStartFrame, unit.frameStart, r.frameEnd, fps);
    if (!checks.atS.length) return;
    const known = { width: profile.width, height: profile.height, durationS: (r.frameEnd - unit.frameStart) / fps };
    const check = verifyBrightness(segPath(unit), checks.atS, { ffmpeg: ffmpeg!.path, offsetS: checks.offsetS, known, ...(o.signal ? { signal: o.signal } : {}) });
    spotChecks.push(
      check.then(
        (report) => void (r.brightness = report),
        (e: unknown) => {
          failure ??= e instanceof Error ? e : new Error(String(e));
          abort();
        },
      ),
    );
  };
  const abort = () => Atomics.store(ctl, CANCEL_SLOT, 1);
  o.signal?.addEventListener('abort', abort, { once: true });
  const unitResults: UnitResult[] = [];
  let failure: Error | null = null;
  const t0 = performance.now();
  const ticker = setInterval(() => {
    let done = 0;
    let encodedNow = 0;
    for (let k = 0; k < slots; k++) {
      done += Atomics.load(ctl, 1 + k);
      encodedNow += Atomics.load(ctl, 1 + slots + k);
    }
    const s = (performance.now() - t0) / 1000;
    const rate = s > 0 ? done / s : 0;
    progress({ stage: 'render', framesRendered: done, framesEncoded: encodedNow, framesTotal: framesToDraw, fps: rate, etaS: rate > 0 ? (framesToDraw - done) / rate : undefined });
  }, 250);
  try {
    if (pool) {
      const launched = await runSchedule<UnitResult>({
        units: toDraw,
        workers,
        claims,
        splittable: (u) => splitTail && project.scenes[u.sceneIndex]!.feedback === null,
        // The new unit replays its scene up to the cut: free for pure fields, otherwise kept small next to the
        // frames it takes over.
        worthSplitting: (u, cut, end) => replayFree[u.sceneIndex] === true || cut - u.sceneFrameStart <= REPLAY_PER_STOLEN_FRAME * (end - cut),
        minSplitFrames: videoSegments ? MIN_SPLIT_FRAMES.video : MIN_SPLIT_FRAMES.frames,
        stopped: () => failure !== null || Atomics.load(ctl, CANCEL_SLOT) !== 0,
        run: async (unit, slot) => {
          try {
            const r = (await pool.run({ job, unit, slot, output: segPath(unit), logPath: path.join(segDir, `${unit.id}.log`) })) as UnitResult;
            unitResults.push(r);
            if (kept && videoSegments) await recordSegment(unit, r.frameEnd, segmentBytes(segPath(unit)) ?? 0);
            if (checkInUnits) checkSegment(unit, r);
            return r;
          } catch (e) {
            const err = rebuildError(e);
            // The first failure stops the others; later ones are usually "cancelled" echoes.
            if (!failure || (isGlyphreelError(failure) && failure.code === 'E_CANCELLED' && !(isGlyphreelError(err) && err.code === 'E_CANCELLED'))) failure = err;
            abort();
            return undefined;
          }
        },
      });
      if (!failure && !o.signal?.aborted) {
        // Split units end early and their back halves are units of their own: the segments to join are these.
        const drawn = drawnUnits(launched, (r) => r.frameEnd, toDraw);
        const replaced = new Set(toDraw);
        units = [...units.filter((u) => !replaced.has(u)), ...drawn].sort((a, b) => a.frameStart - b.frameStart);
        toDraw = drawn;
      }
    }
  } finally {
    clearInterval(ticker);
    o.signal?.removeEventListener('abort', abort);
    held.pool = null;
    await pool?.destroy();
  }
  // The checks still running go on during the join (they must pass before the output is replaced); on a failure they
  // end first, before anything removes the segments they read.
  const checksDone = async (): Promise<void> => {
    await Promise.all(spotChecks);
    if (failure) throw failure;
  };
  if (failure) await Promise.all(spotChecks);
  // Ctrl-C also cancels the spot checks running at that moment: their "was cancelled" is the render's cancellation.
  const failed = failure as Error | null; // assigned in callbacks: TypeScript's narrowing does not see it
  if (o.signal?.aborted && (!failed || (isGlyphreelError(failed) && failed.code === 'E_CANCELLED'))) failure = new GlyphreelError('E_CANCELLED', 'Render cancelled');
  if (failure) {
    await pngOut?.discard();
    if (work) await work.abort();
    else if (!stable) await rm(segDir, { recursive: true, force: true });
    throw failure;
  }
  unitResults.sort((a, b) => a.frameStart - b.frameStart);
  warnings.push(...new Set(unitResults.flatMap((r) => r.warnings)));
  if (shard) {
    let manifestPath: string;
    try {
      await checksDone();
      for (const r of unitResults) if (r.brightness) warnings.push(...r.brightness.warnings);
      const segs = [...toDraw].sort((a, b) => a.frameStart - b.frameStart).map((u) => ({ from: segPath(u), file: `${u.id}.${ext}`, frameStart: u.frameStart, frameEnd: u.frameEnd }));
      const music = o.audio ?? project.audio;
      const manifest: ShardManifest = {
        glyphreel: 'shard',
        version: 1,
        shard,
        project: await projectHash(o.source, o.plugins ?? []),
        settings: {
          width: profile.width,
          height: profile.height,
          fps,
          seed: job.seed,
          crf: job.encode.crf,
          preset: profile.x264Preset,
          codec: segFormat === 'webm' ? 'webm' : 'mp4',
          gridScale: profile.gridScale,
          shaders: profile.shaders,
          particlesMax: profile.particlesMax,
        },
        totalFrames: total,
        audio: soundtrack ? await storeAudio(o.output, soundtrack, [...(music ? [music] : []), ...narration.map((c) => c.file)], JSON.stringify(narration.map((c) => c.atS ?? null)), ffmpeg?.path) : null,
        segments: segs.map(({ file, frameStart, frameEnd }) => ({ file, frameStart, frameEnd })),
      };
      manifestPath = await commitShard(o.output, manifest, segs);
    } catch (e) {
      if (work) await work.abort();
      throw e;
    }
    if (work) await work.abort(); // the logs; the segments were moved out
    progress({ stage: 'done', framesRendered: framesToDraw, framesEncoded: framesToDraw, framesTotal: framesToDraw, fps: 0, etaS: 0 });
    return { output: manifestPath, format, frames: framesToDraw, width: profile.width, height: profile.height, fps, profile, units, unitResults, wallMs: performance.now() - started, warnings };
  }
  progress({ stage: 'join', framesRendered: framesToDraw, framesEncoded: framesToDraw, framesTotal: framesToDraw, fps: 0, etaS: 0 });

  let output: string | null = null;
  let joinedProbe: ProbeResult | undefined;
  try {
    if (format === 'none') {
      output = null;
    } else if (pngOut) {
      // --clip / --skip-render: the frames of the scenes not drawn again come from the earlier sequence (checked
      // above), linked into the new one so the folder is swapped whole.
      const drawn = new Set(toDraw);
      for (const u of units) {
        if (drawn.has(u)) continue;
        for (let f = u.frameStart; f < u.frameEnd; f++) {
          const from = path.join(pngOut.target, frameFile(f));
          const to = path.join(pngOut.tempPath, frameFile(f));
          await link(from, to).catch(() => copyFile(from, to));
        }
      }
      await pngOut.commit();
      output = pngOut.target;
      // The frames are in the output folder now: recorded only once they are there.
      if (kept && keptDir) {
        for (const u of toDraw) kept.units[u.id] = { frameStart: u.frameStart, frameEnd: u.frameEnd, key: keys.get(u.id)!, bytes: 0 };
        await writeKept(keptDir, kept);
      }
    } else {
      // Segments drawn by this run have known frame counts (the encoders counted them); reused ones are probed.
      const drawn = new Set(toDraw);
      const segments = units.map((u) => (drawn.has(u) ? { path: segPath(u), frames: u.frameEnd - u.frameStart } : segPath(u)));
      if (format === 'gif') {
        const joined = path.join(segDir, 'joined.mp4');
        await concatSegments({ ffmpeg: ffmpeg!, segments, output: joined, fps, faststart: false, ...(o.signal ? { signal: o.signal } : {}) });
        await gifFromVideo({ ffmpeg: ffmpeg!, input: joined, output: o.output, fps, workDir: segDir, ...(o.signal ? { signal: o.signal } : {}) });
      } else {
        joinedProbe = (await concatSegments({ ffmpeg: ffmpeg!, segments, output: o.output, format: segFormat === 'webm' ? 'webm' : 'mp4', fps, beforeCommit: checksDone, ...(audio ? { audio } : {}), ...(o.signal ? { signal: o.signal } : {}) })).probe;
      }
      output = path.resolve(o.output);
    }
    if (output && (format === 'mp4' || format === 'webm')) {
      progress({ stage: 'verify', framesRendered: framesToDraw, framesEncoded: framesToDraw, framesTotal: framesToDraw, fps: 0, etaS: 0 });
      if (checkInUnits) {
        // unitResults are in timeline order, and so is each report.
        for (const r of unitResults) if (r.brightness) warnings.push(...r.brightness.warnings);
      } else {
        // The output is in place already: a Ctrl-C here says so instead of passing for a failed or finished render.
        const report = await verifyBrightness(output, brightnessTimestamps(outputS, fps), { ffmpeg: ffmpeg!.path, ...(o.signal ? { signal: o.signal } : {}) }).catch((e: unknown) => {
          if (o.signal?.aborted) throw new GlyphreelError('E_CANCELLED', `Cancelled while checking ${output}: it is written and complete, its brightness was not checked`, { cause: e });
          throw e;
        });
        warnings.push(...report.warnings);
      }
    }
  } catch (e) {
    await Promise.all(spotChecks);
    if (work) await work.abort();
    throw e;
  }
  if (work && output) await work.cleanup(output, { ffmpeg: ffmpeg!, fps, ...(joinedProbe ? { probed: joinedProbe } : {}) });
  else if (work) await work.abort();
  progress({ stage: 'done', framesRendered: framesToDraw, framesEncoded: framesToDraw, framesTotal: framesToDraw, fps: 0, etaS: 0 });
  return {
    output,
    format,
    frames: partial ? planFrames(units) : total,
    width: profile.width,
    height: profile.height,
    fps,
    profile,
    units,
    unitResults,
    wallMs: performance.now() - started,
    warnings,
  };
}
