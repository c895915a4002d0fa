import { cleanLine, invalid, seconds, splitLines, type Cue, type ParseOptions } from './cue.js';

export interface LrcOptions extends ParseOptions {
  /** How long the last line stays up, seconds (LRC lines have no end time). Default 5. */
  lastLineS?: number;
}

const LRC_TIME = /\[(\d+):(\d{1,2})(?:[.:](\d{1,3}))?\]/y;
const LRC_OFFSET = /^\s*\[offset:\s*([+-]?\d+)\s*\]\s*$/i;
/** Enhanced-LRC word timings `<mm:ss.xx>` inside a line. */
const LRC_WORD_TIME = /<\d+:\d{1,2}(?:[.:]\d{1,3})?>/g;

/**
 * Parses LRC lyrics (`[mm:ss.xx]text`, several stamps per line allowed; minutes may exceed 59). Each line lasts until
 * the next later stamp (an empty stamped line just ends the previous one; lines with equal stamps show together); the
 * last lasts `lastLineS`. `[offset:±ms]` is honoured (positive
 * shows lyrics earlier, as players do); other `[tag:…]` metadata lines are skipped. A line that starts like a time
 * stamp but is malformed throws E_INPUT with its line number.
 */
export function parseLrc(text: string, options: LrcOptions = {}): Cue[] {
  const file = options.file ?? 'lyrics';
  const lastLineS = options.lastLineS ?? 5;
  const lines = splitLines(text);
  let offsetS = 0;
  const stamped: { t: number; text: string; order: number }[] = [];
  lines.forEach((line, k) => {
    const off = LRC_OFFSET.exec(line);
    if (off) {
      offsetS = Number(off[1]) / 1000;
      return;
    }
    const trimmed = line.trimStart();
    if (!/^\[\d/.test(trimmed)) return; // blank, metadata ([ar:…]) or free text
    const times: number[] = [];
    // A sticky regex resets lastIndex to 0 when it fails, so the end of the stamps is tracked separately.
    let pos = 0;
    LRC_TIME.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = LRC_TIME.exec(trimmed)) !== null) {
      const t = seconds(undefined, m[1]!, m[2]!, m[3], true);
      if (t === undefined) throw invalid(file, k + 1, trimmed, 'LRC stamps look like [mm:ss.xx] with seconds below 60 (minutes may go past 59)');
      times.push(t);
      pos = LRC_TIME.lastIndex;
    }
    const rest = trimmed.slice(pos);
    if (times.length === 0 || /^\[\d/.test(rest)) {
      throw invalid(file, k + 1, trimmed, 'LRC stamps look like [mm:ss.xx]');
    }
    const body = cleanLine(rest.replace(LRC_WORD_TIME, ''));
    for (const t of times) stamped.push({ t, text: body, order: stamped.length });
  });
  stamped.sort((a, b) => a.t - b.t || a.order - b.order);
  const cues: Cue[] = [];
  // Lines sharing a stamp (an original and its translation) show together, stacked in file order: each line lasts
  // until the next *later* stamp, not the next line, which would give all but the last a zero length.
  let j = 0;
  for (let k = 0; k < stamped.length; k++) {
    const s = stamped[k]!;
    if (j <= k) j = k + 1;
    while (j < stamped.length && stamped[j]!.t <= s.t) j++;
    if (s.text === '') continue;
    const next = stamped[j];
    const startS = Math.max(0, s.t - offsetS);
    const endS = next ? Math.max(startS, next.t - offsetS) : startS + lastLineS;
    cues.push({ index: cues.length + 1, startS, endS, text: s.text });
  }
  return cues;
}
