import { describe, expect, it } from '@jest/globals';
import { createCellLayer, createGeometry, PAL_BOX, PAL_DEFAULT, sequentialGlyphIds } from '@glyphreel/core';
import { directionalEdgeIds, frameToCells } from './frame-to-cells.js';

function grid(cols: number, rows: number) {
  const ids = sequentialGlyphIds();
  return { g: createGeometry({ rows, cols, cellWidthPx: 10, cellHeightPx: 20, glyphIds: ids }), glyphOf: ids.glyphOf };
}

function solid(cols: number, rows: number, r: number, g: number, b: number): Uint8Array {
  const out = new Uint8Array(cols * rows * 3);
  for (let i = 0; i < cols * rows; i++) out.set([r, g, b], i * 3);
  return out;
}

const N = Array.from(PAL_DEFAULT).length;

describe('frameToCells, luma mode (frame_to_ascii)', () => {
  it('maps a known colour to the palette glyph of its luminance and keeps the source colour when 1.5·lum + 0.3 ≥ 1', () => {
    const { g, glyphOf } = grid(4, 3);
    const layer = createCellLayer(g);
    frameToCells(solid(4, 3, 200, 100, 50), g, layer, { palette: g.glyphIds(PAL_DEFAULT) });
    // lum = (0.299·200 + 0.587·100 + 0.114·50)/255 = 124.2/255 = 0.48706 → index ⌊0.48706·29⌋ = 14
    expect(N).toBe(29);
    expect(glyphOf(layer.glyphs[7] as number)).toBe(Array.from(PAL_DEFAULT)[14]);
    expect(Array.from(layer.colors.subarray(21, 24))).toEqual([200, 100, 50]);
  });

  it('dims dark colours by clamp(1.5·lum + 0.3, 0.3, 1), truncating, and blanks cells with lum ≤ 0.02', () => {
    const { g, glyphOf } = grid(2, 1);
    const rgb = new Uint8Array([40, 40, 40, 5, 5, 5]);
    const layer = createCellLayer(g);
    frameToCells(rgb, g, layer, { palette: g.glyphIds(PAL_DEFAULT) });
    // lum = 40/255 = 0.156863 → k = 0.535294 → 40·k = 21.41 → 21; index ⌊0.156863·29⌋ = 4
    expect(glyphOf(layer.glyphs[0] as number)).toBe(Array.from(PAL_DEFAULT)[4]);
    expect(Array.from(layer.colors.subarray(0, 3))).toEqual([21, 21, 21]);
    // 5/255 = 0.0196 ≤ 0.02
    expect(layer.glyphs[1]).toBe(0);
    expect(Array.from(layer.colors.subarray(3, 6))).toEqual([0, 0, 0]);
  });

  it('brightness scales luminance before the lookup and the colour factor', () => {
    const { g, glyphOf } = grid(1, 1);
    const layer = createCellLayer(g);
    frameToCells(new Uint8Array([40, 40, 40]), g, layer, { palette: g.glyphIds(PAL_DEFAULT), brightness: 2 });
    // lum = 0.313725 → index 9, k = 0.770588 → 30.82 → 30
    expect(glyphOf(layer.glyphs[0] as number)).toBe(Array.from(PAL_DEFAULT)[9]);
    expect(Array.from(layer.colors)).toEqual([30, 30, 30]);
    frameToCells(new Uint8Array([255, 255, 255]), g, layer, { palette: g.glyphIds(PAL_DEFAULT), brightness: 3 });
    expect(glyphOf(layer.glyphs[0] as number)).toBe('@');
  });
});

describe('frameToCells, edges mode (frame_to_ascii_edges)', () => {
  // a white box on grey: columns 6..13, rows 3..8 of a 20×12 grid
  const W = 20;
  const H = 12;
  const box = (x: number, y: number): boolean => x >= 6 && x <= 13 && y >= 3 && y <= 8;
  const rgb = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) rgb.fill(box(x, y) ? 255 : 60, (y * W + x) * 3, (y * W + x) * 3 + 3);

  it('draws box glyphs by direction on the outline and luminance glyphs elsewhere', () => {
    const { g, glyphOf } = grid(W, H);
    const layer = createCellLayer(g);
    const edgeGlyphs = directionalEdgeIds(g, PAL_BOX);
    expect(edgeGlyphs).toBeDefined();
    frameToCells(rgb, g, layer, { palette: g.glyphIds(PAL_DEFAULT), mode: 'edges', edgeGlyphs: edgeGlyphs! });
    const at = (x: number, y: number): string => glyphOf(layer.glyphs[y * W + x] as number);
    const bgGlyph = Array.from(PAL_DEFAULT)[Math.floor((60 / 255) * N)];
    expect(at(9, 3)).toBe('─'); // top edge, inside
    expect(at(9, 2)).toBe('─'); // top edge, outside (central differences span both cells)
    expect(at(9, 8)).toBe('─');
    expect(at(6, 5)).toBe('│');
    expect(at(13, 5)).toBe('│');
    expect(at(6, 3)).toBe('┌');
    expect(at(13, 3)).toBe('┐');
    expect(at(6, 8)).toBe('└');
    expect(at(13, 8)).toBe('┘');
    expect(at(9, 5)).toBe('@'); // interior: white → the brightest palette glyph
    expect(at(0, 0)).toBe(bgGlyph);
    expect(at(3, 6)).toBe(bgGlyph);
    expect(at(5, 2)).toBe(bgGlyph); // diagonal neighbour of the corner has no gradient
    const boxSet = new Set(Array.from(PAL_BOX));
    let edgeCells = 0;
    for (let i = 0; i < W * H; i++) if (boxSet.has(glyphOf(layer.glyphs[i] as number)) && layer.glyphs[i] !== 0) edgeCells++;
    // rows 2,3,8,9 × cols 6..13 and cols 5,6,13,14 × rows 3..8; the 4 corner cells are in both sets
    expect(edgeCells).toBe(4 * 8 + 4 * 6 - 4);
    // edge cells keep frame_to_ascii colouring: grey 60 → k = 1.5·0.2353 + 0.3 = 0.6529 → 39
    expect(Array.from(layer.colors.subarray((2 * W + 9) * 3, (2 * W + 9) * 3 + 3))).toEqual([39, 39, 39]);
  });

  it('without directional glyphs picks edge glyphs by strength (index 0 never used)', () => {
    const { g, glyphOf } = grid(W, H);
    const layer = createCellLayer(g);
    frameToCells(rgb, g, layer, { palette: g.glyphIds(PAL_DEFAULT), mode: 'edges', edgePalette: g.glyphIds(' -=#') });
    // every outline cell has the frame's maximum gradient (corners √2 more): normalized ≥ 0.707 → '#' (⌊e·4⌋ ≥ 2 → = or #)
    expect(glyphOf(layer.glyphs[3 * W + 9] as number)).toBe('=');
    expect(glyphOf(layer.glyphs[3 * W + 6] as number)).toBe('#');
  });

  it('draws no edges on a nearly flat frame (gradient normalization floor)', () => {
    const { g, glyphOf } = grid(8, 4);
    const noisy = new Uint8Array(8 * 4 * 3);
    for (let i = 0; i < noisy.length; i++) noisy[i] = 100 + ((i * 7) % 3);
    const layer = createCellLayer(g);
    frameToCells(noisy, g, layer, { palette: g.glyphIds(PAL_DEFAULT), mode: 'edges', edgeGlyphs: directionalEdgeIds(g, PAL_BOX)! });
    const glyphs = new Set(Array.from(layer.glyphs, (id) => glyphOf(id)));
    for (const c of PAL_BOX.slice(1)) expect(glyphs.has(c)).toBe(false);
  });

  it('rejects a frame smaller than the grid', () => {
    const { g } = grid(4, 4);
    expect(() => frameToCells(new Uint8Array(10), g, createCellLayer(g), { palette: g.glyphIds(PAL_DEFAULT) })).toThrow('frameToCells: 10 bytes for a 4×4 grid');
  });
});
