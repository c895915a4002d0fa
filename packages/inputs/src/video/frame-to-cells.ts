import { GlyphreelError, type CellLayer, type GridGeometry } from '@glyphreel/core';

export type SampleMode = 'luma' | 'edges';

export interface FrameToCellsOptions {
  /** Glyph ids of the luminance palette, dark to bright (`grid.glyphIds(palette)`); index 0 should be blank. */
  palette: Uint16Array;
  /** Default 'luma' (catalog `frame_to_ascii`); 'edges' is `frame_to_ascii_edges`. */
  mode?: SampleMode;
  /**
   * Edges mode, directional: ids of ─ │ ┌ ┐ └ ┘ (in that order, see {@link directionalEdgeIds}). A strong edge takes
   * the line along it, and a diagonal one the corner whose bright side faces the gradient, so outlines read as
   * drawn boxes. When absent, `edgePalette` is used by edge strength as the reference does.
   */
  edgeGlyphs?: Uint16Array;
  /** Edges mode without `edgeGlyphs`: ids picked by normalized edge strength (index 0 is never used). */
  edgePalette?: Uint16Array;
  /** Luminance multiplier before the palette lookup and the colour scale (the reference's bg_video factor). Default 1. */
  brightness?: number;
}

/** Luminance below this leaves the cell blank (catalog 5.2: mask lum > 0.02). */
export const LUMA_MASK = 0.02;
/** Normalized gradient above this draws an edge glyph (catalog 5.2). */
export const EDGE_THRESHOLD = 0.15;
/**
 * The smallest gradient maximum edges are normalized by. The reference divides by the frame's own maximum, so a flat
 * frame with faint compression noise gets "edges" everywhere; a floor of 0.05 (a luminance step of 0.1 across two
 * cells) keeps flat frames edge-free and leaves every frame with real contrast exactly as the reference has it.
 */
export const EDGE_NORM_FLOOR = 0.05;

/** The glyphs of {@link FrameToCellsOptions.edgeGlyphs}: horizontal, vertical, then the corners ┌ ┐ └ ┘. */
export const DIRECTIONAL_EDGE_GLYPHS = '─│┌┐└┘';

/** Ids of ─ │ ┌ ┐ └ ┘ when `edgePaletteText` contains all six (PAL_BOX does), else undefined. */
export function directionalEdgeIds(grid: GridGeometry, edgePaletteText: string): Uint16Array | undefined {
  for (const c of DIRECTIONAL_EDGE_GLYPHS) if (!edgePaletteText.includes(c)) return undefined;
  const ids = grid.glyphIds(DIRECTIONAL_EDGE_GLYPHS);
  // a glyph the font cannot draw resolves to blank; then direction cannot be shown and strength mapping is used
  return ids.length === 6 && ids.every((id) => id !== 0) ? ids : undefined;
}

// Scratch for edges mode, grown to the largest grid seen; one module instance per worker thread, so no sharing.
let grayBuf = new Float32Array(0);
let magBuf = new Float32Array(0);

function scratch(n: number): void {
  if (grayBuf.length < n) {
    grayBuf = new Float32Array(n);
    magBuf = new Float32Array(n);
  }
}

/**
 * Converts one rgb24 picture at grid resolution (cols×rows pixels, one per cell) into glyphs and colours (catalog
 * 5.2 `frame_to_ascii`): lum = (0.299R + 0.587G + 0.114B)/255 × brightness (capped at 1); cells with lum ≤ 0.02 are
 * blank; glyph = palette[clamp(⌊lum·n⌋, 0, n−1)]; colour = source × clamp(1.5·lum + 0.3, 0.3, 1), truncated to bytes.
 * Edges mode (`frame_to_ascii_edges`) takes central-difference gradients of lum, normalizes their magnitude by the
 * frame maximum (at least {@link EDGE_NORM_FLOOR}) and draws an edge glyph where it exceeds 0.15, with the same
 * colouring. Every cell of `layer` is written.
 */
export function frameToCells(rgb: Uint8Array, grid: GridGeometry, layer: CellLayer, o: FrameToCellsOptions): void {
  const { rows, cols } = grid;
  const n = rows * cols;
  if (rgb.length < n * 3) throw new GlyphreelError('E_RENDER', `frameToCells: ${rgb.length} bytes for a ${cols}×${rows} grid (need ${n * 3})`);
  if (layer.rows !== rows || layer.cols !== cols) throw new GlyphreelError('E_RENDER', `frameToCells: layer ${layer.cols}×${layer.rows} does not match grid ${cols}×${rows}`);
  const pal = o.palette;
  const np = pal.length;
  const glyphs = layer.glyphs;
  const colors = layer.colors;
  if (np === 0) {
    glyphs.fill(0);
    colors.fill(0);
    return;
  }
  const bscale = (o.brightness ?? 1) / 255;
  const edges = o.mode === 'edges';

  if (!edges) {
    for (let i = 0, p = 0; i < n; i++, p += 3) {
      const r = rgb[p] as number;
      const g = rgb[p + 1] as number;
      const b = rgb[p + 2] as number;
      let lum = (0.299 * r + 0.587 * g + 0.114 * b) * bscale;
      if (lum > 1) lum = 1;
      if (!(lum > LUMA_MASK)) {
        glyphs[i] = 0;
        colors[p] = 0;
        colors[p + 1] = 0;
        colors[p + 2] = 0;
        continue;
      }
      let idx = (lum * np) | 0;
      if (idx >= np) idx = np - 1;
      glyphs[i] = pal[idx] as number;
      let k = 1.5 * lum + 0.3;
      if (k > 1) k = 1;
      colors[p] = (r * k) | 0;
      colors[p + 1] = (g * k) | 0;
      colors[p + 2] = (b * k) | 0;
    }
    return;
  }

  scratch(n);
  const gray = grayBuf;
  const mag = magBuf;
  for (let i = 0, p = 0; i < n; i++, p += 3) {
    const lum = (0.299 * (rgb[p] as number) + 0.587 * (rgb[p + 1] as number) + 0.114 * (rgb[p + 2] as number)) * bscale;
    gray[i] = lum > 1 ? 1 : lum;
  }
  // central differences inside, one-sided at the border (numpy.gradient's rule)
  let maxMag = 0;
  for (let y = 0; y < rows; y++) {
    const row = y * cols;
    const up = y > 0 ? row - cols : row;
    const down = y < rows - 1 ? row + cols : row;
    const dyScale = down - up === 2 * cols ? 0.5 : 1;
    for (let x = 0; x < cols; x++) {
      const i = row + x;
      const left = x > 0 ? i - 1 : i;
      const right = x < cols - 1 ? i + 1 : i;
      const gx = ((gray[right] as number) - (gray[left] as number)) * (right - left === 2 ? 0.5 : 1);
      const gy = ((gray[down + x] as number) - (gray[up + x] as number)) * dyScale;
      const m = Math.sqrt(gx * gx + gy * gy);
      mag[i] = m;
      if (m > maxMag) maxMag = m;
    }
  }
  const inv = 1 / (maxMag > EDGE_NORM_FLOOR ? maxMag : EDGE_NORM_FLOOR);
  const dir = o.edgeGlyphs && o.edgeGlyphs.length >= 6 ? o.edgeGlyphs : undefined;
  const epal = o.edgePalette;
  const ne = epal ? epal.length : 0;
  for (let y = 0; y < rows; y++) {
    const row = y * cols;
    const up = y > 0 ? row - cols : row;
    const down = y < rows - 1 ? row + cols : row;
    for (let x = 0; x < cols; x++) {
      const i = row + x;
      const p = i * 3;
      const lum = gray[i] as number;
      const e = (mag[i] as number) * inv;
      let glyph = 0;
      if (e > EDGE_THRESHOLD && (dir || ne > 1)) {
        if (dir) {
          const left = x > 0 ? i - 1 : i;
          const right = x < cols - 1 ? i + 1 : i;
          const gx = (gray[right] as number) - (gray[left] as number);
          const gy = (gray[down + x] as number) - (gray[up + x] as number);
          const ax = gx < 0 ? -gx : gx;
          const ay = gy < 0 ? -gy : gy;
          // within ±26.6° of an axis (tan = 1/2) the edge is a straight line, otherwise a corner
          if (ay > 2 * ax) glyph = dir[0] as number;
          else if (ax > 2 * ay) glyph = dir[1] as number;
          else glyph = dir[gy > 0 ? (gx > 0 ? 2 : 3) : gx > 0 ? 4 : 5] as number;
        } else {
          let idx = (e * ne) | 0;
          if (idx >= ne) idx = ne - 1;
          if (idx < 1) idx = 1;
          glyph = (epal as Uint16Array)[idx] as number;
        }
      } else if (lum > LUMA_MASK) {
        let idx = (lum * np) | 0;
        if (idx >= np) idx = np - 1;
        glyph = pal[idx] as number;
      }
      glyphs[i] = glyph;
      if (glyph === 0) {
        colors[p] = 0;
        colors[p + 1] = 0;
        colors[p + 2] = 0;
        continue;
      }
      let k = 1.5 * lum + 0.3;
      if (k > 1) k = 1;
      else if (k < 0.3) k = 0.3;
      colors[p] = ((rgb[p] as number) * k) | 0;
      colors[p + 1] = ((rgb[p + 1] as number) * k) | 0;
      colors[p + 2] = ((rgb[p + 2] as number) * k) | 0;
    }
  }
}
