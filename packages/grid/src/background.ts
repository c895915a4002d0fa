import { GlyphreelError, Rng, type GridGeometry, type RgbFrame } from '@glyphreel/core';
import { MUL } from './blit.js';
import { asGrid, type Grid } from './grid.js';

/** The reference seeds its texture with random.Random(12345). */
export const BACKGROUND_SEED = 12345;

interface BakedBackground {
  /** Coverage per frame pixel (0 outside drawn cells). */
  readonly texture: Uint8Array;
  /** Per frame row: byte offset of the cell row in a colour field; per frame column: byte offset of the cell column. */
  readonly rowIdx: Int32Array;
  readonly colIdx: Int32Array;
}

const cache = new WeakMap<Grid, Map<string, BakedBackground>>();

function indexMaps(grid: Grid): { rowIdx: Int32Array; colIdx: Int32Array } {
  const W = grid.frameWidthPx;
  const H = grid.frameHeightPx;
  const rowIdx = new Int32Array(H);
  const colIdx = new Int32Array(W);
  // clip((arange − offset) // cell, 0, n − 1), as the reference's _bg_row_idx/_bg_col_idx
  for (let y = 0; y < H; y++) rowIdx[y] = Math.min(grid.rows - 1, Math.max(0, Math.floor((y - grid.oy) / grid.ch))) * grid.cols * 3;
  for (let x = 0; x < W; x++) colIdx[x] = Math.min(grid.cols - 1, Math.max(0, Math.floor((x - grid.ox) / grid.cw))) * 3;
  return { rowIdx, colIdx };
}

/**
 * Bakes (once per grid, palette and seed) the static texture of the seed's "Pre-Rendered Background Textures": every
 * cell gets a glyph drawn by a seeded RNG from the palette's non-space glyphs.
 */
export function bakeBackground(grid: GridGeometry, palette: string, seed = BACKGROUND_SEED): BakedBackground {
  const g = asGrid(grid);
  let perGrid = cache.get(g);
  if (!perGrid) {
    perGrid = new Map();
    cache.set(g, perGrid);
  }
  const key = `${seed}:${palette}`;
  const hit = perGrid.get(key);
  if (hit) return hit;
  const ids = Array.from(g.resolvePalette(palette)).filter((id) => id !== 0);
  if (ids.length === 0) {
    throw new GlyphreelError('E_PARAM', `Background palette ${JSON.stringify(palette)} has no glyph this font can draw`);
  }
  const W = g.frameWidthPx;
  const texture = new Uint8Array(W * g.frameHeightPx);
  const rng = new Rng(seed);
  const { cw, ch, cellSize } = g.atlas;
  for (let r = 0; r < g.rows; r++) {
    const y0 = g.oy + r * ch;
    for (let c = 0; c < g.cols; c++) {
      const x0 = g.ox + c * cw;
      const mask = g.atlas.masks;
      const mbase = (ids[rng.int(0, ids.length - 1)] as number) * cellSize;
      for (let y = 0; y < ch; y++) texture.set(mask.subarray(mbase + y * cw, mbase + (y + 1) * cw), (y0 + y) * W + x0);
    }
  }
  const baked = { texture, ...indexMaps(g) };
  perGrid.set(key, baked);
  return baked;
}

/**
 * Fast background (seed: "Render: Color Field × Cached Texture"): every frame pixel = ⌊texture·colour/255⌋ where the
 * colour is the pixel's cell colour (rows·cols·3 bytes). Overwrites the frame, as the reference returns a fresh canvas
 * for it; blend it with other layers afterwards. One multiply per pixel and channel, no per-cell glyph work.
 */
export function renderBackground(grid: GridGeometry, frame: RgbFrame, colorField: Uint8Array, palette: string, seed = BACKGROUND_SEED): RgbFrame {
  const g = asGrid(grid);
  if (frame.width !== g.frameWidthPx || frame.height !== g.frameHeightPx) {
    throw new GlyphreelError('E_PARAM', `renderBackground: the frame is ${frame.width}×${frame.height}, the grid was built for ${g.frameWidthPx}×${g.frameHeightPx}`);
  }
  if (colorField.length !== g.rows * g.cols * 3) {
    throw new GlyphreelError('E_PARAM', `renderBackground: the colour field has ${colorField.length} bytes, expected rows·cols·3 = ${g.rows * g.cols * 3}`);
  }
  const { texture, rowIdx, colIdx } = bakeBackground(g, palette, seed);
  const W = frame.width;
  const H = frame.height;
  const d = frame.data;
  const mul = MUL;
  for (let y = 0; y < H; y++) {
    const rb = rowIdx[y] as number;
    let p = y * W;
    let o = p * 3;
    for (let x = 0; x < W; x++, p++, o += 3) {
      const t = texture[p] as number;
      if (t === 0) {
        d[o] = d[o + 1] = d[o + 2] = 0;
        continue;
      }
      const ci = rb + (colIdx[x] as number);
      const tv = t << 8;
      d[o] = mul[tv | (colorField[ci] as number)] as number;
      d[o + 1] = mul[tv | (colorField[ci + 1] as number)] as number;
      d[o + 2] = mul[tv | (colorField[ci + 2] as number)] as number;
    }
  }
  return frame;
}
