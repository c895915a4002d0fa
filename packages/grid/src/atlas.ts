import { BASE_CHARS, CHARS_BOIDS, CHARS_BOIDS_ARROWS, CHARS_CURSOR, CHARS_EXPLOSION, CHARS_FIRE, CHARS_FLOW,
  CHARS_FLOW_EXAMPLE, CHARS_SCANBARS, CHARS_TRAILS, PALETTES, PARTICLE_SETS, type GeometryFields } from '@glyphreel/core';
import type { BlitTableSeed } from './blit.js';
import type { SKRSContext2D } from '@napi-rs/canvas';
import { canvasApi } from './canvas.js';
import { cssFont, type FontChain, type FontHandle } from './fonts.js';
import { measureCell, type CellMetrics } from './metrics.js';

/** Receives one line per problem that is worth telling the user but not worth failing for. */
export type WarningHandler = (message: string) => void;

export const defaultWarningHandler: WarningHandler = (message) => {
  process.emitWarning(message, { code: 'GLYPHREEL_GLYPH' });
};

/** Every character core defines: BASE_CHARS, the 29 palettes, the particle sets and the inline sets. */
export const DEFAULT_INIT_CHARS: string = [
  BASE_CHARS,
  ...Object.values(PALETTES),
  ...Object.values(PARTICLE_SETS),
  CHARS_BOIDS, CHARS_BOIDS_ARROWS, CHARS_FLOW, CHARS_FLOW_EXAMPLE, CHARS_TRAILS, CHARS_SCANBARS, CHARS_EXPLOSION,
  CHARS_CURSOR, CHARS_FIRE,
].join('');

/** A code point no font assigns a glyph to (U+0378 is permanently unassigned): drawing it shows the font's .notdef. */
const UNASSIGNED = '\u0378';
const MISSING = -1;
const UNKNOWN = -2;
const WHITESPACE = /^\s$/u;

export const codePointLabel = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Coverage masks of glyphs for one font chain at one size. Glyph id 0 is blank; ids are assigned in order of first
 * use and never change, so CellLayers stay valid while glyphs are added lazily. Each mask is cw×ch bytes, the glyph
 * drawn at (0,0) as the reference does (what lies outside the cell is cut), anti-aliased gray = coverage; a glyph from
 * a fallback font is instead centred on the cell and, if its ink is wider than the cell, squeezed horizontally to fit.
 *
 * A glyph counts as missing from a font when it renders exactly like that font's .notdef (a font draws its .notdef
 * box, not nothing, for code points it lacks) or renders nothing at all; then the next font of the chain is tried,
 * and if none draws it the character is reported once and never gets an id.
 */
export class GlyphAtlas {
  readonly metrics: CellMetrics;
  readonly cw: number;
  readonly ch: number;
  readonly cellSize: number;
  /** Glyph count including the blank glyph 0. */
  count = 1;
  /** Bumped whenever glyphs are added, so blit tables know to extend. */
  version = 0;
  /** Concatenated masks, glyph id × cellSize. */
  masks: Uint8Array;
  /** Sum of coverage per glyph (ink), for sorting palettes. */
  ink: Float64Array;
  /** Which font of the chain drew each glyph (0 = primary). */
  fontIndex: Uint8Array;
  private readonly chars: string[] = [' '];
  /** BMP lookup: code unit → id, MISSING or UNKNOWN. Astral characters use `astral`. */
  private readonly bmp = new Int32Array(65536).fill(UNKNOWN);
  private readonly astral = new Map<string, number>();
  private readonly warned = new Set<string>();
  /** Grid seeds adopted with a snapshot (see AtlasSnapshot.grids). */
  private gridSeeds: readonly GridSeed[] = [];
  /** The rasterizing canvas, made on the first glyph this thread draws (an atlas from a snapshot may never need it). */
  private ctx: SKRSContext2D | undefined;
  /** A canvas wider than a cell, to measure a fallback font's glyph before fitting it (see `fitFallback`). */
  private wide: SKRSContext2D | undefined;
  /** Per font of the chain: its .notdef mask (null: draws nothing), set up when the font is first needed. */
  private readonly fonts: ({ notdef: Uint8Array | null } | undefined)[];
  private readonly css: (string | undefined)[];
  private readonly handles: readonly FontHandle[];

  /**
   * `snapshot` (from `toSnapshot()` of an atlas of the same font chain and size, in any thread): start with its
   * glyphs, ids and metrics instead of measuring and rasterizing them again. Glyphs it lacks are added as usual.
   */
  constructor(readonly chain: FontChain, readonly px: number, snapshot?: AtlasSnapshot) {
    this.handles = [chain.primary, ...chain.fallbacks];
    this.fonts = this.handles.map(() => undefined);
    this.css = this.handles.map(() => undefined);
    const snap = snapshot !== undefined && snapshot.key === atlasKey(chain, px) && snapshot.fonts.length === this.handles.length ? snapshot : undefined;
    this.metrics = snap ? { ...snap.metrics } : measureCell(chain.primary, px);
    this.cw = this.metrics.cw;
    this.ch = this.metrics.ch;
    this.cellSize = this.cw * this.ch;
    let capacity = 256;
    while (snap && capacity < snap.chars.length) capacity *= 2;
    this.masks = new Uint8Array(this.cellSize * capacity);
    this.ink = new Float64Array(capacity);
    this.fontIndex = new Uint8Array(capacity);
    this.bmp[32] = 0;
    if (snap) this.adopt(snap);
  }

  private adopt(snap: AtlasSnapshot): void {
    const n = snap.chars.length;
    this.masks.set(snap.masks.subarray(0, n * this.cellSize));
    this.ink.set(snap.ink.subarray(0, n));
    this.fontIndex.set(snap.fontIndex.subarray(0, n));
    for (let id = 1; id < n; id++) this.remember(snap.chars[id]!, id);
    for (const c of snap.missing) this.remember(c, MISSING);
    this.chars.length = 0;
    this.chars.push(...snap.chars);
    this.count = n;
    snap.fonts.forEach((f, k) => (this.fonts[k] = f ? { notdef: f.notdef ? f.notdef.slice() : null } : undefined));
    this.gridSeeds = snap.grids ?? [];
  }

  /** Font chain key and pixel size: what a snapshot must match to be adopted by this atlas. */
  get key(): string {
    return atlasKey(this.chain, this.px);
  }

  /** The adopted seed of a grid of this atlas for a frame size, if the snapshot carried one. */
  gridSeed(width: number, height: number): GridSeed | undefined {
    return this.gridSeeds.find((g) => g.width === width && g.height === height);
  }

  private remember(c: string, id: number): void {
    if (c.length === 1) this.bmp[c.charCodeAt(0)] = id;
    else this.astral.set(c, id);
  }

  /**
   * Everything this atlas knows, as plain data a worker thread can receive (structured clone; the masks are in a
   * SharedArrayBuffer, so sending the snapshot to many workers copies them once). `new GlyphAtlas(chain, px, snap)`
   * in the worker then starts where this one is, without loading the rasterizer.
   */
  toSnapshot(grids: readonly GridSeed[] = []): AtlasSnapshot {
    const n = this.count;
    const masks = new Uint8Array(new SharedArrayBuffer(n * this.cellSize));
    masks.set(this.masks.subarray(0, n * this.cellSize));
    return {
      key: atlasKey(this.chain, this.px),
      metrics: { ...this.metrics },
      chars: this.chars.slice(0, n),
      missing: this.missing(),
      masks,
      ink: this.ink.slice(0, n),
      fontIndex: this.fontIndex.slice(0, n),
      fonts: this.fonts.map((f) => (f ? { notdef: f.notdef } : null)),
      ...(grids.length ? { grids } : {}),
    };
  }

  /** The chain's font `f`, measuring its .notdef on first use (fallbacks often never are). */
  private font(f: number): { notdef: Uint8Array | null } {
    let font = this.fonts[f];
    if (!font) {
      font = { notdef: null };
      this.fonts[f] = font;
      const nd = this.rasterize(UNASSIGNED, f);
      font.notdef = isBlank(nd) ? null : nd;
    }
    return font;
  }

  /** `ctx.font` for font `f` (registering a bundled font with the rasterizer on first use). */
  private cssOf(f: number): string {
    return (this.css[f] ??= cssFont(this.handles[f]!, this.px));
  }

  /** The character of a glyph id. */
  charOf(id: number): string {
    return this.chars[id] ?? '';
  }

  /** A glyph's coverage mask (a view, do not modify). */
  mask(id: number): Uint8Array {
    return this.masks.subarray(id * this.cellSize, (id + 1) * this.cellSize);
  }

  /**
   * The glyph id of one character (a single code point), rasterizing it on first use; whitespace is 0; −1 when no
   * font of the chain can draw it (warned once, through `warn`).
   */
  id(c: string, warn: WarningHandler = defaultWarningHandler): number {
    const id = this.lookup(c);
    if (id === MISSING && !this.warned.has(c)) {
      this.warned.add(c);
      const tried = [this.chain.primary, ...this.chain.fallbacks].map((f) => f.name).join(', ');
      warn(`Glyph "${c}" (${codePointLabel(c)}) is not in the font (tried ${tried}); it is dropped and draws nothing`);
    }
    return id;
  }

  /** The id of a character, rasterizing it on first use, without warning (−1 when missing). */
  private lookup(c: string): number {
    const cu = c.length === 1 ? c.charCodeAt(0) : -1;
    const id = cu >= 0 ? (this.bmp[cu] as number) : (this.astral.get(c) ?? UNKNOWN);
    return id === UNKNOWN ? this.add(c, cu) : id;
  }

  /** The id of a UTF-16 code unit (a BMP character) without building a string when it is already known. */
  idOfCodeUnit(cu: number, warn: WarningHandler = defaultWarningHandler): number {
    const id = this.bmp[cu] as number;
    return id >= 0 ? id : this.id(String.fromCharCode(cu), warn);
  }

  /**
   * Rasterizes every character of `text` not seen yet. Silent: a missing character is reported when something uses
   * it (a palette or text resolved through `id`), not because it was in the init set.
   */
  ensure(text: string): void {
    for (const c of text) this.lookup(c);
  }

  /** Whether the chain can draw `c` (whitespace counts as drawable: it is the blank glyph). */
  has(c: string): boolean {
    return this.lookup(c) !== MISSING;
  }

  /** Characters the chain cannot draw among those seen so far. */
  missing(): string[] {
    const out: string[] = [];
    for (let cu = 0; cu < 65536; cu++) if (this.bmp[cu] === MISSING) out.push(String.fromCharCode(cu));
    for (const [c, id] of this.astral) if (id === MISSING) out.push(c);
    return out;
  }

  private add(c: string, cu: number): number {
    let id = MISSING;
    if (WHITESPACE.test(c)) {
      id = 0;
    } else if (isBlockElement(c)) {
      id = this.store(c, blockElementMask(c.charCodeAt(0), this.cw, this.ch), 0);
    } else if (Array.from(c).length === 1) {
      for (let f = 0; f < this.handles.length; f++) {
        const m = this.rasterize(c, f);
        const nd = this.font(f).notdef;
        if (isBlank(m) || (nd !== null && sameBytes(m, nd))) continue;
        id = this.store(c, m, f);
        break;
      }
    }
    if (cu >= 0) this.bmp[cu] = id;
    else this.astral.set(c, id);
    return id;
  }

  private store(c: string, m: Uint8Array, font: number): number {
    const id = this.count;
    if (id >= 65535) return MISSING;
    if ((id + 1) * this.cellSize > this.masks.length) {
      const grown = new Uint8Array(this.masks.length * 2);
      grown.set(this.masks);
      this.masks = grown;
      const ink = new Float64Array(this.ink.length * 2);
      ink.set(this.ink);
      this.ink = ink;
      const fi = new Uint8Array(this.fontIndex.length * 2);
      fi.set(this.fontIndex);
      this.fontIndex = fi;
    }
    this.masks.set(m, id * this.cellSize);
    let s = 0;
    for (let i = 0; i < m.length; i++) s += m[i] as number;
    this.ink[id] = s;
    this.fontIndex[id] = font;
    this.chars.push(c);
    this.count = id + 1;
    this.version++;
    return id;
  }

  /**
   * White on transparent, alpha = coverage; baseline at the rounded-up ascent so the ascender line is the cell top.
   * The primary font draws at (0, baseline) as the reference does, byte for byte. A fallback font's glyph (usually
   * proportional: DejaVu Sans's ⎔ is 1.5 cells wide, its braille 1.2) goes through `fitFallback`: centred, and
   * squeezed horizontally when wider than the cell.
   */
  private rasterize(c: string, font: number): Uint8Array {
    if (c !== UNASSIGNED) this.font(font); // first: setting a font up draws its .notdef on this same canvas
    const css = this.cssOf(font);
    const ctx = (this.ctx ??= canvasApi().createCanvas(this.cw, this.ch).getContext('2d'));
    ctx.clearRect(0, 0, this.cw, this.ch);
    ctx.font = css;
    ctx.fillStyle = '#ffffff';
    if (font === 0) ctx.fillText(c, 0, this.metrics.ascent);
    else this.fitFallback(ctx, c, css);
    const rgba = ctx.getImageData(0, 0, this.cw, this.ch).data;
    const out = new Uint8Array(this.cellSize);
    for (let i = 0; i < out.length; i++) out[i] = rgba[i * 4 + 3] as number;
    return out;
  }

  /**
   * Draws a fallback font's glyph into the cleared cell canvas so that it is not cut. It is first drawn at its natural
   * size on a scratch canvas wide enough for any glyph, to find its ink columns exactly (measureText's ink box is
   * whole pixels and ignores anti-aliasing). Ink at most cw wide is shifted by whole pixels (kept crisp, unscaled):
   * its advance box centred on the cell, moved just enough to keep all ink inside, so glyphs whose place in the em
   * matters (braille dots) keep it. Wider ink is scaled horizontally to cw − 1 and centred on the cell, keeping its
   * height, baseline and stroke height in line with the primary font's glyphs.
   */
  private fitFallback(ctx: SKRSContext2D, c: string, css: string): void {
    const cw = this.cw;
    const asc = this.metrics.ascent;
    const adv = ctx.measureText(c).width;
    const pad = cw + 2;
    const need = Math.ceil(Math.max(adv, cw)) * 3 + 2 * pad;
    const scratch = (this.wide ??= canvasApi().createCanvas(need, this.ch).getContext('2d'));
    if (scratch.canvas.width < need) scratch.canvas.width = need; // resizing resets the context's state
    const sw = scratch.canvas.width;
    scratch.clearRect(0, 0, sw, this.ch);
    scratch.font = css;
    scratch.fillStyle = '#ffffff';
    scratch.fillText(c, pad, asc);
    const rgba = scratch.getImageData(0, 0, sw, this.ch).data;
    let x0 = sw;
    let x1 = -1;
    for (let y = 0; y < this.ch; y++) {
      for (let x = 0; x < sw; x++) {
        if ((rgba[(y * sw + x) * 4 + 3] as number) === 0) continue;
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
      }
    }
    if (x1 < 0) return; // no ink: the cell stays blank
    const left = x0 - pad; // first ink column relative to the pen
    const ink = x1 - x0 + 1;
    if (ink <= cw) {
      const o = Math.min(Math.max(Math.round((cw - adv) / 2), -left), cw - ink - left);
      ctx.fillText(c, o, asc);
      return;
    }
    const k = (cw - 1) / ink;
    ctx.setTransform(k, 0, 0, 1, cw / 2 - k * (left + ink / 2), 0);
    ctx.fillText(c, 0, asc);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  }
}

/** U+2580–U+259F, the block elements: drawn geometrically, not from the font (see `blockElementMask`). */
export function isBlockElement(c: string): boolean {
  if (c.length !== 1) return false;
  const cu = c.charCodeAt(0);
  return cu >= 0x2580 && cu <= 0x259f;
}

/**
 * The mask of a block element (U+2580–U+259F) in a cw×ch cell, from its geometry rather than the font's ink: full
 * coverage (255) over exactly its share of the cell, 0 elsewhere, so full blocks tile with no seam. A font's █ does
 * not reach the cell edges (the cell is the rounded-up ascent plus the rounded-up descent; the glyph spans the
 * unrounded ones), which left one row per cell at ≈ 63 % in fire, spectrum and block_corrupt.
 *
 * Eighths are measured from the top/left: row k of 8 is ⌊ch·k/8⌉, so ▀ and ▄ (and every pair of complementary
 * elements) share one boundary and cover the cell exactly once together. Quadrants split at the halves. The shades
 * ░ ▒ ▓ are dither patterns of full pixels at exactly 1/4, 1/2 and 3/4 of a 2×2 tile, aligned to the cell's top
 * left (they tile seamlessly across cells of even size).
 */
export function blockElementMask(cu: number, cw: number, ch: number, out = new Uint8Array(cw * ch)): Uint8Array {
  out.fill(0);
  const row = (k: number) => Math.round((ch * k) / 8);
  const col = (k: number) => Math.round((cw * k) / 8);
  const rect = (x0: number, x1: number, y0: number, y1: number) => {
    for (let y = y0; y < y1; y++) out.fill(255, y * cw + x0, y * cw + x1);
  };
  const [xm, ym] = [col(4), row(4)];
  const quad = (ul: boolean, ur: boolean, ll: boolean, lr: boolean) => {
    if (ul) rect(0, xm, 0, ym);
    if (ur) rect(xm, cw, 0, ym);
    if (ll) rect(0, xm, ym, ch);
    if (lr) rect(xm, cw, ym, ch);
  };
  const shade = (keep: (x: number, y: number) => boolean) => {
    for (let y = 0; y < ch; y++) for (let x = 0; x < cw; x++) if (keep(x & 1, y & 1)) out[y * cw + x] = 255;
  };
  if (cu === 0x2580) rect(0, cw, 0, ym);
  else if (cu >= 0x2581 && cu <= 0x2588) rect(0, cw, row(8 - (cu - 0x2580)), ch); // lower k/8, k = 1..8
  else if (cu >= 0x2589 && cu <= 0x258f) rect(0, col(8 - (cu - 0x2588)), 0, ch); // left 7/8 .. 1/8
  else if (cu === 0x2590) rect(xm, cw, 0, ch);
  else if (cu === 0x2591) shade((x, y) => x === 0 && y === 0);
  else if (cu === 0x2592) shade((x, y) => x === y);
  else if (cu === 0x2593) shade((x, y) => !(x === 1 && y === 1));
  else if (cu === 0x2594) rect(0, cw, 0, row(1));
  else if (cu === 0x2595) rect(col(7), cw, 0, ch);
  else if (cu === 0x2596) quad(false, false, true, false);
  else if (cu === 0x2597) quad(false, false, false, true);
  else if (cu === 0x2598) quad(true, false, false, false);
  else if (cu === 0x2599) quad(true, false, true, true);
  else if (cu === 0x259a) quad(true, false, false, true);
  else if (cu === 0x259b) quad(true, true, true, false);
  else if (cu === 0x259c) quad(true, true, false, true);
  else if (cu === 0x259d) quad(false, true, false, false);
  else if (cu === 0x259e) quad(false, true, true, false);
  else if (cu === 0x259f) quad(false, true, true, true);
  return out;
}

function isBlank(m: Uint8Array): boolean {
  for (let i = 0; i < m.length; i++) if (m[i] !== 0) return false;
  return true;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * An atlas as plain data, for another thread to start from (`GlyphAtlas#toSnapshot`, `atlasSnapshots`,
 * `adoptAtlasSnapshots`): a render's main thread rasterizes the glyphs once and every worker adopts them, instead of
 * each worker loading the rasterizer and drawing the same glyphs (≈ 20–40 ms of every worker's start).
 */
export interface AtlasSnapshot {
  /** Font chain key and pixel size; a snapshot is only adopted by an atlas of the same chain and size. */
  readonly key: string;
  readonly metrics: CellMetrics;
  /** Character of each glyph id; `chars[0]` is the blank glyph. */
  readonly chars: readonly string[];
  /** Characters known to be missing from every font of the chain. */
  readonly missing: readonly string[];
  /** Coverage masks, `chars.length × cw × ch` bytes. */
  readonly masks: Uint8Array;
  readonly ink: Float64Array;
  readonly fontIndex: Uint8Array;
  /** Per font of the chain: its .notdef mask (null: draws nothing), or null when that font was never set up. */
  readonly fonts: readonly ({ readonly notdef: Uint8Array | null } | null)[];
  /** Grids of this atlas already built for a frame size (`prepareAtlases` with a frame): their coordinate fields and
   * blit table, so a thread that adopts the snapshot builds neither. */
  readonly grids?: readonly GridSeed[];
}

/** A grid's work that depends only on its atlas and frame size, as plain data (arrays over SharedArrayBuffers). */
export interface GridSeed {
  readonly width: number;
  readonly height: number;
  readonly fields: GeometryFields;
  readonly table: BlitTableSeed;
}

const atlasKey = (chain: FontChain, px: number) => `${chain.key}@${px}`;

const atlases = new Map<string, GlyphAtlas>();
/** Snapshots adopted from another thread, used when their atlas is first asked for. */
const seeds = new Map<string, AtlasSnapshot>();

/**
 * The shared atlas of a font chain at a size (one per thread; grids of any frame size share it). `initChars`
 * (default: everything core defines) are rasterized at once; missing ones are warned about when first used. An
 * adopted snapshot of the same chain and size is the starting point when there is one.
 */
export function getAtlas(chain: FontChain, px: number, initChars = DEFAULT_INIT_CHARS): GlyphAtlas {
  const key = atlasKey(chain, px);
  let atlas = atlases.get(key);
  if (!atlas) {
    atlas = new GlyphAtlas(chain, px, seeds.get(key));
    atlases.set(key, atlas);
  }
  atlas.ensure(initChars);
  return atlas;
}

/** Snapshots of every atlas this thread has built, to hand to worker threads. */
export function atlasSnapshots(): AtlasSnapshot[] {
  return [...atlases.values()].map((a) => a.toSnapshot());
}

/**
 * Makes snapshots from another thread the starting point of this thread's atlases of the same font chain and size
 * (atlases already built here are kept as they are). Returns how many were new.
 */
export function adoptAtlasSnapshots(snapshots: readonly AtlasSnapshot[]): number {
  let adopted = 0;
  for (const s of snapshots) {
    if (atlases.has(s.key) || seeds.has(s.key)) continue;
    seeds.set(s.key, s);
    adopted++;
  }
  return adopted;
}

/** Forgets shared atlases and adopted snapshots (tests, or a long-lived process that switches fonts). */
export function clearAtlasCache(): void {
  atlases.clear();
  seeds.clear();
}

/**
 * Sorts a palette by ink (sum of coverage at this atlas's size), darkest first, keeping a leading space first:
 * the "sort by lit-pixel count at the target size" step of designing a palette. Characters the font cannot draw are
 * dropped (with a warning). Stable for equal ink.
 */
export function sortByCoverage(atlas: GlyphAtlas, palette: string, warn: WarningHandler = defaultWarningHandler): string {
  const items: { c: string; ink: number; k: number }[] = [];
  let k = 0;
  for (const c of palette) {
    const id = atlas.id(c, warn);
    if (id < 0) continue;
    items.push({ c, ink: id === 0 ? -1 : (atlas.ink[id] as number), k: k++ });
  }
  items.sort((a, b) => a.ink - b.ink || a.k - b.k);
  return items.map((i) => i.c).join('');
}
