import { deriveSeed, Rng, type GridGeometry } from '@glyphreel/core';
import type { CueTimeline } from './timeline.js';
import { cellWidth, textWidth, visualLine } from './script.js';
import { wrapText } from './wrap.js';

/** The typewriter's insertion cursor (catalog 5.4, `render_typewriter`). */
export const CURSOR = '▌';

/**
 * Every cue of a timeline wrapped, centred and resolved to glyph ids for one grid, in flat typed arrays so drawing a
 * frame allocates nothing. Char k of cue c is at flat index cueChar[c] + k; spaces inside a line are kept (as glyph 0)
 * because they count towards the typewriter's reveal.
 */
export interface CueLayout {
  readonly timeline: CueTimeline;
  readonly gridId: string;
  readonly maxChars: number;
  readonly seed: number;
  /** Lines of cue c: cueLine[c] … cueLine[c + 1] − 1 (flat line indices). */
  readonly cueLine: Int32Array;
  /** Chars of cue c: cueChar[c] … cueChar[c + 1] − 1. */
  readonly cueChar: Int32Array;
  readonly glyph: Uint16Array;
  /** Grid column of each char: its line centred with ⌊(cols − width in cells)/2⌋, in visual (bidi) order. */
  readonly col: Int32Array;
  /** Line of each char within its cue (0 = the cue's first line). */
  readonly line: Int32Array;
  /** Scatter start cell of each char: uniform over the grid, seeded by (seed, cue position), so any frame order agrees. */
  readonly scatterRow: Int32Array;
  readonly scatterCol: Int32Array;
  /** Glyph id of the cursor, 0 if the grid's font cannot draw it. */
  readonly cursor: number;
}

/** Glyph ids of each code point of `line`; a code point the grid cannot draw becomes a blank (0), keeping columns. */
function lineGlyphs(grid: GridGeometry, line: string, codePoints: string[]): Uint16Array {
  const ids = grid.glyphIds(line);
  if (ids.length === codePoints.length) return ids;
  const out = new Uint16Array(codePoints.length);
  for (let k = 0; k < codePoints.length; k++) out[k] = grid.glyphIds(codePoints[k] as string)[0] ?? 0;
  return out;
}

export function layoutCues(timeline: CueTimeline, grid: GridGeometry, maxChars: number, seed: number): CueLayout {
  const cues = timeline.cues;
  const wrapped = cues.map((c) => wrapText(c.text, maxChars).map((l) => Array.from(l)));
  let lines = 0;
  let chars = 0;
  for (const w of wrapped) {
    lines += w.length;
    for (const l of w) chars += l.length;
  }
  const cueLine = new Int32Array(cues.length + 1);
  const cueChar = new Int32Array(cues.length + 1);
  const glyph = new Uint16Array(chars);
  const col = new Int32Array(chars);
  const line = new Int32Array(chars);
  const scatterRow = new Int32Array(chars);
  const scatterCol = new Int32Array(chars);
  let li = 0;
  let ci = 0;
  for (let c = 0; c < cues.length; c++) {
    cueLine[c] = li;
    cueChar[c] = ci;
    const rng = new Rng(deriveSeed(seed, c, 'lyrics-scatter'));
    const w = wrapped[c] as string[][];
    for (let k = 0; k < w.length; k++, li++) {
      // Chars stay in logical (reading) order, so the typewriter reveals right-to-left text from the right; only
      // their columns follow the visual order. A wide char takes two columns and is drawn in the first.
      const { order, chars } = visualLine(w[k] as string[]);
      const ids = lineGlyphs(grid, chars.join(''), chars);
      // max(0): a lone wide char on a one-column grid is the only line wider than the grid.
      const x0 = Math.max(0, Math.floor((grid.cols - textWidth(chars)) / 2));
      const at = new Int32Array(chars.length);
      for (let v = 0, x = x0; v < order.length; v++) {
        const j = order[v] as number;
        at[j] = x;
        x += cellWidth((chars[j] as string).codePointAt(0) as number);
      }
      for (let j = 0; j < chars.length; j++, ci++) {
        glyph[ci] = ids[j] as number;
        col[ci] = at[j] as number;
        line[ci] = k;
        scatterRow[ci] = rng.int(0, grid.rows - 1);
        scatterCol[ci] = rng.int(0, grid.cols - 1);
      }
    }
  }
  cueLine[cues.length] = li;
  cueChar[cues.length] = ci;
  return {
    timeline,
    gridId: grid.id,
    maxChars,
    seed,
    cueLine,
    cueChar,
    glyph,
    col,
    line,
    scatterRow,
    scatterCol,
    cursor: grid.glyphIds(CURSOR)[0] ?? 0,
  };
}
