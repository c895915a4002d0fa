import { defineCellEffect, hsvToRgbInto, PAL_BLOCKS } from '@glyphreel/core';
import { resolvePalette } from '../common.js';

/** The six band features, low to high, interpolated across the bars. */
const BANDS = ['sub', 'bass', 'lomid', 'mid', 'himid', 'hi'] as const;
const bandValues = new Float64Array(BANDS.length);
const rgb = new Uint8Array(3);

/**
 * Spectrum bars (catalog 2.6 `eff_spectrum`): the six band values are linearly interpolated across n_bars bars
 * (capped at the column count), ×gain (1.8) capped at 1. Mirrored bars grow up and down from the middle row by
 * (rows/2 − 2)·value; unmirrored bars grow from the bottom row by (rows − 4)·value, the same share of the free height.
 * A bar cell at distance dy from the base (of height h) has hue 0.3·cent + 0.3·bar/n_bars + 0.15·dy/h, palette index
 * ⌊len·(0.2 + 0.7·dy/h)⌋ (at least 1, never the space), saturation 0.85, value 0.5 + 0.5·dy/h. Bars wider than two
 * cells leave a one-column gap.
 */
export const spectrum = defineCellEffect({
  name: 'spectrum',
  description: 'Audio spectrum bars, mirrored around the middle or rising from the bottom (catalog 2.6)',
  params: {
    n_bars: { type: 'integer', default: 64, min: 1, max: 1024 },
    palette: { type: 'palette', default: PAL_BLOCKS },
    mirror: { type: 'boolean', default: true },
    gain: { type: 'number', default: 1.8, min: 0, max: 10 },
  },
  draw(layer, grid, ctx, p) {
    if (ctx.replaying) return;
    const rows = grid.rows;
    const cols = grid.cols;
    const f = ctx.features;
    for (let b = 0; b < BANDS.length; b++) bandValues[b] = f.get(BANDS[b]!);
    const cent = f.get('cent');
    const ids = grid.glyphIds(resolvePalette(p.palette));
    const plen = ids.length;
    // At least 3 columns a bar (2 + a gap): with one column each the bars of a narrow (portrait) frame fused into
    // one solid block.
    const nBars = Math.max(1, Math.min(p.n_bars, Math.floor(cols / 3)));
    const width = cols / nBars;
    const gap = width > 2 ? 1 : 0;
    const maxH = p.mirror ? rows / 2 - 2 : rows - 4;
    const mid = Math.floor(rows / 2);
    const glyphs = layer.glyphs;
    const colors = layer.colors;
    for (let b = 0; b < nBars; b++) {
      const pos = nBars === 1 ? 0 : (b / (nBars - 1)) * (BANDS.length - 1);
      const k = Math.min(BANDS.length - 2, Math.floor(pos));
      const w = pos - k;
      const v = Math.min(1, (bandValues[k]! * (1 - w) + bandValues[k + 1]! * w) * p.gain);
      const h = Math.floor(maxH * v);
      if (h <= 0) continue;
      const c0 = Math.floor(b * width);
      const c1 = Math.max(c0 + 1, Math.floor((b + 1) * width) - gap);
      const barHue = 0.3 * cent + (0.3 * b) / nBars;
      for (let dy = 0; dy < h; dy++) {
        const q = dy / h;
        const glyph = ids[Math.max(1, Math.min(plen - 1, Math.floor(plen * (0.2 + 0.7 * q))))]!;
        const hue = barHue + 0.15 * q;
        const val = 0.5 + 0.5 * q;
        const rUp = p.mirror ? mid - 1 - dy : rows - 1 - dy;
        const rDown = p.mirror ? mid + dy : -1;
        // One conversion per bar row, copied across the bar's columns.
        hsvToRgbInto(hue, 0.85, val, rgb, 0);
        const r0 = rgb[0]!;
        const g0 = rgb[1]!;
        const b0 = rgb[2]!;
        for (let c = c0; c < c1 && c < cols; c++) {
          if (rUp >= 0) {
            const at = rUp * cols + c;
            glyphs[at] = glyph;
            colors[at * 3] = r0;
            colors[at * 3 + 1] = g0;
            colors[at * 3 + 2] = b0;
          }
          if (rDown >= 0 && rDown < rows) {
            const at = rDown * cols + c;
            glyphs[at] = glyph;
            colors[at * 3] = r0;
            colors[at * 3 + 1] = g0;
            colors[at * 3 + 2] = b0;
          }
        }
      }
    }
  },
});
