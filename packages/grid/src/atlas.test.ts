import { describe, expect, it } from '@jest/globals';
import { PAL_BRAILLE, PAL_DEFAULT, PAL_RUNE, PALETTES } from '@glyphreel/core';
import { canvasApi, createGrid, DEFAULT_INIT_CHARS, GlyphAtlas, resolveFontChain, sortByCoverage } from './index.js';

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
