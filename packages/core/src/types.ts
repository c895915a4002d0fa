import type { Rng } from './rng.js';

/** One video frame: rgb24, row-major, 3 bytes per pixel (ffmpeg's `rgb24`, so it goes to the encoder as is). */
export interface RgbFrame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** A full rows×cols matrix, row-major. Value fields are in [0,1]; hue fields in [0,1). */
export type Field = Float32Array;

/**
 * What one grid draws in one frame: a glyph id per cell (0 = blank) and an RGB colour per cell.
 * Glyph ids index the grid's atlas; get them from `GridGeometry.glyphIds(palette)`.
 */
export interface CellLayer {
  readonly rows: number;
  readonly cols: number;
  readonly glyphs: Uint16Array;
  readonly colors: Uint8Array;
}

/** The six grid size keys of the reference (font size in px before the profile's grid scale). */
export type GridSizeKey = 'xs' | 'sm' | 'md' | 'lg' | 'xl' | 'xxl';

/**
 * A character grid laid over a frame. Implemented by @glyphreel/grid; effects only ever see this interface, so they
 * depend on core alone. All coordinate fields are full rows×cols matrices computed once (seed: "Coordinate Array
 * Caching"), with the reference's definitions (catalog 1.2).
 */
export interface GridGeometry {
  /** Unique per (font, size, frame size): use it to key per-grid simulation state. */
  readonly id: string;
  readonly sizeKey: string;
  readonly rows: number;
  readonly cols: number;
  readonly cellWidthPx: number;
  readonly cellHeightPx: number;
  /** Centring offsets of the grid inside the frame. */
  readonly offsetXPx: number;
  readonly offsetYPx: number;
  readonly frameWidthPx: number;
  readonly frameHeightPx: number;
  /** Cell aspect cw/ch (the reference's `asp`). */
  readonly cellAspect: number;
  /** Row index of each cell (the reference's `rr`, materialized). */
  readonly row: Field;
  /** Column index of each cell (`cc`). */
  readonly col: Field;
  /** cc − cols/2. */
  readonly dx: Field;
  /** (rr − rows/2)/cellAspect: rows in column widths, so distances and angles are round on screen. */
  readonly dy: Field;
  /** √(dx² + dy²). */
  readonly dist: Field;
  /** atan2(dy, dx), radians in (−π, π]. */
  readonly angle: Field;
  /** dx/cols: a fraction of the frame width. */
  readonly dxN: Field;
  /** dy/cols: the same unit as dxN (round on screen). */
  readonly dyN: Field;
  /** √(dxN² + dyN²). */
  readonly distN: Field;
  /**
   * Glyph ids for each code point of `text` (a palette or overlay text); a space maps to 0. Resolved once and cached
   * by the grid; call it at set-up or per frame without worry. Glyphs the font cannot draw were dropped from
   * palettes when the grid was built (with a warning).
   */
  glyphIds(text: string): Uint16Array;
}

/** A feature name of catalog 5.1 (`cent`/`flat`, not centroid/flatness). Video adds its own names. */
export type FeatureName =
  | 'rms' | 'sub' | 'bass' | 'lomid' | 'mid' | 'himid' | 'hi'
  | 'sub_r' | 'bass_r' | 'lomid_r' | 'mid_r' | 'himid_r' | 'hi_r'
  | 'cent' | 'flat' | 'flux' | 'cent_d' | 'beat' | 'bdecay';

/** Read-only view of one frame's features. A feature that is absent reads 0.3 (beat and bdecay: 0). */
export interface FeatureFrame {
  readonly frameIndex: number;
  get(name: FeatureName | (string & {})): number;
  has(name: string): boolean;
}

/** The part of a quality profile that effects and shaders read. */
export interface RenderBudget {
  /** Particle cap per system; culling keeps the newest. */
  readonly particlesMax: number;
  /** Shader set chosen by the profile. */
  readonly shaders: 'minimal' | 'standard' | 'full';
  readonly gridScale: number;
}

/** Everything an effect, hue field or shader gets for one frame. */
export interface FrameContext {
  /** Local scene time in seconds (0 on the scene's first frame), from the integer frame index. */
  readonly t: number;
  /** Frame index within the scene. */
  readonly frame: number;
  readonly fps: number;
  /** min(t / scene duration, 1). */
  readonly progress: number;
  readonly durationS: number;
  readonly features: FeatureFrame;
  /** Per-layer persistent state; lives for one scene in one worker, never shared between scenes. */
  readonly state: Record<string, unknown>;
  /** The seeded stream for this layer/scene. Never use Math.random. */
  readonly rng: Rng;
  readonly budget: RenderBudget;
  /**
   * True while a work unit that starts mid-scene replays earlier frames: advance state, skip drawing work that has
   * no effect on state.
   */
  readonly replaying: boolean;
}

/** Renders CellLayers into frames; provided to scenes by the runtime (implemented with @glyphreel/grid). */
export interface SceneRenderer {
  /** The grid for a size key at the current frame size (built lazily, cached). */
  grid(key: GridSizeKey | (string & {})): GridGeometry;
  /** Max-composites a layer into the frame (never darkens). */
  render(grid: GridGeometry, layer: CellLayer, frame: RgbFrame): void;
  /** A pooled cell layer for the grid, cleared to blank. */
  layer(grid: GridGeometry): CellLayer;
  /** A pooled frame of the output size, cleared to black. */
  frame(): RgbFrame;
}

/** What a scene function receives. */
export interface SceneContext extends FrameContext {
  readonly renderer: SceneRenderer;
  readonly width: number;
  readonly height: number;
}

/** A scene function draws one frame: `(ctx) => RgbFrame`. */
export type SceneFn = (ctx: SceneContext) => RgbFrame;

/** Reusable scratch buffers (per chain, per worker): same key and length → same buffer, no per-frame allocation. */
export interface Scratch {
  u8(key: string, length: number): Uint8Array;
  f32(key: string, length: number): Float32Array;
  i32(key: string, length: number): Int32Array;
}
