import { cellWidth, textWidth } from './script.js';

/**
 * Greedy word wrap after the seed's `layout_text_portrait(text, max_chars_per_line=25)`, applied to each `\n`-separated
 * line of `text` separately. Two reference quirks are fixed knowingly: the reference counts the trailing space of the
 * line in progress, so it breaks lines one character early (lines reach max − 1), and a first word longer than the
 * limit makes it emit an empty line. Here every line is at most `maxChars` cells wide and fills up to exactly
 * `maxChars`; a word wider than the limit is split into pieces that fit (so unspaced CJK text breaks between any two
 * characters). Empty input lines are dropped. Widths are grid cells: one per code point, two for East Asian Wide and
 * Fullwidth characters (`cellWidth`); a single wide character on a one-cell limit still gets its own line.
 */
export function wrapText(text: string, maxChars: number): string[] {
  const limit = Math.max(1, Math.floor(maxChars));
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let current: string[] = [];
    let width = 0;
    for (const word of para.split(/\s+/)) {
      if (word === '') continue;
      let w = Array.from(word);
      let ww = textWidth(w);
      if (current.length > 0 && width + 1 + ww <= limit) {
        current.push(' ', ...w);
        width += 1 + ww;
        continue;
      }
      if (current.length > 0) out.push(current.join(''));
      while (ww > limit) {
        // The longest prefix that fits, never empty.
        let k = 0;
        let pw = 0;
        while (k < w.length && (k === 0 || pw + cellWidth(w[k]!.codePointAt(0)!) <= limit)) pw += cellWidth(w[k++]!.codePointAt(0)!);
        out.push(w.slice(0, k).join(''));
        w = w.slice(k);
        ww -= pw;
      }
      current = w;
      width = ww;
    }
    if (current.length > 0) out.push(current.join(''));
  }
  return out;
}

/** Portrait frames get ~25 characters per line, landscape ~50 (seed, "Portrait Mode Considerations"). */
export const PORTRAIT_MAX_CHARS = 25;
export const LANDSCAPE_MAX_CHARS = 50;

/**
 * The line length used when the effect's `max_chars` is 0: 25 on a portrait frame, 50 on a landscape one, never more
 * than the grid is wide.
 */
export function defaultMaxChars(grid: { cols: number; frameWidthPx: number; frameHeightPx: number }): number {
  const base = grid.frameHeightPx > grid.frameWidthPx ? PORTRAIT_MAX_CHARS : LANDSCAPE_MAX_CHARS;
  return Math.max(1, Math.min(base, grid.cols));
}
