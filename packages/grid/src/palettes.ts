import { definePlugin, PALETTES, PLUGIN_API_VERSION, type PaletteDef } from '@glyphreel/core';

const FAMILY: Readonly<Record<string, string>> = {
  default: 'classic ASCII ramp', dense: 'simple ramp ending in a full block', minimal: 'graphic ramp', binary: 'space / full block',
  gradient: 'shade blocks', blocks: 'shade and half blocks', blocks_ext: 'quadrant blocks and shades', shade: 'shades and eighth blocks',
  math: 'math symbols', box: 'box drawing', circuit: 'circuit board', rune: 'Elder Futhark', alchemic: 'planetary and alchemical',
  zodiac: 'zodiac', arrows: 'arrows', music: 'musical notation', kata: 'half-width katakana', greek: 'Greek lowercase',
  cyrillic: 'Cyrillic lowercase', arabic: 'Arabic isolated forms', dots: 'dot sizes', braille: 'braille cells', stars: 'stars',
  halffill: 'half-filled circles', hatch: 'hatched squares', hermes: 'mythology / tech', ocean: 'water', organic: 'botanical',
  machine: 'industrial',
};

/** The 29 palettes of catalog 6.2 as registry entries (names from core PALETTES), dark to bright. */
export const GRID_PALETTES: readonly PaletteDef[] = Object.entries(PALETTES).map(([name, glyphs]) => ({
  name,
  glyphs,
  description: FAMILY[name] ?? name,
}));

/**
 * The built-in palette plugin: register it (builtin) so scene files can name palettes. Palettes are data here; a grid
 * validates them against its font and resolves them to glyph ids when they are used (grid.glyphIds / grid.palette).
 */
export const gridPlugin = definePlugin({
  name: 'grid',
  version: '0.1.0',
  apiVersion: PLUGIN_API_VERSION,
  description: 'glyph palettes (catalog 6.2)',
  palettes: GRID_PALETTES,
});
