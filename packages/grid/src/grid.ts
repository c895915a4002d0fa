import { createHash } from 'node:crypto';
import {
  BASE_CHARS, createCellLayer, createGeometry, GEOMETRY_FIELDS, GlyphreelError, GRID_SIZE_PX, isGridSizeKey, PALETTES,
  type CellLayer, type Field, type GeometryFields, type GridGeometry, type RgbFrame,
} from '@glyphreel/core';
import { DEFAULT_INIT_CHARS, defaultWarningHandler, getAtlas, GlyphAtlas, type GridSeed, type WarningHandler } from './atlas.js';
import { BlitTable, blitLayer, type Placement } from './blit.js';
import { blitLayerMapped, layerHistogram } from './mapped.js';
import { resolveFontChain, type FontChain, type FontSpec } from './fonts.js';
import { primeKernels } from './warm-up.js';

export interface GridOptions {
  /** Frame size in pixels (any aspect: landscape, portrait, square). */
  width: number;
  height: number;
  /** A size key (xs sm md lg xl xxl → 8 10 16 20 24 40 px) or a font size in px. Default "md". */
  size?: string | number;
  /** The quality profile's grid scale, multiplied into the font size. Default 1. */
  gridScale?: number;
  /** Font: bundled family, system family, "system-mono" or a .ttf/.otf path (default DejaVu Sans Mono). */
  font?: FontSpec;
  /** Fonts tried for glyphs the font lacks (default: DejaVu Sans for the default font, none otherwise). */
  fallbackFonts?: readonly FontSpec[];
  /**
   * Characters rasterized at init (default `DEFAULT_INIT_CHARS`: every palette and character set core defines).
   * Pass only the palettes in use to start faster: e.g. the UnifontEX fallback is then loaded (≈ 0.3 s once per
   * process) only if a glyph needs it. Anything else is rasterized lazily on first use. BASE_CHARS is always added.
   */
  initChars?: string;
  /** Characters to rasterize at init besides `initChars` (overlay text, custom palettes). */
  chars?: string;
  /** Where glyph warnings go (default: process.emitWarning). */
  onWarning?: WarningHandler;
}

/**
 * The font chain and glyph atlas a grid of these options uses, at `px` (from `fontPx(size, gridScale)`): what the
 * Grid constructor and `prepareAtlases` share, so a snapshot made on one thread is the atlas a grid on another asks for.
 */
export function gridAtlas(options: Pick<GridOptions, 'font' | 'fallbackFonts' | 'initChars' | 'chars'>, px: number): { font: FontChain; atlas: GlyphAtlas } {
  const font = resolveFontChain(options.font, options.fallbackFonts);
  return { font, atlas: getAtlas(font, px, BASE_CHARS + (options.initChars ?? DEFAULT_INIT_CHARS) + (options.chars ?? '')) };
}

/** Checks a frame dimension: a positive integer. */
export function checkDimension(what: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0 || v > 32768) {
    throw new GlyphreelError('E_PARAM', `${what} must be a positive integer number of pixels (at most 32768), got ${JSON.stringify(v)}`);
  }
  return v;
}

/** Font size in px of a size key or number, times the grid scale (rounded, at least 4 px). */
export function fontPx(size: string | number, gridScale = 1): number {
  if (!(typeof gridScale === 'number' && Number.isFinite(gridScale) && gridScale > 0)) {
    throw new GlyphreelError('E_PARAM', `gridScale must be a positive number, got ${JSON.stringify(gridScale)}`);
  }
  let base: number;
  if (typeof size === 'number') {
    if (!Number.isFinite(size) || size < 4 || size > 512) {
      throw new GlyphreelError('E_PARAM', `Grid font size must be between 4 and 512 px, got ${size}`);
    }
    base = size;
  } else if (isGridSizeKey(size)) {
    base = GRID_SIZE_PX[size];
  } else {
    throw new GlyphreelError('E_UNKNOWN', `Unknown grid size "${size}"`, {
      hint: `use one of ${Object.keys(GRID_SIZE_PX).join(', ')} or a font size in px`,
    });
  }
  return Math.max(4, Math.round(base * gridScale));
}

/**
 * One character grid over a frame (the reference's GridLayer): font metrics, centring, the cached coordinate fields
 * of GridGeometry, a glyph atlas, and the typed-array renderer. Canvas is touched only while glyphs are rasterized.
 */
export class Grid implements GridGeometry, Placement {
  readonly id: string;
  readonly sizeKey: string;
  readonly rows: number;
  readonly cols: number;
  readonly cellWidthPx: number;
  readonly cellHeightPx: number;
  readonly offsetXPx: number;
  readonly offsetYPx: number;
  readonly frameWidthPx: number;
  readonly frameHeightPx: number;
  readonly cellAspect: number;
  readonly row: Field;
  readonly col: Field;
  readonly dx: Field;
  readonly dy: Field;
  readonly dist: Field;
  readonly angle: Field;
  readonly dxN: Field;
  readonly dyN: Field;
  readonly distN: Field;
  readonly atlas: GlyphAtlas;
  readonly font: FontChain;
  readonly px: number;
  readonly isPortrait: boolean;
  readonly isLandscape: boolean;
  readonly onWarning: WarningHandler;
  /** Placement aliases used by the blit (reference names). */
  readonly cw: number;
  readonly ch: number;
  readonly ox: number;
  readonly oy: number;
  private readonly tables = new Map<number, BlitTable>();
  private readonly idCache = new Map<string, Uint16Array>();
  private readonly textCache = new Map<string, Uint16Array>();
  private scratchLayer: CellLayer | undefined;
  private readonly seed: GridSeed | undefined;

  constructor(options: GridOptions) {
    const width = checkDimension('Frame width', options.width);
    const height = checkDimension('Frame height', options.height);
    const size = options.size ?? 'md';
    this.px = fontPx(size, options.gridScale ?? 1);
    this.onWarning = options.onWarning ?? defaultWarningHandler;
    ({ font: this.font, atlas: this.atlas } = gridAtlas(options, this.px));
    const { cw, ch } = this.atlas;
    const cols = Math.floor(width / cw);
    const rows = Math.floor(height / ch);
    if (cols < 1 || rows < 1) {
      throw new GlyphreelError('E_PARAM', `A ${width}×${height} frame is smaller than one ${cw}×${ch} px cell at ${this.px} px`, {
        hint: 'use a larger frame or a smaller grid size',
      });
    }
    this.sizeKey = typeof size === 'number' ? `${size}px` : size;
    // A grid built on another thread for this atlas and frame size (an adopted snapshot) lends its fields and table.
    this.seed = this.atlas.gridSeed(width, height);
    const geo = createGeometry({
      // unique per (font chain, size, frame size): effects key per-grid state by it
      id: `${this.sizeKey}-${this.px}px-${this.font.primary.name.replace(/\s+/g, '_')}-${createHash('sha256').update(this.font.key).digest('hex').slice(0, 8)}-${width}x${height}`,
      sizeKey: this.sizeKey,
      rows,
      cols,
      cellWidthPx: cw,
      cellHeightPx: ch,
      offsetXPx: Math.floor((width - cols * cw) / 2),
      offsetYPx: Math.floor((height - rows * ch) / 2),
      frameWidthPx: width,
      frameHeightPx: height,
    }, this.seed?.fields);
    this.id = geo.id;
    this.rows = rows;
    this.cols = cols;
    this.cellWidthPx = this.cw = cw;
    this.cellHeightPx = this.ch = ch;
    this.offsetXPx = this.ox = geo.offsetXPx;
    this.offsetYPx = this.oy = geo.offsetYPx;
    this.frameWidthPx = width;
    this.frameHeightPx = height;
    this.cellAspect = geo.cellAspect;
    this.row = geo.row;
    this.col = geo.col;
    this.dx = geo.dx;
    this.dy = geo.dy;
    this.dist = geo.dist;
    this.angle = geo.angle;
    this.dxN = geo.dxN;
    this.dyN = geo.dyN;
    this.distN = geo.distN;
    this.isPortrait = height > width;
    this.isLandscape = width > height;
    primeKernels(this.blitTable(), this);
  }

  /**
   * Palette semantics: one id per drawable code point of `text`, in order; space (and other whitespace) is 0;
   * characters no font of the chain can draw are left out (one warning each), so a ramp never keeps a slot that
   * silently draws nothing. Cached per text.
   */
  glyphIds = (text: string): Uint16Array => {
    let out = this.idCache.get(text);
    if (out) return out;
    const ids: number[] = [];
    for (const c of text) {
      const id = this.atlas.id(c, this.onWarning);
      if (id >= 0) ids.push(id);
    }
    out = Uint16Array.from(ids);
    remember(this.idCache, text, out);
    return out;
  };

  /**
   * Text semantics: exactly one id per code point, so layout is kept; a character the font cannot draw becomes a
   * blank cell (with its one warning). Cached per text (keep it for static text; per-frame text should use
   * `stampText`, which does not cache).
   */
  textIds(text: string): Uint16Array {
    let out = this.textCache.get(text);
    if (out) return out;
    const cps = Array.from(text);
    out = new Uint16Array(cps.length);
    for (let k = 0; k < cps.length; k++) out[k] = Math.max(0, this.atlas.id(cps[k]!, this.onWarning));
    remember(this.textCache, text, out);
    return out;
  }

  /** One character's id (−1 when the font cannot draw it); no caching of strings, for per-frame text. */
  charId(c: string): number {
    return this.atlas.id(c, this.onWarning);
  }

  /** A registered palette by name (core PALETTES) as glyph ids, validated against the font. */
  palette(name: string): Uint16Array {
    const glyphs = PALETTES[name.toLowerCase()];
    if (glyphs === undefined) {
      throw new GlyphreelError('E_UNKNOWN', `Unknown palette "${name}"`, { hint: `known palettes: ${Object.keys(PALETTES).join(', ')}` });
    }
    return this.glyphIds(glyphs);
  }

  /**
   * A palette given as a registered name ("dense", core PALETTES), a glyph string, or ids already resolved. Names win
   * over glyph strings (a palette of the letters d, e, n, s … is written as ids or with a leading space).
   */
  resolvePalette(palette: string | Uint16Array): Uint16Array {
    if (typeof palette !== 'string') return palette;
    return PALETTES[palette] !== undefined ? this.glyphIds(PALETTES[palette]) : this.glyphIds(palette);
  }

  /** The palette string as the font can draw it (missing glyphs removed). */
  validatedPalette(glyphs: string): string {
    return Array.from(glyphs).filter((c) => this.atlas.id(c, this.onWarning) >= 0).join('');
  }

  /** The blit table for a frame width (one per width, extended when the atlas grows). */
  blitTable(frameWidth: number = this.frameWidthPx): BlitTable {
    let t = this.tables.get(frameWidth);
    if (!t) {
      t = new BlitTable(this.atlas, frameWidth, this.seed?.table);
      this.tables.set(frameWidth, t);
    }
    return t.sync();
  }

  /** A new blank layer for this grid. */
  createLayer(): CellLayer {
    return createCellLayer(this);
  }

  /** Max-composites a layer into a frame (never darkens; several grids may render into one frame). */
  render(layer: CellLayer, frame: RgbFrame): RgbFrame {
    blitLayer(this.blitTable(frame.width), this, layer, frame);
    return frame;
  }

  /**
   * Draws the layer on black and passes every byte of the frame through `map` (a non-decreasing 256-byte table such
   * as tonemap's), in one pass: the frame's previous content is replaced, and need not be cleared.
   */
  renderMapped(layer: CellLayer, frame: RgbFrame, map: Uint8Array): RgbFrame {
    blitLayerMapped(this.blitTable(frame.width), this, layer, frame, map);
    return frame;
  }

  /**
   * Adds to `hist` the values of every channel of the pixels at rows and columns 0, step, 2·step, … of this layer
   * drawn on black in a `width` × `height` frame, read from the cells instead of a drawn frame; returns how many
   * values it added.
   */
  histogram(layer: CellLayer, width: number, height: number, step: number, hist: Int32Array): number {
    return layerHistogram(this.blitTable(width), this, layer, width, height, step, hist);
  }

  /** This grid's coordinate fields and blit table as plain data, for another thread's grid of the same atlas and size. */
  toSeed(): GridSeed {
    const fields = {} as GeometryFields;
    for (const k of GEOMETRY_FIELDS) {
      const f = new Float32Array(new SharedArrayBuffer(this[k].length * 4));
      f.set(this[k]);
      fields[k] = f;
    }
    return { width: this.frameWidthPx, height: this.frameHeightPx, fields, table: this.blitTable().toSeed() };
  }

  /** A layer owned by the grid for one-shot helpers such as renderField (reused; not for callers to keep). */
  scratch(): CellLayer {
    if (!this.scratchLayer) this.scratchLayer = createCellLayer(this);
    return this.scratchLayer;
  }
}

/** Palettes are few, but text passed per frame must not grow a cache without bound. */
const CACHE_LIMIT = 4096;
function remember(cache: Map<string, Uint16Array>, key: string, ids: Uint16Array): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, ids);
}

/** Builds a grid; see GridOptions. */
export function createGrid(options: GridOptions): Grid {
  return new Grid(options);
}

/** The Grid behind a GridGeometry, or a clear error when it came from elsewhere. */
export function asGrid(geometry: GridGeometry): Grid {
  if (geometry instanceof Grid) return geometry;
  throw new GlyphreelError('E_PARAM', `Grid "${geometry.id}" was not built by @glyphreel/grid; it has no glyph atlas to render with`, {
    hint: 'get grids from the renderer (ctx.renderer.grid(key)) or createGrid()',
  });
}
