import { GlyphreelError, type Field, type GridGeometry } from '@glyphreel/core';
import { checkMask } from './common.js';

/**
 * Text rasterization is the grid package's business (fonts live there; shaders depend on core only), so text masks
 * take a coverage provider: it draws `text` centred horizontally on a strip `widthPx` × `heightPx` (the frame width ×
 * one cell height) and returns coverage in [0, 1], row-major, widthPx·heightPx values. @glyphreel/grid can implement
 * it from its glyph atlas; tests use a block font.
 */
export type TextCoverage = (text: string, widthPx: number, heightPx: number) => Float32Array;

/** Cells whose mean coverage is at or below this stay 0 (the reference's 0.1). */
export const TEXT_MASK_MIN_COVERAGE = 0.1;

function fillTextRow(out: Field, grid: GridGeometry, text: string, row: number, coverage: TextCoverage): void {
  const width = Math.round(grid.frameWidthPx);
  const height = Math.max(1, Math.round(grid.cellHeightPx));
  const strip = coverage(text, width, height);
  if (strip.length !== width * height) {
    throw new GlyphreelError('E_PARAM', `text mask: the coverage provider returned ${strip.length} values for a ${width}×${height} strip`);
  }
  const { cols, cellWidthPx: cw, offsetXPx: ox } = grid;
  for (let c = 0; c < cols; c++) {
    // Cell columns at the grid's real positions (offset and exact cell width), not c·⌊W/cols⌋.
    const x0 = Math.max(0, Math.round(ox + c * cw));
    const x1 = Math.min(width, Math.round(ox + (c + 1) * cw));
    if (x1 <= x0) continue;
    let sum = 0;
    for (let y = 0; y < height; y++) {
      const base = y * width;
      for (let x = x0; x < x1; x++) sum += strip[base + x] as number;
    }
    const mean = sum / ((x1 - x0) * height);
    const i = row * cols + c;
    if (mean > TEXT_MASK_MIN_COVERAGE && mean > (out[i] as number)) out[i] = mean;
  }
}

/**
 * mask_text: 0 everywhere except row ⌊rows·rowFrac⌋, where each cell is the mean coverage of the text under it (when
 * above 0.1). One row only, as the reference; stack offset calls with maskUnion for thicker stencils.
 */
export function maskText(out: Field, grid: GridGeometry, text: string, coverage: TextCoverage, rowFrac = 0.5): Field {
  checkMask(out, grid, 'mask text');
  out.fill(0);
  const row = Math.min(grid.rows - 1, Math.max(0, Math.floor(grid.rows * rowFrac)));
  fillTextRow(out, grid, text, row, coverage);
  return out;
}

/** mask_text_block: one row per line starting at ⌊rows·startRowFrac⌋, merged by max; lines past the grid are dropped. */
export function maskTextBlock(out: Field, grid: GridGeometry, lines: readonly string[], coverage: TextCoverage, startRowFrac = 0.3): Field {
  checkMask(out, grid, 'mask text_block');
  out.fill(0);
  const start = Math.max(0, Math.floor(grid.rows * startRowFrac));
  lines.forEach((line, k) => {
    if (start + k < grid.rows) fillTextRow(out, grid, line, start + k, coverage);
  });
  return out;
}
