import type { RenderBudget } from '@glyphreel/core';
import type { BrightnessReport } from '@glyphreel/encode';
import type { AtlasSnapshot } from '@glyphreel/grid';
import type { WorkUnit } from '../runtime/plan.js';

/** Where a worker reads the project from: a scene file, or an inline object (the demo, the auto plan). */
export type ProjectSource = { file: string } | { raw: unknown; label: string };

/**
 * Everything a worker needs, structured-clonable: the project is re-read and re-validated in the thread (functions
 * never cross threads), features and the control block are SharedArrayBuffers (mapped, not copied).
 */
export interface RenderJob {
  source: ProjectSource;
  /** --plugin specifiers, besides the ones the scene file names. */
  plugins: string[];
  cwd: string;
  width: number;
  height: number;
  fps: number;
  seed: number;
  budget: RenderBudget;
  features: { names: readonly string[]; frames: number; buffer: SharedArrayBuffer | ArrayBuffer };
  /** Int32 control block: [0] = cancel flag, [1 + k] = frames rendered in slot k, [1 + slots + k] = frames encoded. */
  control: SharedArrayBuffer;
  /** Unit slots (the control block's layout): the planned units plus room for the splits of the tail. */
  slots: number;
  /** The FrameClaims words: a worker draws the frames it claims, so a running unit can be split. */
  claims: SharedArrayBuffer;
  /** The project's glyph atlases, rasterized once by the main thread (masks in SharedArrayBuffers). */
  atlases: AtlasSnapshot[];
  encode: {
    ffmpeg: string;
    /** `none` renders and discards (benchmarks). */
    format: 'mp4' | 'webm' | 'png' | 'none';
    crf: number;
    /** Write each segment under a temporary name and rename it when complete (segments kept for --clip). */
    atomic: boolean;
    preset: 'ultrafast' | 'superfast' | 'veryfast' | 'faster' | 'fast' | 'medium' | 'slow' | 'slower' | 'veryslow' | 'placebo';
    threads: number;
  };
}

export interface UnitTask {
  job: RenderJob;
  unit: WorkUnit;
  /** The unit's slot in the claims and the control block. */
  slot: number;
  /** Segment file (mp4/webm) or the png directory. */
  output: string;
  logPath: string;
}

export interface UnitResult {
  unitId: string;
  /** The frames drawn, [frameStart, frameEnd): the end is lower than planned when the unit was split. */
  frameStart: number;
  frameEnd: number;
  frames: number;
  /** Time spent drawing (scene → shaders), replay included. */
  renderMs: number;
  /** Time spent waiting for the encoder to accept frames (backpressure). */
  encodeWaitMs: number;
  /**
   * When the unit started in its worker, when its first claimed frame was drawn and when it ended (epoch ms, from
   * the worker's clock): the benchmark reports start-up and tail from them.
   */
  startedAtMs: number;
  firstFrameAtMs: number;
  endedAtMs: number;
  /** The worker thread that drew it (worker_threads threadId). */
  thread: number;
  replayedFrames: number;
  /** Peak of this worker's heap + array buffers, MB. */
  peakMemoryMb: number;
  /** Glyph warnings met in this worker so far. */
  warnings: string[];
  /**
   * The spot checks of the frames this unit drew, times in the final video: made by the main thread on the segment
   * as soon as the unit returns (the same bytes the joined output will hold).
   */
  brightness?: BrightnessReport;
}

export const CANCEL_SLOT = 0;
export const controlSize = (slots: number) => new SharedArrayBuffer(4 * (1 + 2 * slots));

