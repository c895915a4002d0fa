import { GlyphreelError, type CellLayer, type GridGeometry, type RgbFrame } from '@glyphreel/core';
import type { SKRSContext2D } from '@napi-rs/canvas';
import { canvasApi } from './canvas.js';
import { blitGlyph, mulTable } from './blit.js';
import { asGrid, type Grid } from './grid.js';

export type RgbTuple = readonly [number, number, number];

/**
 * The seed's `layout_text_portrait`: greedy word wrap into lines of at most `maxCharsPerLine` characters. Unlike the
 * seed it never emits an empty line (the seed appends "" when the first word is already too long); a word longer
 * than a line stays whole on its own line (stamping clips it).
 */
export function layoutTextPortrait(text: string, maxCharsPerLine = 25): string[] {
  if (!Number.isInteger(maxCharsPerLine) || maxCharsPerLine < 1) {
    throw new GlyphreelError('E_PARAM', `layoutTextPortrait: maxCharsPerLine must be a positive integer, got ${maxCharsPerLine}`);
  }
  const lines: string[] = [];
  let current = '';
  for (const w of text.split(/\s+/).filter((x) => x.length > 0)) {
    const len = Array.from(current).length;
    if (len > 0 && len + Array.from(w).length + 1 > maxCharsPerLine + 1) {
      lines.push(current.trimEnd());
      current = `${w} `;
    } else {
      current += `${w} `;
    }
  }
  if (current.trim()) lines.push(current.trimEnd());
  return lines;
}

/**
 * Writes `text` into one row of a layer (one cell per code point, spaces included, as the reference assigns into its
 * char grid), coloured `color`; centred when `col` is omitted. Cells outside the grid are clipped. Characters the
 * font cannot draw become blank (warned once). Returns the first column used.
 */
export function stampText(layer: CellLayer, grid: GridGeometry, text: string, row: number, color: RgbTuple, col?: number): number {
  const g = asGrid(grid);
  checkLayer(layer, g);
  const len = codePointLength(text);
  const c0 = col ?? Math.floor((g.cols - len) / 2);
  if (row < 0 || row >= g.rows) return c0;
  const [R, G, B] = color;
  let c = c0;
  for (let i = 0; i < text.length; i++, c++) {
    const cu = text.charCodeAt(i);
    let id: number;
    if (cu >= 0xd800 && cu <= 0xdbff && i + 1 < text.length) {
      id = g.charId(text.slice(i, i + 2));
      i++;
    } else {
      id = g.atlas.idOfCodeUnit(cu, g.onWarning);
    }
    if (c < 0 || c >= g.cols) continue;
    const k = row * g.cols + c;
    layer.glyphs[k] = id < 0 ? 0 : id;
    layer.colors[k * 3] = R;
    layer.colors[k * 3 + 1] = G;
    layer.colors[k * 3 + 2] = B;
  }
  return c0;
}

/** Stamps lines centred horizontally, the block centred vertically unless `row` (first line) is given. */
export function stampLines(layer: CellLayer, grid: GridGeometry, lines: readonly string[], color: RgbTuple, row?: number): number {
  const r0 = row ?? Math.floor((grid.rows - lines.length) / 2);
  lines.forEach((line, k) => stampText(layer, grid, line, r0 + k, color));
  return r0;
}

function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++, n++) {
    const cu = s.charCodeAt(i);
    if (cu >= 0xd800 && cu <= 0xdbff && i + 1 < s.length) i++;
  }
  return n;
}

function checkLayer(layer: CellLayer, g: Grid): void {
  if (layer.rows !== g.rows || layer.cols !== g.cols) {
    throw new GlyphreelError('E_PARAM', `The layer is ${layer.cols}×${layer.rows} cells but the grid is ${g.cols}×${g.rows}`);
  }
}

/** One line of a text-dense scene (ticker, lyrics): drawn from column `col` (default 0) of grid row `row`. */
export interface TextRow {
  readonly row: number;
  readonly text: string;
  readonly color: RgbTuple;
  readonly col?: number;
}

export type TextRowMethod = 'atlas' | 'canvas';

/**
 * Measured at 1080p md with 56 full rows (README): the atlas blit beats canvas fillText + read-back, so it is the
 * default; both give the same pixels (equal where the glyph stays inside its cell).
 */
export const DEFAULT_TEXT_ROW_METHOD: TextRowMethod = 'atlas';

/**
 * Whole-row text rendering (seed: "PIL String Rendering for Text-Heavy Scenes"), max-composited into the frame. The
 * text sits on the grid's cells (glyph k of a row at column col + k), so it lines up with everything else drawn on
 * the grid.
 */
export function renderTextRows(grid: GridGeometry, frame: RgbFrame, rows: readonly TextRow[], method: TextRowMethod = DEFAULT_TEXT_ROW_METHOD): RgbFrame {
  const g = asGrid(grid);
  if (method === 'atlas') return textRowsAtlas(g, frame, rows);
  if (method === 'canvas') return textRowsCanvas(g, frame, rows);
  throw new GlyphreelError('E_PARAM', `renderTextRows: unknown method ${JSON.stringify(method)}`, { hint: 'use "atlas" or "canvas"' });
}

function textRowsAtlas(g: Grid, frame: RgbFrame, rows: readonly TextRow[]): RgbFrame {
  const atlas = g.atlas;
  for (const tr of rows) {
    const { text, row } = tr;
    const [R, G, B] = tr.color;
    let c = tr.col ?? 0;
    // ids first (may rasterize new glyphs), then one table sync, then the blits
    for (let i = 0; i < text.length; i++) {
      const cu = text.charCodeAt(i);
      if (cu >= 0xd800 && cu <= 0xdbff && i + 1 < text.length) {
        g.charId(text.slice(i, i + 2));
        i++;
      } else {
        atlas.idOfCodeUnit(cu, g.onWarning);
      }
    }
    const table = g.blitTable(frame.width);
    for (let i = 0; i < text.length; i++, c++) {
      const cu = text.charCodeAt(i);
      let id: number;
      if (cu >= 0xd800 && cu <= 0xdbff && i + 1 < text.length) {
        id = g.charId(text.slice(i, i + 2));
        i++;
      } else {
        id = atlas.idOfCodeUnit(cu, g.onWarning);
      }
      if (id > 0) blitGlyph(table, g, frame, id, row, c, R, G, B);
    }
  }
  return frame;
}

const TEXT_CHUNK = 48;

interface RowCanvas {
  ctx: SKRSContext2D;
  width: number;
}
const rowCanvases = new WeakMap<Grid, RowCanvas>();

function textRowsCanvas(g: Grid, frame: RgbFrame, rows: readonly TextRow[]): RgbFrame {
  let rc = rowCanvases.get(g);
  const width = g.cols * g.cw;
  if (!rc) {
    const ctx = canvasApi().createCanvas(width, g.ch).getContext('2d');
    ctx.font = `${g.px}px ${[g.font.primary, ...g.font.fallbacks].map((f) => `"${f.family}"`).join(', ')}`;
    // advance + spacing = cell width, so glyph k lands at k·cw exactly as the atlas places it
    // measured over many glyphs: measureText('M') alone is rounded, and the error accumulates along a row
    const adv = ctx.measureText('M'.repeat(256)).width / 256;
    ctx.letterSpacing = `${g.cw - adv}px`;
    rc = { ctx, width };
    rowCanvases.set(g, rc);
  }
  const ctx = rc.ctx;
  const W = frame.width;
  const d = frame.data;
  const mul = mulTable();
  for (const tr of rows) {
    const { row } = tr;
    if (row < 0 || row >= g.rows) continue;
    const y0 = g.oy + row * g.ch;
    if (y0 + g.ch > frame.height) continue;
    const col = tr.col ?? 0;
    ctx.clearRect(0, 0, width, g.ch);
    ctx.fillStyle = '#ffffff';
    // Blank what the font chain cannot draw, as the atlas does (canvas would draw the .notdef box). Draw in chunks
    // of TEXT_CHUNK cells so float error in the glyph advance cannot pile up into a whole-pixel shift on long rows.
    let chunk = '';
    let k = 0;
    let chunkCol = col;
    for (const c of tr.text) {
      chunk += g.charId(c) < 0 ? ' ' : c;
      if (++k % TEXT_CHUNK === 0) {
        ctx.fillText(chunk, chunkCol * g.cw, g.atlas.metrics.ascent);
        chunk = '';
        chunkCol = col + k;
      }
    }
    if (chunk) ctx.fillText(chunk, chunkCol * g.cw, g.atlas.metrics.ascent);
    const px = ctx.getImageData(0, 0, width, g.ch).data;
    const [R, G, B] = tr.color;
    const colsVis = Math.min(g.cols, Math.floor((W - g.ox) / g.cw));
    const wVis = colsVis * g.cw;
    for (let y = 0; y < g.ch; y++) {
      let o = ((y0 + y) * W + g.ox) * 3;
      let s = y * width * 4 + 3;
      for (let x = 0; x < wVis; x++, o += 3, s += 4) {
        const a = px[s] as number;
        if (a === 0) continue;
        const av = a << 8;
        let v = mul[av | R] as number;
        if (v > (d[o] as number)) d[o] = v;
        v = mul[av | G] as number;
        if (v > (d[o + 1] as number)) d[o + 1] = v;
        v = mul[av | B] as number;
        if (v > (d[o + 2] as number)) d[o + 2] = v;
      }
    }
  }
  return frame;
}
