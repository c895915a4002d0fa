import { deriveSeed, featureFrame, Rng, ScratchPool, type FeatureFrame, type Registry, type RenderBudget, type RgbFrame, type TransitionDef } from '@glyphreel/core';
import type { GridSceneRenderer } from '@glyphreel/grid';
import { createSimdFrame, releaseSimdFrame } from '@glyphreel/shaders';
import type { ProjectSpec } from '../project/types.js';
import { SceneRuntime } from '../runtime/scene-runtime.js';

/** The global frames [start, start + frames) over which a scene's incoming transition runs. */
const NO_FEATURES = featureFrame();

export interface TransitionWindow {
  start: number;
  frames: number;
}

/** The window of scene `sceneIndex`'s incoming transition at `fps`, or null for a hard cut. */
export function transitionWindow(project: ProjectSpec, sceneIndex: number, fps: number): TransitionWindow | null {
  const scene = project.scenes[sceneIndex];
  if (!scene?.transition) return null;
  const a = Math.round(scene.start * fps);
  const b = Math.round(scene.end * fps);
  return { start: a, frames: Math.min(b - a, Math.max(1, Math.round(scene.transition.durationS * fps))) };
}

export interface IncomingTransitionOptions {
  registry: Registry;
  renderer: GridSceneRenderer;
  project: ProjectSpec;
  sceneIndex: number;
  fps: number;
  seed: number;
  budget: RenderBudget;
  window: TransitionWindow;
}

/**
 * The part of a unit that draws a scene's incoming transition. The outgoing scene keeps running past its end (its
 * local time goes on) in a second runtime, which replays from that scene's own first frame, so any unit can start
 * anywhere in the window and still draw the same bytes. Progress runs (k + 1) / (n + 1) over the n frames of the
 * window: the frame before it is all outgoing scene, the frame after it all incoming. The first scene comes in from
 * black.
 */
export class IncomingTransition {
  readonly window: TransitionWindow;
  private readonly prev: SceneRuntime | null;
  private readonly prevDrawsToReplay: boolean;
  private readonly def: TransitionDef<any>;
  private readonly params: Record<string, unknown>;
  private readonly sceneId: string;
  private readonly from: RgbFrame;
  private readonly out: RgbFrame;
  private readonly rng = new Rng(0);
  /** Reused every frame (time and features set per frame). */
  private readonly ctx: { t: number; features: FeatureFrame; rng: Rng; scratch: ScratchPool } = { t: 0, features: NO_FEATURES, rng: this.rng, scratch: new ScratchPool() };
  private next: number;

  constructor(private readonly o: IncomingTransitionOptions) {
    const { project, sceneIndex, registry, renderer, fps } = o;
    const scene = project.scenes[sceneIndex]!;
    const spec = scene.transition!;
    this.window = o.window;
    this.sceneId = scene.id;
    this.def = registry.get('transitions', spec.name).def as TransitionDef<any>;
    this.params = spec.params;
    this.from = createSimdFrame(renderer.width, renderer.height);
    this.out = createSimdFrame(renderer.width, renderer.height);
    const before = project.scenes[sceneIndex - 1];
    const prevStart = before ? Math.round(before.start * fps) : 0;
    this.prev = before
      ? new SceneRuntime({ registry, renderer, scene: before, fps, seed: o.seed, budget: o.budget, sceneFrameStart: prevStart })
      : null;
    // Feedback trails depend on every drawn frame, so such a scene is replayed by drawing.
    this.prevDrawsToReplay = before?.feedback != null;
    this.next = prevStart;
  }

  /** True when frame i is inside the window. */
  covers(i: number): boolean {
    return i >= this.window.start && i < this.window.start + this.window.frames;
  }

  /** Brings the outgoing scene's state up to (not including) frame `end` without keeping any image. */
  replayTo(end: number, features: (i: number) => FeatureFrame, cancelled: () => boolean): void {
    if (!this.prev) return;
    for (; this.next < end; this.next++) {
      if (cancelled()) return;
      if (this.prevDrawsToReplay) this.prev.render(this.next, features(this.next));
      else this.prev.advance(this.next, features(this.next));
    }
  }

  /**
   * Draws the outgoing scene's frame i into this transition's own buffer. Call it before the incoming scene's
   * render(i): both runtimes share the renderer's pooled frame.
   */
  async drawOutgoing(i: number, features: (i: number) => FeatureFrame): Promise<void> {
    if (!this.prev) return; // from black: `from` stays zero
    this.replayTo(i, features, () => false);
    const f = features(i);
    await this.prev.prepare(i, f);
    this.from.data.set(this.prev.render(i, f).data);
    this.next = i + 1;
  }

  /** The transition's frame i from the outgoing image and the incoming scene's frame `to` (its own buffer). */
  compose(i: number, features: FeatureFrame, to: RgbFrame): RgbFrame {
    const k = i - this.window.start;
    this.rng.reseed(deriveSeed(this.o.seed, this.sceneId, 'transition', i));
    const ctx = this.ctx;
    ctx.t = k / this.o.fps;
    ctx.features = features;
    this.def.apply(this.from, to, (k + 1) / (this.window.frames + 1), this.out, ctx, this.params as never);
    return this.out;
  }

  async dispose(): Promise<void> {
    await this.prev?.dispose();
    releaseSimdFrame(this.from);
    releaseSimdFrame(this.out);
  }
}
