import { featureFrame, Rng, ScratchPool, type FeatureFrame, type Scratch, type ShaderContext } from '@glyphreel/core';

/** What a caller supplies per frame; everything is optional. */
export interface ShaderFrameInput {
  /** Scene-local seconds (wave_distort and color_wobble animate with it). Default 0. */
  t?: number;
  /** Audio features; absent ones read 0.3 (beat, bdecay: 0). Default: no features. */
  features?: FeatureFrame;
  /** The seeded stream for grain, static and the glitch shaders. Default: the chain's own Rng. */
  rng?: Rng;
}

const NO_FEATURES = featureFrame({});

/** A ShaderContext for applying one ShaderDef by hand (tests, tools). Chains build and reuse their own. */
export function createShaderContext(input: ShaderFrameInput & { scratch?: Scratch; seed?: number } = {}): ShaderContext {
  return {
    t: input.t ?? 0,
    features: input.features ?? NO_FEATURES,
    rng: input.rng ?? new Rng(input.seed ?? 0),
    scratch: input.scratch ?? new ScratchPool(),
  };
}

/** The mutable context a chain reuses for every frame (no per-frame allocation). */
export class MutableShaderContext implements ShaderContext {
  t = 0;
  features: FeatureFrame = NO_FEATURES;
  constructor(
    public rng: Rng,
    readonly scratch: Scratch,
  ) {}

  set(input: ShaderFrameInput, fallbackRng: Rng): this {
    this.t = input.t ?? 0;
    this.features = input.features ?? NO_FEATURES;
    this.rng = input.rng ?? fallbackRng;
    return this;
  }
}
