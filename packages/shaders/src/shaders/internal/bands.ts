import type { RgbFrame, ShaderContext, ShaderDef } from '@glyphreel/core';
import { arena } from './simd/arena.js';

/**
 * Rows per band when a chain runs several row-local shaders together: 16 rows of 1080p are 92 KB, which stay in a
 * core's L2 cache while every step of the run goes over them, instead of each step streaming the whole 6 MB frame.
 * A multiple of 4 (bloom's blocks) and of 2 (grain's row pairs), so no step ever splits its unit of rows.
 */
export const BAND_ROWS = 16;

/** Numbers a stage keeps between its preparation and its bands (addresses, counters), owned by one chain step. */
export type BandState = Record<string, number>;

/**
 * A shader that can work one horizontal band at a time after a whole-frame preparation. `prepare` may read the frame
 * only when `readsFrame` (a chain then starts a new run at that step, so every earlier step has finished the whole
 * frame); it returns false when the step does nothing this frame. `rows` handles rows [y0, y1) of the arena frame
 * at `ptr`, in order from the top.
 */
export interface BandStage<P = any> {
  readonly readsFrame: boolean;
  prepare(frame: RgbFrame, ptr: number, params: P, ctx: ShaderContext, state: BandState): boolean;
  rows(ptr: number, frame: RgbFrame, y0: number, y1: number, state: BandState): void;
}

const stages = new WeakMap<ShaderDef<any>, BandStage>();

/** Makes `def` band-capable; its own apply should go through runStage so both paths share one implementation. */
export function registerBandStage<P>(def: ShaderDef<any>, stage: BandStage<P>): void {
  stages.set(def, stage);
}

export function bandStageOf(def: ShaderDef<any>): BandStage | undefined {
  return stages.get(def);
}

/** A band stage over a whole frame: what the shader's apply does on its own. */
export function runStage<P>(stage: BandStage<P>, frame: RgbFrame, params: P, ctx: ShaderContext, state: BandState = {}): void {
  arena().withBytes(frame.data, (ptr) => {
    if (stage.prepare(frame, ptr, params, ctx, state)) stage.rows(ptr, frame, 0, frame.height, state);
  });
}
