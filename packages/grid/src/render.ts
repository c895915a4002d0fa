import type { CellLayer, Field, GridGeometry, RgbFrame } from '@glyphreel/core';
import { asGrid } from './grid.js';
import { DEFAULT_SATURATION, DEFAULT_THRESHOLD, fieldToLayer, fieldToLayerRgb } from './mapping.js';

/** Max-composites a cell layer into a frame with the grid's atlas. */
export function render(grid: GridGeometry, layer: CellLayer, frame: RgbFrame): RgbFrame {
  return asGrid(grid).render(layer, frame);
}

/**
 * The reference's `_render_vf` (catalog 1.5): value field + hue (field or constant) + palette → glyphs coloured
 * hsv(hue, saturation, value), max-composited into `frame`. Uses the grid's scratch layer (no allocation). A
 * Uint8Array `hue` is an RGB field (rows·cols·3, e.g. OKLCH hues) and takes the renderFieldRgb path.
 * `palette` is a registered name ("dense"), a glyph string, or resolved ids; strings are resolved once and cached.
 */
export function renderField(
  grid: GridGeometry,
  frame: RgbFrame,
  value: Field,
  hue: Field | number | Uint8Array,
  palette: string | Uint16Array,
  saturation = DEFAULT_SATURATION,
  threshold = DEFAULT_THRESHOLD,
): RgbFrame {
  const g = asGrid(grid);
  const ids = g.resolvePalette(palette);
  const layer = hue instanceof Uint8Array
    ? fieldToLayerRgb(g.scratch(), value, hue, ids, threshold)
    : fieldToLayer(g.scratch(), value, hue, ids, saturation, threshold);
  return g.render(layer, frame);
}

/** `_render_vf_rgb`: like renderField with a per-cell RGB field (e.g. OKLCH hues) instead of an HSV hue. */
export function renderFieldRgb(
  grid: GridGeometry,
  frame: RgbFrame,
  value: Field,
  rgb: Uint8Array,
  palette: string | Uint16Array,
  threshold = DEFAULT_THRESHOLD,
): RgbFrame {
  const g = asGrid(grid);
  const ids = g.resolvePalette(palette);
  return g.render(fieldToLayerRgb(g.scratch(), value, rgb, ids, threshold), frame);
}
