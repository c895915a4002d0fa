import { describe, expect, it } from '@jest/globals';
import { createCellLayer, createGeometry, sequentialGlyphIds } from '@glyphreel/core';
import { layoutCues } from './layout.js';
import { cellWidth, visualLine } from './script.js';
import { CueTimeline } from './timeline.js';
import { wrapText } from './wrap.js';

/** The line as drawn, left to right. */
const visual = (s: string) => {
  const cps = Array.from(s);
  const { order, chars } = visualLine(cps);
  return Array.from(order, (j) => chars[j]).join('');
};

describe('visualLine (reduced bidi)', () => {
  it('leaves text without right-to-left characters alone', () => {
    expect(visual('Hello (world) 123')).toBe('Hello (world) 123');
  });

  it('draws a Hebrew line right to left, words and letters', () => {
    // שלום עולם = "hello world": the first word is drawn rightmost.
    expect(visual('שלום עולם')).toBe('םלוע םולש');
  });

  it('keeps digits and embedded Latin words left to right inside right-to-left text, and mirrors brackets', () => {
    expect(visual('שיר 42 (רמיקס)')).toBe('(סקימר) 42 ריש');
    expect(visual('אני אוהב rock and roll מאוד')).toBe('דואמ rock and roll בהוא ינא');
  });

  it('reverses only the right-to-left run in a left-to-right line', () => {
    expect(visual('Song: שלום עולם!')).toBe('Song: םלוע םולש!');
    expect(visual('مرحبا بالعالم')).toBe('ملاعلاب ابحرم');
  });
});

describe('cellWidth and wrapping by cells', () => {
  it('gives East Asian Wide and Fullwidth characters two cells', () => {
    expect(['a', 'é', 'ש', '日', 'あ', '한', 'Ａ', '　', '😀'].map((c) => cellWidth(c.codePointAt(0)!))).toEqual([1, 1, 1, 2, 2, 2, 2, 2, 2]);
  });

  it('wraps wide text by cells, breaking unspaced CJK between characters', () => {
    expect(wrapText('日本語のテキストです', 6)).toEqual(['日本語', 'のテキ', 'ストで', 'す']);
    expect(wrapText('歌 song 歌詞', 7)).toEqual(['歌 song', '歌詞']);
    expect(wrapText('日本', 1)).toEqual(['日', '本']);
  });
});

describe('layoutCues with wide and right-to-left text', () => {
  const ids = sequentialGlyphIds();
  const grid = createGeometry({ rows: 3, cols: 12, glyphIds: ids });
  const draw = (text: string) => {
    const timeline = new CueTimeline([{ index: 1, startS: 0, endS: 1, text }]);
    const lay = layoutCues(timeline, grid, 12, 0);
    const layer = createCellLayer(grid);
    for (let i = 0; i < lay.glyph.length; i++) layer.glyphs[lay.col[i] as number] = lay.glyph[i] as number;
    let row = '';
    for (let c = 0; c < grid.cols; c++) row += layer.glyphs[c] === 0 ? '·' : ids.glyphOf(layer.glyphs[c] as number);
    return { row, cols: Array.from(lay.col) };
  };

  it('gives each wide char two columns, the second left empty, and centres by width', () => {
    // Width 2 + 1 + 2·2 = 7 cells: x0 = ⌊(12 − 7)/2⌋ = 2.
    const { row, cols } = draw('日 本語');
    expect(cols).toEqual([2, 4, 5, 7]);
    expect(row).toBe('··日··本·語····');
  });

  it('places Hebrew right to left while keeping logical order for the reveal', () => {
    const { row, cols } = draw('שלום');
    // Logical char 0 (ש) is rightmost: the typewriter reveals from the right.
    expect(cols).toEqual([7, 6, 5, 4]);
    expect(row).toBe('····םולש····');
  });
});
