/**
 * Greedy word wrap after the seed's `layout_text_portrait(text, max_chars_per_line=25)`, applied to each `\n`-separated
 * line of `text` separately. Two reference quirks are fixed knowingly: the reference counts the trailing space of the
 * line in progress, so it breaks lines one character early (lines reach max − 1), and a first word longer than the
 * limit makes it emit an empty line. Here every line has at most `maxChars` code points and fills up to exactly
 * `maxChars`; a word longer than the limit is split into `maxChars`-long pieces. Empty input lines are dropped.
 * Lengths count code points, as the grid draws one glyph per code point.
 */
export function wrapText(text: string, maxChars: number): string[] {
  const limit = Math.max(1, Math.floor(maxChars));
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let current: string[] = [];
    for (const word of para.split(/\s+/)) {
      if (word === '') continue;
      let w = Array.from(word);
      if (current.length > 0 && current.length + 1 + w.length <= limit) {
        current.push(' ', ...w);
        continue;
      }
      if (current.length > 0) out.push(current.join(''));
      while (w.length > limit) {
        out.push(w.slice(0, limit).join(''));
        w = w.slice(limit);
      }
      current = w;
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
