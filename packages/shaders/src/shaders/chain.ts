import {
  GlyphreelError,
  isGlyphreelError,
  prefixError,
  Rng,
  ScratchPool,
  type RegisteredEntry,
  type Registry,
  type RgbFrame,
  type ShaderDef,
} from '@glyphreel/core';
import { AUDIO_SCALING, type AudioScaler } from './audio-scaling.js';
import { MutableShaderContext, type ShaderFrameInput } from './context.js';
import { BAND_ROWS, bandStageOf, type BandStage, type BandState } from './internal/bands.js';
import { arena } from './internal/simd/arena.js';
import { isSimdFrame } from './internal/simd/frame.js';
import { allocOwned, releaseOwned } from './internal/simd/owned.js';

/** One step as written in code or a scene file: `['bloom', { thr: 120 }]` or `{ name: 'bloom', params: { thr: 120 } }`. */
export type ShaderStepSpec =
  | readonly [name: string, params?: Readonly<Record<string, unknown>>]
  | { readonly name: string; readonly params?: Readonly<Record<string, unknown>> };

/** A validated step. `params` are the base values (defaults filled); audio scaling never changes them. */
export interface ShaderStep {
  /** The name as given (bare for built-ins, `plugin/name` otherwise). */
  readonly name: string;
  readonly qualifiedName: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** True when the chain rescales this step's params from the audio features each frame. */
  readonly audioReactive: boolean;
}

export interface ShaderChainOptions {
  /** Apply catalog 3.3's audio scaling (default true). */
  audioReactive?: boolean;
  /** Seed of the chain's own Rng, used when apply() gets no rng (default 0). */
  seed?: number;
}

interface InternalStep extends ShaderStep {
  readonly def: ShaderDef<any>;
  /** Built-in shaders' own GlyphreelErrors already name them; a plugin's get its name in front (shaderFailed). */
  readonly builtin: boolean;
  readonly scaler: AudioScaler | undefined;
  /** Reused every frame for the scaled values, so scaling allocates nothing. */
  readonly live: Record<string, any>;
  readonly base: Record<string, any>;
  /** Set for shaders that can run band by band together with their neighbours (see runBands). */
  readonly band: BandStage | undefined;
  readonly bandState: BandState;
  /** Whether this frame's prepare found work for the step. */
  active: boolean;
}

function normalize(spec: ShaderStepSpec): { name: string; params: Readonly<Record<string, unknown>> | undefined } {
  if (Array.isArray(spec)) return { name: spec[0] as string, params: spec[1] as Readonly<Record<string, unknown>> | undefined };
  const o = spec as { name: string; params?: Readonly<Record<string, unknown>> };
  return { name: o.name, params: o.params };
}

/**
 * An ordered list of shaders applied in place to rgb24 frames. Every step is resolved and validated when it is
 * added: an unknown shader or a bad parameter throws a GlyphreelError naming the step, the shader and the parameter
 * (the reference silently skipped unknown names, which hides typos). Each chain owns a ScratchPool, so copies and
 * LUTs are allocated on the first frame and reused afterwards.
 */
export class ShaderChain {
  private readonly list: InternalStep[] = [];
  private readonly scratch = new ScratchPool();
  private readonly ownRng: Rng;
  private readonly ctx: MutableShaderContext;
  private readonly reactive: boolean;

  constructor(
    private readonly registry: Registry,
    steps: Iterable<ShaderStepSpec> = [],
    options: ShaderChainOptions = {},
  ) {
    this.reactive = options.audioReactive ?? true;
    this.ownRng = new Rng(options.seed ?? 0);
    this.ctx = new MutableShaderContext(this.ownRng, this.scratch);
    for (const s of steps) {
      const { name, params } = normalize(s);
      this.add(name, params);
    }
  }

  /** Appends a step (validated now) and returns the chain. */
  add(name: string, params?: Readonly<Record<string, unknown>>): this {
    const index = this.list.length + 1;
    if (typeof name !== 'string' || name.length === 0) {
      throw new GlyphreelError('E_PARAM', `Shader chain step ${index}: the shader name must be a non-empty string, got ${JSON.stringify(name)}`);
    }
    let entry: RegisteredEntry<'shaders'>;
    let values: Record<string, unknown>;
    try {
      const resolved = this.registry.resolve('shaders', name, params);
      entry = resolved.entry;
      values = resolved.params;
    } catch (e) {
      if (!isGlyphreelError(e)) throw e;
      throw new GlyphreelError(e.code, `Shader chain step ${index}: ${e.message}`, { hint: e.hint, cause: e });
    }
    const scaler = this.reactive && entry.builtin ? AUDIO_SCALING[entry.name] : undefined;
    this.list.push({
      name,
      qualifiedName: entry.qualifiedName,
      params: Object.freeze(values),
      audioReactive: scaler !== undefined,
      def: entry.def as ShaderDef<any>,
      builtin: entry.builtin,
      scaler,
      live: { ...values },
      base: values,
      band: bandStageOf(entry.def as ShaderDef<any>),
      bandState: {},
      active: false,
    });
    return this;
  }

  get steps(): readonly ShaderStep[] {
    return this.list.map(({ name, qualifiedName, params, audioReactive }) => ({ name, qualifiedName, params, audioReactive }));
  }

  get length(): number {
    return this.list.length;
  }

  /** Runs every step in order on `frame`, in place, and returns it. */
  apply(frame: RgbFrame, input: ShaderFrameInput = {}): RgbFrame {
    const { width, height, data } = frame;
    if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 || data.length !== width * height * 3) {
      throw new GlyphreelError('E_PARAM', `ShaderChain.apply: expected an rgb24 frame of ${width}×${height}·3 bytes, got ${data.length} bytes`);
    }
    const ctx = this.ctx.set(input, this.ownRng);
    const steps = this.list;
    // A frame outside the SIMD memory is copied in once for the whole chain rather than once per kernel step.
    const work = steps.length > 1 && !isSimdFrame(frame) ? this.workFrame(width, height) : frame;
    if (work !== frame) work.data.set(data);
    const ptr = arena().ptrOf(work.data);
    for (let i = 0; i < steps.length; ) {
      const end = ptr >= 0 ? bandRunEnd(steps, i) : i + 1;
      if (end - i >= 2) runBands(steps, i, end, work, ptr, ctx);
      else runStep(steps[i]!, work, ctx);
      i = Math.max(end, i + 1);
    }
    if (work !== frame) data.set(work.data);
    return frame;
  }

  /** Copy of a heap frame in the SIMD arena (only frames from createSimdFrame skip it). */
  private work: RgbFrame | undefined;

  private workFrame(width: number, height: number): RgbFrame {
    if (this.work && (this.work.width !== width || this.work.height !== height)) this.release();
    // Owned by its view: freed by release(), or when the chain is garbage-collected.
    return (this.work ??= { width, height, data: allocOwned(width * height * 3, (ptr) => arena().u8(ptr, width * height * 3)) });
  }

  /** Gives back the arena copy used for heap frames (~6 MB at 1080p) now; the chain stays usable. */
  release(): void {
    if (this.work) releaseOwned(this.work.data);
    this.work = undefined;
  }
}

/**
 * The end of the run of band-capable steps starting at `i`: consecutive steps with a band stage, where only the first
 * may read the frame in its preparation (a later reader needs the whole frame finished by the steps before it).
 */
function bandRunEnd(steps: readonly InternalStep[], i: number): number {
  let j = i;
  while (j < steps.length && steps[j]!.band && (j === i || !steps[j]!.band!.readsFrame)) j++;
  return j;
}

/**
 * Runs steps [from, to) band by band: every step's whole-frame preparation in order, then each band of BAND_ROWS rows
 * through every step while it sits in cache. Each step's work on a row depends only on that row and its
 * preparation, and bands go top to bottom, so the bytes are those of running the steps one after another (tested);
 * memory traffic drops from one frame pass per step to about one.
 */
function runBands(steps: readonly InternalStep[], from: number, to: number, frame: RgbFrame, ptr: number, ctx: MutableShaderContext): void {
  for (let i = from; i < to; i++) {
    const step = steps[i]!;
    if (step.scaler) step.scaler(step.base, step.live, ctx.features);
    step.active = step.band!.prepare(frame, ptr, step.scaler ? step.live : step.base, ctx, step.bandState);
  }
  for (let y0 = 0; y0 < frame.height; y0 += BAND_ROWS) {
    const y1 = Math.min(y0 + BAND_ROWS, frame.height);
    for (let i = from; i < to; i++) {
      const step = steps[i]!;
      if (step.active) step.band!.rows(ptr, frame, y0, y1, step.bandState);
    }
  }
}

/**
 * Runs one step and holds the shader to its contract: it changes `frame.data` in place and returns nothing. An
 * exception it throws is re-raised naming the shader; a replaced `data`, a changed size or a returned value is an
 * E_PLUGIN error naming the shader and the rule (a returned frame would otherwise be dropped silently, and a resized
 * one would reach the encoder or the PNG writer at the wrong size).
 */
function runStep(step: InternalStep, frame: RgbFrame, ctx: MutableShaderContext): void {
  const { width, height, data } = frame;
  const params = step.scaler ? (step.scaler(step.base, step.live, ctx.features), step.live) : step.base;
  let returned: unknown;
  try {
    returned = step.def.apply(frame, params, ctx);
  } catch (e) {
    throw shaderFailed(step, e);
  }
  if (frame.data !== data || frame.width !== width || frame.height !== height || data.length !== width * height * 3) {
    const got = `${String(frame.width)}×${String(frame.height)}${frame.data !== data ? ` (frame.data replaced, ${String((frame.data as Uint8Array | undefined)?.length)} bytes)` : ''}`;
    // Put the frame back, so the pooled frame (or the chain's arena copy) stays usable and releasable.
    Object.assign(frame as { width: number; height: number; data: Uint8Array }, { width, height, data });
    throw new GlyphreelError('E_PLUGIN', `shader ${step.name} changed the frame from ${width}×${height} to ${got}: a shader changes frame.data in place; it must not replace it or change the size`, {
      hint: 'write the pixels into frame.data, e.g. frame.data.set(pixels), and leave width, height and data as they are',
    });
  }
  if (returned !== undefined) {
    const what = typeof returned === 'object' && returned !== null && 'data' in returned ? 'a frame' : `a ${typeof returned}`;
    throw new GlyphreelError('E_PLUGIN', `shader ${step.name} returned ${what}, which would be ignored: a shader changes frame.data in place and returns nothing`, {
      hint: 'copy the result into frame.data, e.g. frame.data.set(result.data), and return nothing',
    });
  }
}

/**
 * An exception from a shader's code with the shader named in front, as E_RENDER (the render adds the scene and the
 * frame). A GlyphreelError keeps its code and hint; a built-in's passes unchanged (its messages name it already).
 */
function shaderFailed(step: InternalStep, e: unknown): unknown {
  return step.builtin && isGlyphreelError(e) ? e : prefixError(e, `shader ${step.name}`);
}

/** A chain over any registry (built-ins plus third-party plugins). */
export function createShaderChain(registry: Registry, steps: Iterable<ShaderStepSpec> = [], options?: ShaderChainOptions): ShaderChain {
  return new ShaderChain(registry, steps, options);
}
