/**
 * Test and benchmark scaffolding for cell effects: a grid with sequential glyph ids (readable back as text), a
 * FrameContext whose rng and state persist across frames like the runtime's per-layer ones, and helpers to run an
 * effect for N frames. Test-only: src/test-utils is left out of the build (tsconfig.lib.json), so it never ships.
 */
import {
  createCellLayer,
  createGeometry,
  featureFrame,
  Rng,
  sequentialGlyphIds,
  validateParams,
  type CellEffectDef,
  type CellLayer,
  type FrameContext,
  type GridGeometry,
  type RenderBudget,
} from '@glyphreel/core';

export interface TestGrid {
  grid: GridGeometry;
  glyphOf(id: number): string;
}

export function testGrid(rows: number, cols: number, id?: string): TestGrid {
  const ids = sequentialGlyphIds();
  return { grid: createGeometry({ rows, cols, glyphIds: ids, id }), glyphOf: ids.glyphOf };
}

export interface RunOptions {
  seed?: number;
  fps?: number;
  particlesMax?: number;
  /** Features of every frame, or a function of the frame index. */
  features?: Record<string, number> | ((frame: number) => Record<string, number>);
  state?: Record<string, unknown>;
  /** Frames (from 0) that only advance state. */
  replaying?: (frame: number) => boolean;
  durationS?: number;
  /** Draw into this layer instead of a fresh one (e.g. views with guard bands around them). */
  layer?: CellLayer;
}

/** A runner holding one layer's persistent state and rng: call `frame(i)` in order. */
export class EffectRunner {
  readonly state: Record<string, unknown>;
  readonly rng: Rng;
  readonly layer: CellLayer;
  readonly params: Record<string, unknown>;
  private readonly budget: RenderBudget;

  constructor(
    readonly effect: CellEffectDef<any>,
    readonly grid: GridGeometry,
    params: Record<string, unknown> = {},
    readonly options: RunOptions = {},
  ) {
    this.state = options.state ?? {};
    this.rng = new Rng(options.seed ?? 1);
    this.layer = options.layer ?? createCellLayer(grid);
    this.params = validateParams(effect.params, params, { plugin: 'effects', kind: 'effect', entry: effect.name });
    this.budget = { particlesMax: options.particlesMax ?? 1200, shaders: 'standard', gridScale: 1 };
  }

  context(frame: number): FrameContext {
    const fps = this.options.fps ?? 24;
    const f = this.options.features;
    const values = typeof f === 'function' ? f(frame) : (f ?? {});
    const durationS = this.options.durationS ?? 10;
    const t = frame / fps;
    return {
      t,
      frame,
      fps,
      progress: Math.min(t / durationS, 1),
      durationS,
      features: featureFrame(values, frame),
      state: this.state,
      rng: this.rng,
      budget: this.budget,
      replaying: this.options.replaying?.(frame) ?? false,
    };
  }

  /** Clears the layer (unless `keep`) and draws frame `i`. */
  frame(i: number, keep = false): CellLayer {
    if (!keep) {
      this.layer.glyphs.fill(0);
      this.layer.colors.fill(0);
    }
    this.effect.draw(this.layer, this.grid, this.context(i), this.params as never);
    return this.layer;
  }

  /** Draws frames 0..n−1 and returns the layer of the last. */
  run(n: number): CellLayer {
    for (let i = 0; i < n; i++) this.frame(i);
    return this.layer;
  }
}

/** The layer as text, one line per row, blanks as spaces. */
export function layerText(layer: CellLayer, glyphOf: (id: number) => string): string {
  const lines: string[] = [];
  for (let r = 0; r < layer.rows; r++) {
    let s = '';
    for (let c = 0; c < layer.cols; c++) s += glyphOf(layer.glyphs[r * layer.cols + c]!);
    lines.push(s);
  }
  return lines.join('\n');
}

export function nonBlank(layer: CellLayer): number {
  let n = 0;
  for (let i = 0; i < layer.glyphs.length; i++) if (layer.glyphs[i] !== 0) n++;
  return n;
}

/**
 * A layer whose arrays record every write to an index outside them. A typed array silently drops such writes, so
 * an effect that computes a wrong cell index would otherwise pass unnoticed; these proxies make it visible to
 * `strayWrites()`. Slow: for small test grids only.
 */
export function guardedLayer(rows: number, cols: number): { layer: CellLayer; strayWrites(): string[] } {
  const stray: string[] = [];
  const watch = <T extends Uint16Array | Uint8Array>(name: string, target: T): T =>
    new Proxy(target, {
      get(t, prop) {
        const v = Reflect.get(t, prop, t);
        return typeof v === 'function' ? v.bind(t) : v;
      },
      set(t, prop, value) {
        if (typeof prop === 'string' && /^-?\d+(\.\d+)?$|^NaN$|^-?Infinity$/.test(prop)) {
          const idx = Number(prop);
          if (!(Number.isInteger(idx) && idx >= 0 && idx < t.length)) stray.push(`${name}[${prop}] = ${String(value)}`);
        }
        return Reflect.set(t, prop, value, t);
      },
    });
  const n = rows * cols;
  const layer: CellLayer = { rows, cols, glyphs: watch('glyphs', new Uint16Array(n)), colors: watch('colors', new Uint8Array(n * 3)) };
  return { layer, strayWrites: () => stray };
}
