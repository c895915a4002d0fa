import { describe, expect, it } from '@jest/globals';
import { createFrame } from '@glyphreel/core';
import { createGrid, layoutTextPortrait, renderTextRows, stampLines, stampText, type TextRow } from './index.js';

describe('text', () => {
  it('layoutTextPortrait wraps greedily at the line width, never emitting empty lines', () => {
    expect(layoutTextPortrait('the quick brown fox jumps over the lazy dog', 10)).toEqual(['the quick', 'brown fox', 'jumps over', 'the lazy', 'dog']);
    expect(layoutTextPortrait('  a  b ', 25)).toEqual(['a b']);
    expect(layoutTextPortrait('extraordinarily long word', 5)).toEqual(['extraordinarily', 'long', 'word']);
    expect(layoutTextPortrait('', 5)).toEqual([]);
    expect(() => layoutTextPortrait('x', 0)).toThrow('maxCharsPerLine must be a positive integer');
  });

  it('stampText centres, clips, and blanks missing glyphs', () => {
    const warnings: string[] = [];
    const g = createGrid({ width: 100, height: 57, size: 'md', onWarning: (w) => warnings.push(w) });
    expect([g.cols, g.rows]).toEqual([10, 3]);
    const layer = g.createLayer();
    expect(stampText(layer, g, 'HI \uE000!', 1, [10, 20, 30])).toBe(2);
    const ids = (s: string) => Array.from(g.textIds(s));
    expect(Array.from(layer.glyphs.subarray(10, 20))).toEqual([0, 0, ...ids('HI'), 0, 0, ...ids('!'), 0, 0, 0]);
    expect(Array.from(layer.colors.subarray(12 * 3, 13 * 3))).toEqual([10, 20, 30]);
    expect(warnings).toEqual(['Glyph "\uE000" (U+E000) is not in the font (tried DejaVu Sans Mono, DejaVu Sans, UnifontEX); it is dropped and draws nothing']);
    stampText(layer, g, 'ABCDEFGHIJKLMN', 0, [1, 1, 1]); // 14 chars in 10 columns: starts at −2
    expect(Array.from(layer.glyphs.subarray(0, 10))).toEqual(ids('CDEFGHIJKL'));
    stampText(layer, g, 'XY', 5, [1, 1, 1]); // row outside: nothing
    expect(stampLines(layer, g, ['a', 'b'], [5, 5, 5])).toBe(0);
    expect(layer.glyphs[14]).toBe(g.textIds('b')[0]);
    expect(() => stampText(createGrid({ width: 60, height: 57, onWarning: () => undefined }).createLayer(), g, 'x', 0, [1, 1, 1])).toThrow('The layer is 6×3 cells but the grid is 10×3');
  });

  it('text rows: atlas blit and canvas fillText give the same pixels within ±1', () => {
    const g = createGrid({ width: 640, height: 200, size: 'md', onWarning: () => undefined });
    const rows: TextRow[] = [
      { row: 0, text: 'The quick brown fox jumps over the lazy dog 0123456789 !?', color: [255, 255, 255] },
      { row: 2, text: 'ticker: GLYPH +3.2% ASCII -1.1% [ok] {x} #42 @home', color: [240, 120, 30] },
      { row: 4, text: 'lyrics dense text rows, 56 of them at 1080p', color: [30, 200, 255], col: 3 },
      { row: 6, text: 'scrolled off the left edge', color: [200, 200, 0], col: -4 },
      { row: 40, text: 'outside the grid', color: [255, 0, 0] },
    ];
    const a = renderTextRows(g, createFrame(640, 200), rows, 'atlas');
    const c = renderTextRows(g, createFrame(640, 200), rows, 'canvas');
    let maxDiff = 0;
    let lit = 0;
    for (let i = 0; i < a.data.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(a.data[i]! - c.data[i]!));
      if (a.data[i]! > 0) lit++;
    }
    expect(maxDiff).toBeLessThanOrEqual(1);
    expect(lit).toBeGreaterThan(5000);
    // the atlas path equals stamping the same text into a layer and rendering it
    const layer = g.createLayer();
    for (const r of rows) stampText(layer, g, r.text, r.row, r.color, r.col ?? 0);
    const b = g.render(layer, createFrame(640, 200));
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(true);
    expect(() => renderTextRows(g, createFrame(640, 200), rows, 'pil' as 'atlas')).toThrow('unknown method "pil"');
  });
});
