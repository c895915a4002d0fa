import { PALETTES, type CellLayer, type GridGeometry } from '@glyphreel/core';
import { directionalEdgeIds, frameToCells, type SampleMode } from './frame-to-cells.js';

/** A palette parameter: a built-in palette name or a literal string of glyphs. */
export function resolvePaletteText(value: string): string {
  return PALETTES[value] ?? PALETTES[value.toLowerCase()] ?? value;
}

/** What the video and image layers keep between frames for their edge glyphs. */
export interface EdgeGlyphCache {
  edgeKey?: string;
  edgeIds?: Uint16Array | undefined;
}

export interface MediaDrawParams {
  mode: string;
  palette: string;
  edge_palette: string;
  brightness: number;
}

/**
 * The video and image layers' last step: a cols×rows rgb picture to glyphs and colours (catalog 5.2), with the
 * directional edge glyphs resolved once per grid and palette.
 */
export function drawMedia(rgb: Uint8Array, grid: GridGeometry, layer: CellLayer, params: MediaDrawParams, cache: EdgeGlyphCache): void {
  let edgeIds: Uint16Array | undefined;
  let edgePalette: Uint16Array | undefined;
  if (params.mode === 'edges') {
    const text = resolvePaletteText(params.edge_palette);
    const key = `${grid.id}|${text}`;
    if (cache.edgeKey !== key) {
      cache.edgeKey = key;
      cache.edgeIds = directionalEdgeIds(grid, text);
    }
    edgeIds = cache.edgeIds;
    if (!edgeIds) edgePalette = grid.glyphIds(text);
  }
  frameToCells(rgb, grid, layer, {
    palette: grid.glyphIds(resolvePaletteText(params.palette)),
    mode: params.mode as SampleMode,
    brightness: params.brightness,
    ...(edgeIds ? { edgeGlyphs: edgeIds } : {}),
    ...(edgePalette ? { edgePalette } : {}),
  });
}
