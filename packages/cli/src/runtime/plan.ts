import { GlyphreelError } from '@glyphreel/core';

export interface SceneSpan {
  name: string;
  /** Seconds. */
  start: number;
  end: number;
}

/** A run of frames one worker renders into one segment file. */
export interface WorkUnit {
  /** `s00_name`, or `s00_name_p01` for the parts of a long scene. */
  id: string;
  sceneIndex: number;
  /** The scene's id (`s00_name`), what `--clip` selects. */
  sceneId: string;
  /** First frame of the scene, global index: a unit starting later replays state from here. */
  sceneFrameStart: number;
  /** Global frame range [frameStart, frameEnd). */
  frameStart: number;
  frameEnd: number;
}

export interface PlanOptions {
  fps: number;
  /** Split scenes longer than this many frames into several units (default: no split). */
  maxUnitFrames?: number;
  /** Scenes that must stay one unit (feedback trails depend on every earlier output frame). */
  unsplittable?: (sceneIndex: number) => boolean;
  /** The scene file, for messages (default: the one validateProject recorded for the scenes). */
  file?: string;
}

const EPS = 1e-9;

/** The scene file each validated scene came from (validateProject records it), so plan errors name the file. */
const sceneFiles = new WeakMap<object, string>();

export function rememberSceneFile(scene: object, file: string): void {
  sceneFiles.set(scene, file);
}

/**
 * Turns scenes into frame-exact work units. Boundaries are round(seconds·fps), so consecutive scenes share them and
 * the units add up to exactly round(duration·fps) frames (design.md: "segment frame counts add up to exactly").
 * Scenes must tile the timeline from 0 without gaps or overlaps: a gap would be a silent black hole in the video.
 */
export function planUnits(scenes: readonly SceneSpan[], options: PlanOptions): WorkUnit[] {
  const { fps } = options;
  if (!(fps > 0) || !Number.isFinite(fps)) throw new GlyphreelError('E_USAGE', `fps must be a positive number, got ${fps}`);
  if (scenes.length === 0) throw new GlyphreelError('E_INPUT', 'There are no scenes to render', { hint: 'add at least one scene' });
  const units: WorkUnit[] = [];
  let expectedStart = 0;
  scenes.forEach((scene, i) => {
    // As the validator's messages: `scenes.json: scene 1 "drop"`.
    const file = options.file ?? sceneFiles.get(scene);
    const where = `${file ? `${file}: ` : ''}scene ${i} "${scene.name}"`;
    if (!(Number.isFinite(scene.start) && Number.isFinite(scene.end)) || scene.end <= scene.start) {
      throw new GlyphreelError('E_INPUT', `${where}: end (${scene.end}) must be after start (${scene.start})`);
    }
    if (Math.abs(scene.start - expectedStart) > EPS) {
      const what = scene.start > expectedStart ? 'leaves a gap after' : 'overlaps';
      throw new GlyphreelError('E_INPUT', `${where} starts at ${scene.start}s and ${what} the previous scene, which ends at ${expectedStart}s`, {
        hint: 'scenes must follow each other: each start equals the previous end, the first starts at 0',
      });
    }
    expectedStart = scene.end;
    const sceneId = `s${String(i).padStart(2, '0')}_${scene.name.replace(/[^\w-]+/g, '_')}`;
    const a = Math.round(scene.start * fps);
    const b = Math.round(scene.end * fps);
    if (b <= a) {
      throw new GlyphreelError('E_INPUT', `${where} is shorter than one frame at ${fps} fps`, { hint: 'make it longer or merge it into a neighbour' });
    }
    const max = options.maxUnitFrames && options.maxUnitFrames > 0 && !options.unsplittable?.(i) ? Math.floor(options.maxUnitFrames) : b - a;
    const parts = Math.ceil((b - a) / max);
    for (let p = 0; p < parts; p++) {
      // Even split: part sizes differ by at most one frame.
      const s = a + Math.floor(((b - a) * p) / parts);
      const e = a + Math.floor(((b - a) * (p + 1)) / parts);
      units.push({
        id: parts === 1 ? sceneId : `${sceneId}_p${String(p).padStart(2, '0')}`,
        sceneIndex: i,
        sceneId,
        sceneFrameStart: a,
        frameStart: s,
        frameEnd: e,
      });
    }
  });
  return units;
}

/** Total frames of a plan. */
export function planFrames(units: readonly WorkUnit[]): number {
  return units.reduce((n, u) => n + (u.frameEnd - u.frameStart), 0);
}

export interface UnitSizeOptions {
  /**
   * Units per worker (default 2): two keep every worker busy to the end when units cannot be split as they draw;
   * one suffices when the render splits the tail (each unit pays an encoder start, a keyframe and a join).
   */
  unitsPerWorker?: number;
  /** Never smaller than this (default 48 frames). */
  minFrames?: number;
}

/** A unit size for long scenes: `unitsPerWorker` units per worker, never below `minFrames`. */
export function unitSizeFor(totalFrames: number, workers: number, options: UnitSizeOptions = {}): number {
  const per = Math.max(1, Math.floor(options.unitsPerWorker ?? 2));
  return Math.max(options.minFrames ?? 48, Math.ceil(totalFrames / Math.max(1, workers * per)));
}
