import type { RenderBudget } from '@glyphreel/core';
import type { BrightnessReport } from '@glyphreel/encode';
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
  /** Int32 control block: [0] = cancel flag, [1 + k] = frames rendered by unit k, [1 + units + k] = frames encoded. */
  control: SharedArrayBuffer;
  /** Number of units in the plan (the control block's layout). */
  units: number;
  encode: {
    ffmpeg: string;
    /** `none` renders and discards (benchmarks). */
    format: 'mp4' | 'webm' | 'png' | 'none';
    crf: number;
    preset: 'ultrafast' | 'superfast' | 'veryfast' | 'faster' | 'fast' | 'medium' | 'slow' | 'slower' | 'veryslow' | 'placebo';
    threads: number;
  };
}

export interface UnitTask {
  job: RenderJob;
  unit: WorkUnit;
  unitIndex: number;
  /** Segment file (mp4/webm) or the png directory. */
  output: string;
  logPath: string;
  /**
   * Brightness spot checks that fall in this unit, in seconds from the start of its segment: the worker decodes
   * them from the segment as soon as it is encoded (the same bytes the joined output will hold), so the checks
   * overlap the other units' work instead of following the join.
   */
  brightnessAtS?: number[];
  /** Where this unit's segment starts in the final video, seconds (the report's times are the video's). */
  brightnessOffsetS?: number;
}

export interface UnitResult {
  unitId: string;
  frames: number;
  /** Time spent drawing (scene → shaders), replay included. */
  renderMs: number;
  /** Time spent waiting for the encoder to accept frames (backpressure). */
  encodeWaitMs: number;
  replayedFrames: number;
  /** Peak of this worker's heap + array buffers, MB. */
  peakMemoryMb: number;
  /** Glyph warnings met in this worker so far. */
  warnings: string[];
  /** The spot checks of `brightnessAtS`, times in the final video.  */
  brightness?: BrightnessReport;
}

export const CANCEL_SLOT = 0;
export const controlSize = (units: number) => new SharedArrayBuffer(4 * (1 + 2 * units));
