import { describe, expect, it } from '@jest/globals';
import { createFrame, PAL_BRAILLE, PAL_DEFAULT, PAL_RUNE, PALETTES } from '@glyphreel/core';
import { blockElementMask, canvasApi, createGrid, isBlockElement, DEFAULT_INIT_CHARS, GlyphAtlas, resolveFontChain, sortByCoverage } from './index.js';

describe('GlyphAtlas', () => {
  it('rasterizes each glyph at (0,0) into a cw×ch coverage mask, space is the blank glyph 0', () => {
    const g = createGrid({ width: 400, height: 200, size: 'md', onWarning: () => undefined });
    const id = g.glyphIds('@')[0]!;
    expect(g.glyphIds(' ')).toEqual(Uint16Array.of(0));
    const ctx = canvasApi().createCanvas(10, 19).getContext('2d');
    ctx.font = `16px "${g.font.primary.family}"`;
    ctx.fillStyle = '#fff';
    ctx.fillText('@', 0, 15);
    const rgba = ctx.getImageData(0, 0, 10, 19).data;
    const expected = Uint8Array.from({ length: 190 }, (_, i) => rgba[i * 4 + 3]!);
    expect(Array.from(g.atlas.mask(id))).toEqual(Array.from(expected));
    expect(g.atlas.ink[id]).toBe(expected.reduce((a, b) => a + b, 0));
    expect(g.atlas.charOf(id)).toBe('@');
  });

  it('rasterizes every palette/base character at init and adds new ones lazily with stable ids', () => {
    const g = createGrid({ width: 400, height: 200, size: 'sm', onWarning: () => undefined });
    const before = g.atlas.count;
    const ids = g.glyphIds(PAL_DEFAULT);
    expect(g.atlas.count).toBe(before);
    const zhe = g.textIds('Ж€');
    expect(g.atlas.count).toBe(before + 2);
    expect(g.glyphIds(PAL_DEFAULT)).toBe(ids);
    expect(g.textIds('Ж€')).toEqual(zhe);
    expect(new Set(DEFAULT_INIT_CHARS).size).toBeGreaterThan(300);
  });

  it('drops a glyph missing from the font with one warning, never a blank or .notdef glyph', () => {
    const warnings: string[] = [];
    const chain = resolveFontChain('DejaVu Sans Mono', []);
    const atlas = new GlyphAtlas(chain, 15);
    expect(atlas.id('ᚠ', (w) => warnings.push(w))).toBe(-1);
    expect(atlas.id('ᚠ', (w) => warnings.push(w))).toBe(-1);
    expect(warnings).toEqual(['Glyph "ᚠ" (U+16A0) is not in the font (tried DejaVu Sans Mono); it is dropped and draws nothing']);
    expect(atlas.id('A', (w) => warnings.push(w))).toBe(1);
    expect(atlas.missing()).toEqual(['ᚠ']);
  });

  it('palettes lose only what the font chain cannot draw; the default fallbacks fill in braille, runes, katakana', () => {
    const warnings: string[] = [];
    const g = createGrid({ width: 300, height: 200, size: 13, onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([]); // init rasterizes every core palette quietly; use is what warns
    for (const [name, glyphs] of Object.entries(PALETTES)) expect([name, g.glyphIds(glyphs).length]).toEqual([name, Array.from(glyphs).length]);
    expect(warnings).toEqual([]);
    expect(g.atlas.fontIndex[g.glyphIds('⠿')[0]!]).toBe(1); // DejaVu Sans
    expect(g.atlas.fontIndex[g.glyphIds('ᚠ')[0]!]).toBe(2); // UnifontEX
    expect(g.atlas.fontIndex[g.glyphIds('ｦ')[0]!]).toBe(2);
    expect(g.atlas.fontIndex[g.glyphIds('@')[0]!]).toBe(0);

    // DejaVu only: runes exist in no DejaVu font, PAL_RUNE keeps its space and '.'
    const dv = createGrid({ width: 300, height: 200, size: 13, fallbackFonts: ['DejaVu Sans'], onWarning: (w) => warnings.push(w) });
    expect(dv.glyphIds(PAL_RUNE)).toHaveLength(2);
    expect(dv.validatedPalette(PAL_RUNE)).toBe(' .');
    expect(dv.glyphIds(PAL_BRAILLE)).toHaveLength(33);
    expect(warnings.filter((w) => w.includes('U+16A0'))).toHaveLength(1);
    expect(warnings).toHaveLength(12); // the twelve runes of PAL_RUNE, once each
    dv.glyphIds(PAL_RUNE + 'x');
    expect(warnings).toHaveLength(12);
    // no fallback: braille is gone too
    const bare = createGrid({ width: 300, height: 200, size: 13, fallbackFonts: [], onWarning: () => undefined });
    expect(bare.glyphIds(PAL_BRAILLE)).toEqual(Uint16Array.of(0));
    // text keeps its layout: a character no font has (U+E000, private use) is a blank cell
    expect(Array.from(g.textIds('a\uE000b'))).toEqual([g.glyphIds('a')[0], 0, g.glyphIds('b')[0]]);
    expect(g.glyphIds('a\uE000b')).toHaveLength(2);
    expect(warnings).toHaveLength(13);
    expect(warnings[12]).toMatch(/^Glyph "\uE000" \(U\+E000\) is not in the font \(tried DejaVu Sans Mono, DejaVu Sans, UnifontEX\)/);
  });

  it('sorts a palette by ink, space first', () => {
    const g = createGrid({ width: 300, height: 200, size: 'md', onWarning: () => undefined });
    const sorted = sortByCoverage(g.atlas, '█.@: ');
    expect(sorted).toBe(' .:@█');
    const inks = Array.from(sortByCoverage(g.atlas, PAL_DEFAULT)).slice(1).map((c) => g.atlas.ink[g.glyphIds(c)[0]!]!);
    expect(inks).toEqual([...inks].sort((a, b) => a - b));
  });
});

describe('block elements (U+2580–U+259F) are drawn from their geometry, not the font', () => {
  it('a column of full blocks renders with no darker pixel row at the cell boundaries', () => {
    for (const size of ['md', 'sm', 'lg'] as const) {
      const g = createGrid({ width: 200, height: 200, size, onWarning: () => undefined });
      const { cw, ch } = g.atlas;
      const layer = g.createLayer();
      const id = g.glyphIds('█')[0]!;
      for (let r = 0; r < g.rows; r++) {
        layer.glyphs[r * g.cols] = id;
        layer.colors.set([255, 255, 255], (r * g.cols) * 3);
      }
      const frame = g.render(layer, createFrame(200, 200));
      // Every pixel of the column's cells, the rows at each cell boundary included, is 255 (the font's █ left one
      // row per cell at ≈ 160 in md: 63 %).
      const [ox, oy] = [g.offsetXPx, g.offsetYPx];
      let below = 0;
      let minimum = 255;
      for (let y = oy; y < oy + g.rows * ch; y++) {
        for (let x = ox; x < ox + cw; x++) {
          const v = frame.data[(y * 200 + x) * 3 + 1]!;
          if (v < 255) below++;
          minimum = Math.min(minimum, v);
        }
      }
      expect([size, below, minimum]).toEqual([size, 0, 255]);
      // The mask itself: every byte 255; ink = cw·ch·255.
      expect(g.atlas.mask(id).every((v) => v === 255)).toBe(true);
      expect(g.atlas.ink[id]).toBe(cw * ch * 255);
      // Next column stays black.
      expect(frame.data[((oy + 5) * 200 + ox + cw) * 3]).toBe(0);
      expect(frame.data[((oy + ch) * 200 + ox) * 3]).toBe(255); // the first boundary row
    }
  });

  it('each element covers exactly its share of the cell; complementary elements tile it once', () => {
    for (const [cw, ch] of [[10, 19], [8, 16], [7, 13]] as const) {
      const m = (c: string) => blockElementMask(c.charCodeAt(0), cw, ch);
      const count = (a: Uint8Array) => a.reduce((n, v) => n + (v === 255 ? 1 : v === 0 ? 0 : NaN), 0);
      const n = cw * ch;
      expect(count(m('█'))).toBe(n);
      expect(count(m('▀')) + count(m('▄'))).toBe(n);
      expect(count(m('▌')) + count(m('▐'))).toBe(n);
      expect(count(m('▀'))).toBe(cw * Math.round(ch / 2));
      for (let k = 1; k <= 7; k++) {
        expect(count(m(String.fromCharCode(0x2580 + k)))).toBe(cw * (ch - Math.round((ch * (8 - k)) / 8))); // lower k/8
        expect(count(m(String.fromCharCode(0x2590 - k)))).toBe(ch * Math.round((cw * k) / 8)); // left k/8
      }
      expect(count(m('▔'))).toBe(cw * Math.round(ch / 8));
      expect(count(m('▕'))).toBe(ch * (cw - Math.round((cw * 7) / 8)));
      // Quadrants: ▖▗▘▝ tile the cell; ▙ = ▘ ▖ ▗, ▚ + ▞ = █.
      expect(count(m('▖')) + count(m('▗')) + count(m('▘')) + count(m('▝'))).toBe(n);
      expect(count(m('▙'))).toBe(count(m('▘')) + count(m('▖')) + count(m('▗')));
      expect(count(m('▚')) + count(m('▞'))).toBe(n);
      const ul = m('▘');
      expect([ul[0], ul[cw - 1], ul[(ch - 1) * cw]]).toEqual([255, 0, 0]);
      // Shades: 1/4, 1/2, 3/4 of each 2×2 tile.
      const tiles = Math.floor(cw / 2) * Math.floor(ch / 2);
      const inTiles = (a: Uint8Array) => {
        let s = 0;
        for (let y = 0; y < 2 * Math.floor(ch / 2); y++) for (let x = 0; x < 2 * Math.floor(cw / 2); x++) s += a[y * cw + x] === 255 ? 1 : 0;
        return s;
      };
      expect([inTiles(m('░')), inTiles(m('▒')), inTiles(m('▓'))]).toEqual([tiles, 2 * tiles, 3 * tiles]);
    }
  });

  it('the atlas stores them for any font size, and other glyphs still come from the font', () => {
    const g = createGrid({ width: 400, height: 200, size: 'md', onWarning: () => undefined });
    const [full, upper] = g.glyphIds('█▀');
    const { cw, ch } = g.atlas;
    expect(Array.from(g.atlas.mask(upper!))).toEqual(Array.from(blockElementMask(0x2580, cw, ch)));
    expect(g.atlas.fontIndex[full!]).toBe(0);
    expect(isBlockElement('█')).toBe(true);
    expect(isBlockElement('■')).toBe(false); // U+25A0, geometric shapes: the font's
  });
});
