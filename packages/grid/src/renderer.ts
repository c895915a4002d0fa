import {
  clearFrame, createCellLayer, createFrame, GlyphreelError, type CellLayer, type GridGeometry, type RgbFrame, type SceneRenderer,
} from '@glyphreel/core';
import { adoptAtlasSnapshots, type AtlasSnapshot, type GlyphAtlas, type GridSeed, type WarningHandler } from './atlas.js';
import type { FontSpec } from './fonts.js';
import { asGrid, checkDimension, fontPx, Grid, gridAtlas } from './grid.js';

export interface SceneRendererOptions {
  width: number;
  height: number;
  /** The quality profile's grid scale (default 1). */
  gridScale?: number;
  /** Font of every grid (default DejaVu Sans Mono). */
  font?: FontSpec;
  /** Per size key font, e.g. `{ lg: 'DejaVu Sans Mono Bold' }` for bold text. */
  fonts?: Readonly<Record<string, FontSpec>>;
  fallbackFonts?: readonly FontSpec[];
  /** Characters rasterized at init (default: every core palette and set); see GridOptions.initChars. */
  initChars?: string;
  /** Extra characters rasterized at init (overlay text). */
  chars?: string;
  onWarning?: WarningHandler;
  /**
   * Allocates the pooled frames (default: core's createFrame, bytes on the JS heap). The CLI passes
   * @glyphreel/shaders' createSimdFrame, so tonemap and the shader chain run in place in WebAssembly memory.
   */
  createFrame?: (width: number, height: number) => RgbFrame;
  /** Zero-fills a pooled frame when it is handed out again (default: core's clearFrame). */
  clearFrame?: (frame: RgbFrame) => void;
  /**
   * Glyph atlases made by `prepareAtlases` with the same options, on another thread: grids start from them instead
   * of loading the rasterizer and drawing the glyphs again. Output is the same with or without them.
   */
  atlases?: readonly AtlasSnapshot[];
}

/**
 * Builds (on this thread) the glyph atlases that grids of these size keys would build with these options, and
 * returns them as snapshots for `SceneRendererOptions.atlases` in worker threads: the glyphs are rasterized once per
 * render instead of once per worker. With `frame`, the grids of that frame size are built too and travel with their
 * atlas (coordinate fields and blit table), so a worker's grids start ready. Unknown size keys are an error, as they
 * would be for a grid.
 */
export function prepareAtlases(options: Omit<SceneRendererOptions, 'width' | 'height'>, sizes: readonly string[], frame?: { width: number; height: number }): AtlasSnapshot[] {
  const byKey = new Map<string, { atlas: GlyphAtlas; grids: GridSeed[] }>();
  for (const size of sizes) {
    const font = options.fonts?.[size] ?? options.font;
    const { atlas } = gridAtlas({ ...options, font }, fontPx(size, options.gridScale ?? 1));
    const entry = byKey.get(atlas.key) ?? { atlas, grids: [] };
    byKey.set(atlas.key, entry);
    if (frame && !entry.grids.length) {
      entry.grids.push(new Grid({ width: frame.width, height: frame.height, size, gridScale: options.gridScale, font, fallbackFonts: options.fallbackFonts, initChars: options.initChars, chars: options.chars, onWarning: options.onWarning }).toSeed());
    }
  }
  return [...byKey.values()].map(({ atlas, grids }) => atlas.toSnapshot(grids));
}

/** The frame runtime's renderer: grids built lazily per size key and cached, pooled layers and frames. */
export interface GridSceneRenderer extends SceneRenderer {
  readonly width: number;
  readonly height: number;
  grid(key: string): Grid;
  /**
   * A pooled frame, zero-filled unless `clear: false` (for a caller that overwrites every byte, e.g. with
   * renderMapped, or clears it later with clearFrame).
   */
  frame(options?: { clear?: boolean }): RgbFrame;
  /** Zero-fills a frame the way pooled frames are cleared. */
  clearFrame(frame: RgbFrame): void;
  /** The layer drawn on black with every byte then passed through `map`, in one pass (see Grid.renderMapped). */
  renderMapped(geometry: GridGeometry, layer: CellLayer, frame: RgbFrame, map: Uint8Array): void;
  /** Adds the layer's strided histogram, drawn on black in a frame of this renderer's size (see Grid.histogram). */
  histogram(geometry: GridGeometry, layer: CellLayer, step: number, hist: Int32Array): number;
  /**
   * Starts a new frame: every layer and frame handed out since the previous call goes back to the pool. Call it
   * only when the previous frame's buffers are no longer used (e.g. written to the encoder).
   */
  beginFrame(): void;
}

interface Pool<T> {
  items: T[];
  used: number;
}

/** Builds the SceneRenderer that scenes receive as `ctx.renderer`. */
export function createSceneRenderer(options: SceneRendererOptions): GridSceneRenderer {
  if (options === null || typeof options !== 'object') {
    throw new GlyphreelError('E_PARAM', 'createSceneRenderer needs an options object with width and height');
  }
  const width = checkDimension('Frame width', options.width);
  const height = checkDimension('Frame height', options.height);
  const gridScale = options.gridScale ?? 1;
  if (options.atlases) adoptAtlasSnapshots(options.atlases);
  fontPx('md', gridScale); // validates the scale up front
  const grids = new Map<string, Grid>();
  const layerPools = new Map<Grid, Pool<CellLayer>>();
  const framePool: Pool<RgbFrame> = { items: [], used: 0 };
  const allocFrame = options.createFrame ?? createFrame;
  const clear = options.clearFrame ?? clearFrame;

  const grid = (key: string): Grid => {
    let g = grids.get(key);
    if (!g) {
      g = new Grid({
        width,
        height,
        size: key,
        gridScale,
        font: options.fonts?.[key] ?? options.font,
        fallbackFonts: options.fallbackFonts,
        initChars: options.initChars,
        chars: options.chars,
        onWarning: options.onWarning,
      });
      grids.set(key, g);
    }
    return g;
  };

  return {
    width,
    height,
    grid,
    render(geometry: GridGeometry, layer: CellLayer, frame: RgbFrame): void {
      asGrid(geometry).render(layer, frame);
    },
    renderMapped(geometry: GridGeometry, layer: CellLayer, frame: RgbFrame, map: Uint8Array): void {
      asGrid(geometry).renderMapped(layer, frame, map);
    },
    histogram(geometry: GridGeometry, layer: CellLayer, step: number, hist: Int32Array): number {
      return asGrid(geometry).histogram(layer, width, height, step, hist);
    },
    clearFrame(frame: RgbFrame): void {
      clear(frame);
    },
    layer(geometry: GridGeometry): CellLayer {
      const g = asGrid(geometry);
      let pool = layerPools.get(g);
      if (!pool) {
        pool = { items: [], used: 0 };
        layerPools.set(g, pool);
      }
      let layer = pool.items[pool.used];
      if (layer) {
        layer.glyphs.fill(0);
        layer.colors.fill(0);
      } else {
        layer = createCellLayer(g);
        pool.items.push(layer);
      }
      pool.used++;
      return layer;
    },
    frame(frameOptions?: { clear?: boolean }): RgbFrame {
      let f = framePool.items[framePool.used];
      if (f) {
        if (frameOptions?.clear !== false) clear(f);
      } else {
        f = allocFrame(width, height);
        if (f.width !== width || f.height !== height || f.data.length !== width * height * 3) {
          throw new GlyphreelError('E_PARAM', `createSceneRenderer: options.createFrame returned a ${f.width}×${f.height} frame of ${f.data.length} bytes, expected ${width}×${height}·3`);
        }
        framePool.items.push(f);
      }
      framePool.used++;
      return f;
    },
    beginFrame(): void {
      framePool.used = 0;
      for (const pool of layerPools.values()) pool.used = 0;
    },
  };
}
