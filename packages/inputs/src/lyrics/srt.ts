import { cleanLine, invalid, seconds, sortCues, splitLines, type Cue, type ParseOptions } from './cue.js';

const TIME = String.raw`(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[,.](\d{1,3}))?`;
/** A cue timing line; anything after the end time (SRT position hints `X1:… Y1:…`) is ignored. */
const TIMING_LINE = new RegExp(String.raw`^\s*${TIME}\s*-->\s*${TIME}(?:\s.*)?$`);
const INDEX_LINE = /^\s*\d+\s*$/;
const TIMING_HINT = 'expected a timing line like "00:01:02,500 --> 00:01:04,000"';

/** Parses a timing line into [start, end] seconds, or throws with the line number. */
function timing(file: string, lineNo: number, line: string): [number, number] {
  const m = TIMING_LINE.exec(line);
  if (!m) throw invalid(file, lineNo, line.trim(), TIMING_HINT);
  const start = seconds(m[1], m[2]!, m[3]!, m[4]);
  const end = seconds(m[5], m[6]!, m[7]!, m[8]);
  if (start === undefined || end === undefined) throw invalid(file, lineNo, line.trim(), 'minutes and seconds must be below 60');
  if (end < start) throw invalid(file, lineNo, line.trim(), 'the cue ends before it starts');
  return [start, end];
}

/**
 * Parses SubRip subtitles. Tolerates what real files contain: a UTF-8 BOM, CRLF or CR line ends, missing index lines,
 * several blank lines between cues (or none, when the next index + timing pair follows directly), trailing blank
 * lines, `.` instead of `,` before the milliseconds, omitted hours, and styling tags (`<i>…</i>`, `{\an8}`), which are
 * removed. Text lines are trimmed and joined with `\n` (the reference joins with spaces; keeping the breaks lets
 * the display honour the author's line breaks). Overlapping cues are allowed; the result is sorted by start time.
 * A malformed timing line, or one that ends before it starts, throws E_INPUT naming the 1-based line.
 */
export function parseSrt(text: string, options: ParseOptions = {}): Cue[] {
  const file = options.file ?? 'subtitles';
  const lines = splitLines(text);
  const cues: Cue[] = [];
  let i = 0;
  const isTiming = (k: number) => k < lines.length && (lines[k] as string).includes('-->');
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line.trim() === '') {
      i++;
      continue;
    }
    let index: number;
    // At the start of a block, a bare number followed by a non-blank line is an index; the line after it is the
    // timing line even when it is malformed (so the error names that line, not the index).
    if (INDEX_LINE.test(line) && i + 1 < lines.length && (lines[i + 1] as string).trim() !== '') {
      index = Number(line.trim());
      i++;
    } else {
      index = cues.length === 0 ? 1 : (cues[cues.length - 1] as Cue).index + 1;
    }
    // Whatever stands where a timing line belongs is reported as one: the most common breakage is a mangled time.
    const [startS, endS] = timing(file, i + 1, lines[i] as string);
    i++;
    const textLines: string[] = [];
    while (i < lines.length) {
      const l = lines[i] as string;
      if (l.trim() === '') break;
      // A cue that runs straight into the next one without a blank line.
      if (isTiming(i) || (INDEX_LINE.test(l) && isTiming(i + 1))) break;
      const c = cleanLine(l);
      if (c !== '') textLines.push(c);
      i++;
    }
    cues.push({ index, startS, endS, text: textLines.join('\n') });
  }
  return sortCues(cues);
}

