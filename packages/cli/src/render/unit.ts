import { createHash } from 'node:crypto';
import { threadId } from 'node:worker_threads';
import { FeatureTable, GlyphreelError, isGlyphreelError, prefixError, type Registry } from '@glyphreel/core';
import { openEncoder, type Encoder } from '@glyphreel/encode';
import { setMediaFfmpegPath } from '@glyphreel/inputs';
import { createSceneRenderer, type GridSceneRenderer } from '@glyphreel/grid';
import { clearSimdFrame, createSimdFrame, simdMemoryBytes } from '@glyphreel/shaders';
import { readSceneFile } from '../project/load.js';
import type { ProjectSpec } from '../project/types.js';
import { validateProject } from '../project/validate.js';
import { buildRegistry } from '../runtime/plugins.js';
import { projectChars, SceneRuntime } from '../runtime/scene-runtime.js';
import { FrameClaims } from './claims.js';
import { CANCEL_SLOT, type ProjectSource, type RenderJob, type UnitResult, type UnitTask } from './job.js';
import { IncomingTransition, transitionWindow } from './transition.js';

export interface Prepared {
  registry: Registry;
  project: ProjectSpec;
}

/** Reads, validates and builds the registry for a project (main thread and workers do the same). */
export async function prepareProject(source: ProjectSource, plugins: readonly string[], cwd: string): Promise<Prepared> {
  const raw = 'file' in source ? await readSceneFile(source.file) : source.raw;
  const label = 'file' in source ? source.file : source.label;
  const filePlugins = typeof raw === 'object' && raw !== null && Array.isArray((raw as { plugins?: unknown }).plugins) ? ((raw as { plugins: unknown[] }).plugins.filter((p) => typeof p === 'string') as string[]) : [];
  const registry = await buildRegistry([...filePlugins, ...plugins.filter((p) => !filePlugins.includes(p))], cwd);
  return { registry, project: validateProject(raw, registry, label) };
}

// Per-thread caches: a worker renders many units of one job without re-reading the project or re-rasterizing fonts.
const prepared = new Map<string, Promise<Prepared>>();
const renderers = new Map<string, GridSceneRenderer>();
// Glyph warnings (a palette character the fonts cannot draw) are collected here and reported once by the main
// thread, not printed by every worker for every grid.
const glyphWarnings = new Set<string>();

function jobKey(job: RenderJob): string {
  return createHash('sha1').update(JSON.stringify([job.source, job.plugins, job.cwd])).digest('hex');
}

function rendererFor(job: RenderJob, project: ProjectSpec): GridSceneRenderer {
  const key = `${job.width}x${job.height}@${job.budget.gridScale}`;
  let r = renderers.get(key);
  if (!r) {
    r = createSceneRenderer({ width: job.width, height: job.height, gridScale: job.budget.gridScale, initChars: projectChars(project), atlases: job.atlases, createFrame: createSimdFrame, clearFrame: clearSimdFrame, onWarning: (m) => glyphWarnings.add(m) });
    renderers.set(key, r);
  }
  return r;
}

const epochMs = () => performance.timeOrigin + performance.now();

function memoryMb(): number {
  const m = process.memoryUsage();
  // Frames and shader tables live in the thread's WebAssembly memory, which arrayBuffers does not count.
  return (m.heapUsed + m.arrayBuffers + simdMemoryBytes()) / 1048576;
}

/**
 * Renders one work unit: replays the scene's state from its first frame up to the unit's start (no drawing), then
 * draws each frame it claims and hands it to this unit's own ffmpeg, until the claims run out (at the unit's end, or
 * earlier when the main thread split the unit). Checks the shared cancel flag every frame. An error names the scene
 * and the frame; the partial segment is removed.
 */
export async function renderUnit(task: UnitTask): Promise<UnitResult> {
  const startedAtMs = epochMs();
  const { job, unit, slot } = task;
  const control = new Int32Array(job.control);
  const claims = new FrameClaims(job.claims);
  // Video and image layers decode with the same ffmpeg the render found (--ffmpeg, env, PATH or bundled).
  if (job.encode.ffmpeg) setMediaFfmpegPath(job.encode.ffmpeg);
  const key = jobKey(job);
  let prep = prepared.get(key);
  if (!prep) {
    prep = prepareProject(job.source, job.plugins, job.cwd);
    prepared.set(key, prep);
    prep.catch(() => prepared.delete(key));
  }
  const { registry, project } = await prep;
  const scene = project.scenes[unit.sceneIndex];
  if (!scene) throw new GlyphreelError('E_RENDER', `unit ${unit.id}: scene ${unit.sceneIndex} does not exist`);
  const features = FeatureTable.fromShared(job.features);
  const renderer = rendererFor(job, project);
  let frameIndex = unit.sceneFrameStart;
  let encoder: Encoder | null = null;
  let renderMs = 0;
  let encodeWaitMs = 0;
  let firstFrameAtMs = 0;
  let peak = memoryMb();
  const where = () => `scene "${scene.name}" (${scene.id}), frame ${frameIndex}`;
  const cancelled = () => Atomics.load(control, CANCEL_SLOT) !== 0;
  let runtime: SceneRuntime | null = null;
  let incoming: IncomingTransition | null = null;
  const featureAt = (i: number) => features.frame(i);
  try {
    runtime = new SceneRuntime({ registry, renderer, scene, fps: job.fps, seed: job.seed, budget: job.budget, sceneFrameStart: unit.sceneFrameStart });
    if (job.encode.format !== 'none') {
      encoder = await openEncoder({
        ffmpeg: job.encode.ffmpeg,
        width: job.width,
        height: job.height,
        fps: job.fps,
        output: task.output,
        format: job.encode.format,
        crf: job.encode.crf,
        preset: job.encode.preset,
        threads: job.encode.threads,
        logPath: task.logPath,
        // No expectedFrames: a split ends the unit early. The main thread checks that the units tile the timeline.
        atomic: job.encode.atomic,
        faststart: false,
        ...(job.encode.format === 'png' ? { startNumber: unit.frameStart } : {}),
        onProgress: (p) => Atomics.store(control, 1 + job.slots + slot, p.framesEncoded),
      });
    }
    const t0 = performance.now();
    const window = transitionWindow(project, unit.sceneIndex, job.fps);
    if (window && unit.frameStart < window.start + window.frames) {
      incoming = new IncomingTransition({ registry, renderer, project, sceneIndex: unit.sceneIndex, fps: job.fps, seed: job.seed, budget: job.budget, window });
      incoming.replayTo(unit.frameStart, featureAt, cancelled);
    }
    // Feedback trails depend on every drawn frame, so such a scene catches up by drawing (and discarding) its frames:
    // only a --frames range starts a unit inside one (the planner never splits them).
    const drawToReplay = scene.feedback !== null;
    for (; frameIndex < unit.frameStart; frameIndex++) {
      if (cancelled()) throw new GlyphreelError('E_CANCELLED', 'Render cancelled');
      const f = features.frame(frameIndex);
      if (drawToReplay) {
        await runtime.prepare(frameIndex, f);
        runtime.render(frameIndex, f);
      } else runtime.advance(frameIndex, f);
    }
    renderMs += performance.now() - t0;
    for (;;) {
      if (cancelled()) throw new GlyphreelError('E_CANCELLED', 'Render cancelled');
      const claimed = claims.claim(slot);
      if (claimed < 0) break;
      if (claimed !== frameIndex) throw new GlyphreelError('E_RENDER', `claimed frame ${claimed} out of order (expected ${frameIndex})`);
      const a = performance.now();
      const f = features.frame(frameIndex);
      const blending = incoming?.covers(frameIndex) === true;
      if (blending) await incoming!.drawOutgoing(frameIndex, featureAt);
      await runtime.prepare(frameIndex, f);
      let frame = runtime.render(frameIndex, f);
      if (blending) frame = incoming!.compose(frameIndex, f, frame);
      const b = performance.now();
      renderMs += b - a;
      if (!firstFrameAtMs) firstFrameAtMs = epochMs();
      if (encoder) {
        await encoder.write(frame);
        encodeWaitMs += performance.now() - b;
      }
      Atomics.add(control, 1 + slot, 1);
      if ((frameIndex & 15) === 0) peak = Math.max(peak, memoryMb());
      frameIndex++;
    }
    const frameEnd = frameIndex;
    if (encoder) {
      const done = await encoder.close();
      Atomics.store(control, 1 + job.slots + slot, done.frames);
      encoder = null;
    }
    await runtime.dispose();
    await incoming?.dispose();
    incoming = null;
    return {
      unitId: unit.id,
      frameStart: unit.frameStart,
      frameEnd,
      frames: frameEnd - unit.frameStart,
      renderMs,
      encodeWaitMs,
      startedAtMs,
      firstFrameAtMs: firstFrameAtMs || epochMs(),
      endedAtMs: epochMs(),
      thread: threadId,
      replayedFrames: unit.frameStart - unit.sceneFrameStart,
      peakMemoryMb: Math.max(peak, memoryMb()),
      warnings: [...glyphWarnings],
    };
  } catch (e) {
    if (encoder) await encoder.abort().catch(() => undefined);
    await runtime?.dispose().catch(() => undefined);
    await incoming?.dispose().catch(() => undefined);
    throw atFrame(e, where());
  }
}

/**
 * An error raised while drawing, with the scene and frame in front (`scene "drop" (s01_drop), frame 54: …`). Input
 * errors, plugin errors and a cancel pass as they are: they name their own cause. `glyphreel frame` uses it too.
 */
export function atFrame(e: unknown, where: string): unknown {
  if (isGlyphreelError(e) && (e.code === 'E_CANCELLED' || e.code === 'E_INPUT' || e.code === 'E_UNKNOWN' || e.code === 'E_PARAM' || e.code === 'E_PLUGIN')) return e;
  return prefixError(e, where);
}
