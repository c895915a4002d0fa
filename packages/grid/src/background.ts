import { clearFrame, GlyphreelError, Rng, type GridGeometry, type RgbFrame } from '@glyphreel/core';
import { asGrid, type Grid } from './grid.js';

/** The reference seeds its texture with random.Random(12345). */
export const BACKGROUND_SEED = 12345;

export interface BakedBackground {
  /** The glyph id baked into each cell (rows·cols). */
  readonly glyphs: Uint16Array;
}

const cache = new WeakMap<Grid, Map<string, BakedBackground>>();

/**
 * Bakes (once per grid, palette and seed) the static texture of the seed's "Pre-Rendered Background Textures": every
 * cell gets a glyph drawn by a seeded RNG from the palette's non-space glyphs (`palette`: registered name or glyph
 * string). The texture is kept as one glyph id per cell: the pixels are the atlas masks, so they need not be copied.
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
  const rng = new Rng(seed);
  const glyphs = new Uint16Array(g.rows * g.cols);
  for (let i = 0; i < glyphs.length; i++) glyphs[i] = ids[rng.int(0, ids.length - 1)] as number;
  const baked = { glyphs };
  perGrid.set(key, baked);
  return baked;
}

/**
 * Fast background (seed: "Render: Color Field × Cached Texture"): every frame pixel = ⌊texture·colour/255⌋ where the
 * colour is the pixel's cell colour (`colorField`, rows·cols·3 bytes). Overwrites the frame, as the reference returns
 * a fresh canvas; blend it with other layers afterwards.
 *
 * Implemented as clear + the run-table blit of the baked glyphs: the same bytes as multiplying a baked full-frame
 * texture through per-pixel row/column index maps, but only ink pixels are multiplied (most of a texture is 0).
 */
export function renderBackground(grid: GridGeometry, frame: RgbFrame, colorField: Uint8Array, palette: string, seed = BACKGROUND_SEED): RgbFrame {
  const g = asGrid(grid);
  if (frame.width !== g.frameWidthPx || frame.height !== g.frameHeightPx) {
    throw new GlyphreelError('E_PARAM', `renderBackground: the frame is ${frame.width}×${frame.height}, the grid was built for ${g.frameWidthPx}×${g.frameHeightPx}`);
  }
  if (colorField.length !== g.rows * g.cols * 3) {
    throw new GlyphreelError('E_PARAM', `renderBackground: the colour field has ${colorField.length} bytes, expected rows·cols·3 = ${g.rows * g.cols * 3}`);
  }
  const { glyphs } = bakeBackground(g, palette, seed);
  clearFrame(frame);
  return g.render({ rows: g.rows, cols: g.cols, glyphs, colors: colorField }, frame);
}
