import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { GlyphreelError } from '@glyphreel/core';
import { bundledFontDir, createGrid, measureCell, resolveFont, resolveFontChain, SYSTEM_MONO_CANDIDATES } from './index.js';

function errorOf(fn: () => unknown): GlyphreelError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GlyphreelError);
    return e as GlyphreelError;
  }
  throw new Error('expected an error');
}

describe('fonts', () => {
  it('defaults to the bundled DejaVu Sans Mono with DejaVu Sans and UnifontEX as fallbacks, under private aliases', () => {
    const chain = resolveFontChain();
    expect(chain.primary.source).toBe('bundled');
    expect(chain.primary.path).toBe(path.join(bundledFontDir(), 'DejaVuSansMono.ttf'));
    expect(chain.primary.family).toMatch(/^glyphreel-[0-9a-f]{20}$/);
    expect(chain.fallbacks.map((f) => path.basename(f.path!))).toEqual(['DejaVuSans.ttf', 'unifontex-latin-400-normal.woff']);
    expect(resolveFontChain('DejaVu Sans Mono Bold').fallbacks).toEqual([]);
  });

  it('resolves the same file once, by name or by path', () => {
    const byName = resolveFont('dejavu-sans-mono');
    const byPath = resolveFont(path.join(bundledFontDir(), 'DejaVuSansMono.ttf'));
    expect(byPath.family).toBe(byName.family);
  });

  it('measures cells from the advance of M and ascent + descent (catalogued 1080p grids)', () => {
    const mono = resolveFont();
    expect(measureCell(mono, 16)).toEqual({ px: 16, cw: 10, ch: 19, ascent: 15 });
    expect(measureCell(mono, 10)).toMatchObject({ cw: 6, ch: 13 });
    expect(measureCell(mono, 20)).toMatchObject({ cw: 12, ch: 24 });
    expect(measureCell(mono, 40)).toMatchObject({ cw: 24, ch: 48 });
  });

  it('a missing font file is E_FONT naming the path', () => {
    const e = errorOf(() => resolveFont('/nope/missing-font.ttf'));
    expect(e.code).toBe('E_FONT');
    expect(e.message).toBe('Font file not found: /nope/missing-font.ttf');
    expect(e.hint).toMatch(/\.ttf/);
    expect(errorOf(() => createGrid({ width: 320, height: 200, font: './missing.otf' })).code).toBe('E_FONT');
  });

  it('a file that is not a font is E_FONT', () => {
    const e = errorOf(() => resolveFont(path.join(bundledFontDir(), '..', 'package.json')));
    expect(e.code).toBe('E_FONT');
    expect(e.message).toMatch(/^Could not load font file .*package\.json/);
  });

  it('an unknown family is E_FONT listing what was tried', () => {
    const e = errorOf(() => resolveFont('No Such Family Mono'));
    expect(e.code).toBe('E_FONT');
    expect(e.message).toMatch(/^Font "No Such Family Mono" not found: tried "No Such Family Mono" among \d+ installed families and the bundled "dejavu sans mono"/);
    expect(errorOf(() => resolveFont('')).code).toBe('E_FONT');
  });

  it('system-mono probes the per-OS candidate list, or says which families it tried', () => {
    let outcome: string;
    try {
      const h = resolveFont('system-mono');
      outcome = h.source;
      expect(SYSTEM_MONO_CANDIDATES['linux']!.concat(SYSTEM_MONO_CANDIDATES['darwin']!, SYSTEM_MONO_CANDIDATES['win32']!).map((c) => c.toLowerCase())).toContain(h.name.toLowerCase());
    } catch (e) {
      outcome = (e as Error).message;
      expect((e as GlyphreelError).code).toBe('E_FONT');
      const list = SYSTEM_MONO_CANDIDATES[process.platform] ?? SYSTEM_MONO_CANDIDATES['linux']!;
      expect(outcome).toContain(`tried ${list.map((c) => `"${c}"`).join(', ')}`);
    }
    expect(outcome).toBeTruthy();
    expect(process.env['DISABLE_SYSTEM_FONTS_LOAD']).toBeDefined();
  });

  it('draws with another bundled font per grid (e.g. bold for text)', () => {
    const bold = createGrid({ width: 320, height: 200, size: 'md', font: 'DejaVu Sans Mono Bold', onWarning: () => undefined });
    const regular = createGrid({ width: 320, height: 200, size: 'md', onWarning: () => undefined });
    expect(bold.atlas).not.toBe(regular.atlas);
    const id = (g: typeof bold) => g.glyphIds('M')[0]!;
    expect(bold.atlas.ink[id(bold)]).toBeGreaterThan(regular.atlas.ink[id(regular)]!);
  });
});
