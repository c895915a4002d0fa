import { GlyphreelError } from '@glyphreel/core';
import { canvasApi } from './canvas.js';
import { cssFont, type FontHandle } from './fonts.js';

/** Cell metrics of a font at a pixel size. */
export interface CellMetrics {
  readonly px: number;
  /** Cell width: the advance of "M", rounded. */
  readonly cw: number;
  /** Cell height: ascent + descent (font metrics, not the ink box), each rounded up. */
  readonly ch: number;
  /** Baseline offset from the cell top (the rounded-up ascent): the reference draws glyphs with PIL's default
   * "la" anchor at (0,0), i.e. the ascender line at the top of the cell. */
  readonly ascent: number;
}

/**
 * Measures the cell of a font. Rounding follows what PIL/FreeType give the reference: FreeType rounds ascender and
 * descender up to whole pixels, and PIL's bbox of "M" is the advance rounded. With DejaVu Sans Mono this reproduces
 * the catalogued 1080p grids (md 192×56, sm 320×83, lg 160×45, xl 137×37, xxl 80×22).
 */
export function measureCell(font: FontHandle, px: number): CellMetrics {
  if (!Number.isFinite(px) || px < 1) {
    throw new GlyphreelError('E_PARAM', `Font size must be at least 1 px, got ${px}`);
  }
  const ctx = canvasApi().createCanvas(4, 4).getContext('2d');
  ctx.font = cssFont(font, px);
  const m = ctx.measureText('M');
  const cw = Math.max(1, Math.round(m.width));
  const ascent = Math.ceil(m.fontBoundingBoxAscent);
  const descent = Math.ceil(m.fontBoundingBoxDescent);
  if (!(cw > 0) || !(ascent + descent > 0)) {
    throw new GlyphreelError('E_FONT', `Font ${font.name} reports no usable metrics at ${px} px`);
  }
  return { px, cw, ch: Math.max(1, ascent + descent), ascent };
}
