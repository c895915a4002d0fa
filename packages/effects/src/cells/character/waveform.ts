import { defineCellEffect, hsvToRgb } from '@glyphreel/core';

/**
 * Waveform line (catalog 2.6 `eff_waveform`): one glyph per column on row rows/2 + row_offset + amp·w(c), where
 * w(c) = 0.5·bass·sin(0.15c + 5t) + 0.3·mid·sin(0.3c + 8t) + 0.15·hi·sin(0.6c + 12t) and amp = 4 rows. The colour is
 * v = 120 + 135·rms times the tint of `hue` at saturation 0.6: the reference's (v, 0.7v, 0.4v) is that tint at hue
 * ≈ 0.08, so the default 0.1 is within a few levels of it while `hue` now actually recolours the line.
 */
export const waveform = defineCellEffect({
  name: 'waveform',
  description: 'A line of ~ waving with bass, mid and treble (catalog 2.6)',
  params: {
    row_offset: { type: 'integer', default: -5, min: -1000, max: 1000, description: 'rows from the middle row' },
    hue: { type: 'number', default: 0.1, min: 0, max: 1 },
    amp: { type: 'number', default: 4, min: 0, max: 100, description: 'rows of swing at full features' },
    char: { type: 'string', default: '~', nonEmpty: true, description: 'the glyph of the line (first character)' },
  },
  draw(layer, grid, ctx, p) {
    if (ctx.replaying) return;
    const f = ctx.features;
    const bass = f.get('bass');
    const mid = f.get('mid');
    const hi = f.get('hi');
    const t = ctx.t;
    const v = (120 + 135 * f.get('rms')) / 255;
    const [r, g, b] = tint(p.hue);
    const glyph = grid.glyphIds(p.char)[0]!;
    const rows = grid.rows;
    const cols = grid.cols;
    const base = rows / 2 + p.row_offset;
    for (let c = 0; c < cols; c++) {
      const w = 0.5 * bass * Math.sin(0.15 * c + 5 * t) + 0.3 * mid * Math.sin(0.3 * c + 8 * t) + 0.15 * hi * Math.sin(0.6 * c + 12 * t);
      const row = Math.round(base + p.amp * w);
      if (row < 0 || row >= rows) continue;
      const at = row * cols + c;
      layer.glyphs[at] = glyph;
      layer.colors[at * 3] = (r * v) | 0;
      layer.colors[at * 3 + 1] = (g * v) | 0;
      layer.colors[at * 3 + 2] = (b * v) | 0;
    }
  },
});

/** Full-value tint of a hue, cached for the last hue asked (a layer's hue is constant). */
let tintHue = NaN;
const tintRgb: [number, number, number] = [0, 0, 0];
function tint(hue: number): [number, number, number] {
  if (hue !== tintHue) {
    const c = hsvToRgb(hue, 0.6, 1);
    tintRgb[0] = c[0];
    tintRgb[1] = c[1];
    tintRgb[2] = c[2];
    tintHue = hue;
  }
  return tintRgb;
}
