import type { ParamSchema, ParamValues } from './params.js';
import type { CellLayer, Field, FrameContext, GridGeometry, RgbFrame, SceneContext, Scratch } from './types.js';

/** The plugin API this core implements. A plugin declares the version it was written for. */
export const PLUGIN_API_VERSION = 1;
export const SUPPORTED_API_VERSIONS: readonly number[] = [1];

type P<S extends ParamSchema> = ParamValues<S>;

interface EntryBase<S extends ParamSchema> {
  /** Lower-case identifier: letters, digits, `_` and `-`. */
  name: string;
  description?: string;
  params: S;
}

/** Fills a value field in place (values in [0,1]). State lives in `ctx.state`. */
export interface ValueEffectDef<S extends ParamSchema = ParamSchema> extends EntryBase<S> {
  kind: 'value';
  fill(out: Field, grid: GridGeometry, ctx: FrameContext, params: P<S>): void;
  /**
   * True when the field depends only on the grid, this frame's ctx (t, features, rng) and the params, never on
   * earlier frames (ctx.state used as a scratch cache at most). A render unit that starts mid-scene then skips it
   * while replaying the frames before its start. Leave it unset for simulations and anything that accumulates.
   */
  pure?: boolean;
}

/** Draws glyphs and colours into a cell layer (particles, rain, text …), or post-processes one (glitch, shake). */
export interface CellEffectDef<S extends ParamSchema = ParamSchema> extends EntryBase<S> {
  kind: 'cells';
  draw(layer: CellLayer, grid: GridGeometry, ctx: FrameContext, params: P<S>): void;
  /**
   * Optional asynchronous work before each drawn frame (decode the next video frame, load an image, read a lyrics
   * file), so `draw` stays synchronous. Awaited before every frame that is drawn, never while replaying; keep what
   * it loads in `ctx.state`.
   */
  prepare?(grid: GridGeometry, ctx: FrameContext, params: P<S>): Promise<void>;
  /** Optional clean-up when the scene ends or fails (close readers, kill child processes). */
  dispose?(state: Record<string, unknown>): Promise<void> | void;
}

export type EffectDef<S extends ParamSchema = ParamSchema> = ValueEffectDef<S> | CellEffectDef<S>;

/** Fills a hue field in place, values in [0,1). */
export interface HueFieldDef<S extends ParamSchema = ParamSchema> extends EntryBase<S> {
  output: 'hue';
  fill(out: Field, grid: GridGeometry, ctx: FrameContext, params: P<S>): void;
}

/** Fills an RGB colour per cell directly (rows·cols·3 bytes), e.g. OKLCH hues. */
export interface RgbHueDef<S extends ParamSchema = ParamSchema> extends EntryBase<S> {
  output: 'rgb';
  fill(out: Uint8Array, grid: GridGeometry, ctx: FrameContext, params: P<S>): void;
}

export type HueDef<S extends ParamSchema = ParamSchema> = HueFieldDef<S> | RgbHueDef<S>;

/** Replaces the (col, row) coordinates an effect samples with transformed ones. */
export interface TransformDef<S extends ParamSchema = ParamSchema> extends EntryBase<S> {
  apply(outCol: Field, outRow: Field, grid: GridGeometry, ctx: FrameContext, params: P<S>): void;
}

export interface ShaderContext {
  readonly t: number;
  readonly features: FrameContext['features'];
  readonly rng: FrameContext['rng'];
  /** Buffers reused across frames; key them by shader name. */
  readonly scratch: Scratch;
}

/** Works in place on an rgb24 frame. Caches that depend only on size and params are the shader's business. */
export interface ShaderDef<S extends ParamSchema = ParamSchema> extends EntryBase<S> {
  apply(frame: RgbFrame, params: P<S>, ctx: ShaderContext): void;
}

/**
 * A per-channel blend mode, M(a, b) with a = base and b = top, both in [0,1] (catalog 4.1). The pixel pipeline
 * applies opacity and clamping; separable modes can be tabulated for 8-bit input.
 */
export interface BlendDef {
  name: string;
  description?: string;
  fn(a: number, b: number): number;
}

/** A named glyph palette, dark to bright, index 0 a space. */
export interface PaletteDef {
  name: string;
  description?: string;
  glyphs: string;
}

/** A grid-level mask generator: fills values in [0,1] (1 = visible). */
export interface MaskDef<S extends ParamSchema = ParamSchema> extends EntryBase<S> {
  fill(out: Field, grid: GridGeometry, ctx: FrameContext, params: P<S>): void;
}

/** Mixes two frames: progress 0 shows `from`, 1 shows `to`. */
export interface TransitionDef<S extends ParamSchema = ParamSchema> extends EntryBase<S> {
  apply(from: RgbFrame, to: RgbFrame, progress: number, out: RgbFrame, ctx: ShaderContext, params: P<S>): void;
}

/** A whole custom scene: draws a frame from the context. */
export interface SceneDef<S extends ParamSchema = ParamSchema> extends EntryBase<S> {
  render(ctx: SceneContext, params: P<S>): RgbFrame;
}

/** The collections a plugin may contribute, by kind. */
export interface PluginEntries {
  effects?: readonly EffectDef<any>[];
  hues?: readonly HueDef<any>[];
  transforms?: readonly TransformDef<any>[];
  shaders?: readonly ShaderDef<any>[];
  blends?: readonly BlendDef[];
  palettes?: readonly PaletteDef[];
  masks?: readonly MaskDef<any>[];
  transitions?: readonly TransitionDef<any>[];
  scenes?: readonly SceneDef<any>[];
}

export type EntryKind = keyof PluginEntries;
export const ENTRY_KINDS: readonly EntryKind[] = [
  'effects', 'hues', 'transforms', 'shaders', 'blends', 'palettes', 'masks', 'transitions', 'scenes',
];

/** The entry type of each kind. */
export type EntryOf<K extends EntryKind> = NonNullable<PluginEntries[K]>[number];

export interface PluginMeta {
  /** Namespace of every entry (`name/entry`). Lower case, digits, `-`. */
  name: string;
  version: string;
  /** The plugin API version the plugin was written for (PLUGIN_API_VERSION). */
  apiVersion: number;
  description?: string;
}

export interface Plugin extends PluginMeta, PluginEntries {}

/**
 * Declares a plugin. It is a plain object (like an ESLint flat-config plugin); this function only gives it a type
 * and freezes it. Validation happens when it is registered.
 */
export function definePlugin<T extends Plugin>(plugin: T): Readonly<T> {
  return Object.freeze(plugin);
}

/** Typed helpers so an entry's params are inferred from its schema. */
export function defineValueEffect<S extends ParamSchema>(def: Omit<ValueEffectDef<S>, 'kind'>): ValueEffectDef<S> {
  return { ...def, kind: 'value' };
}
export function defineCellEffect<S extends ParamSchema>(def: Omit<CellEffectDef<S>, 'kind'>): CellEffectDef<S> {
  return { ...def, kind: 'cells' };
}
export function defineHue<S extends ParamSchema>(def: Omit<HueFieldDef<S>, 'output'>): HueFieldDef<S> {
  return { ...def, output: 'hue' };
}
export function defineRgbHue<S extends ParamSchema>(def: Omit<RgbHueDef<S>, 'output'>): RgbHueDef<S> {
  return { ...def, output: 'rgb' };
}
export function defineTransform<S extends ParamSchema>(def: TransformDef<S>): TransformDef<S> {
  return def;
}
export function defineShader<S extends ParamSchema>(def: ShaderDef<S>): ShaderDef<S> {
  return def;
}
export function defineMask<S extends ParamSchema>(def: MaskDef<S>): MaskDef<S> {
  return def;
}
export function defineTransition<S extends ParamSchema>(def: TransitionDef<S>): TransitionDef<S> {
  return def;
}
export function defineScene<S extends ParamSchema>(def: SceneDef<S>): SceneDef<S> {
  return def;
}
