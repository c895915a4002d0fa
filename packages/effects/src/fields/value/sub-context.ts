import type { FeatureFrame, FrameContext, RenderBudget, Rng } from '@glyphreel/core';
import { keyOf, stateSlots } from '../util.js';

/**
 * A FrameContext that forwards the parent's frame data but owns its `state`, so two fields evaluated inside one
 * layer (morph, sequence) keep separate simulations and scratch. Refilled in place every frame (no allocation).
 */
export class SubContext implements FrameContext {
  t = 0;
  frame = 0;
  fps = 0;
  progress = 0;
  durationS = 0;
  features!: FeatureFrame;
  readonly state: Record<string, unknown> = {};
  rng!: Rng;
  budget!: RenderBudget;
  replaying = false;

  from(ctx: FrameContext): this {
    this.t = ctx.t;
    this.frame = ctx.frame;
    this.fps = ctx.fps;
    this.progress = ctx.progress;
    this.durationS = ctx.durationS;
    this.features = ctx.features;
    this.rng = ctx.rng;
    this.budget = ctx.budget;
    this.replaying = ctx.replaying;
    return this;
  }
}

/** The SubContext number `slot` of a layer, created on first use. */
export function subContext(ctx: FrameContext, owner: string, slot: number): SubContext {
  const slots = stateSlots(ctx);
  const key = keyOf(keyOf(keyOf('sub.', owner), '.'), slot);
  let s = slots.get(key) as SubContext | undefined;
  if (s === undefined) {
    s = new SubContext();
    slots.set(key, s);
  }
  return s.from(ctx);
}
