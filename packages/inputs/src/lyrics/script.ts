/**
 * Just enough Unicode for a character grid: East-Asian width (how many cells a character takes) and a simplified
 * bidirectional reordering (where right-to-left text goes). Not a full UAX #9 / #11 implementation; the README's
 * lyrics decisions list what is left out.
 */

/** East Asian Wide (W) and Fullwidth (F) ranges, UAX #11 (Unicode 15), merged; sorted [first, last] pairs. */
const WIDE: readonly number[] = [
  0x1100, 0x115f, 0x231a, 0x231b, 0x2329, 0x232a, 0x23e9, 0x23ec, 0x23f0, 0x23f0, 0x23f3, 0x23f3, 0x25fd, 0x25fe,
  0x2614, 0x2615, 0x2648, 0x2653, 0x267f, 0x267f, 0x2693, 0x2693, 0x26a1, 0x26a1, 0x26aa, 0x26ab, 0x26bd, 0x26be,
  0x26c4, 0x26c5, 0x26ce, 0x26ce, 0x26d4, 0x26d4, 0x26ea, 0x26ea, 0x26f2, 0x26f3, 0x26f5, 0x26f5, 0x26fa, 0x26fa,
  0x26fd, 0x26fd, 0x2705, 0x2705, 0x270a, 0x270b, 0x2728, 0x2728, 0x274c, 0x274c, 0x274e, 0x274e, 0x2753, 0x2755,
  0x2757, 0x2757, 0x2795, 0x2797, 0x27b0, 0x27b0, 0x27bf, 0x27bf, 0x2b1b, 0x2b1c, 0x2b50, 0x2b50, 0x2b55, 0x2b55,
  0x2e80, 0x303e, 0x3041, 0x33ff, 0x3400, 0x4dbf, 0x4e00, 0xa4cf, 0xa960, 0xa97f, 0xac00, 0xd7a3, 0xf900, 0xfaff,
  0xfe10, 0xfe19, 0xfe30, 0xfe6f, 0xff00, 0xff60, 0xffe0, 0xffe6, 0x16fe0, 0x16fe4, 0x16ff0, 0x16ff1, 0x17000, 0x18cd5,
  0x18d00, 0x18d08, 0x1aff0, 0x1b2fb, 0x1f004, 0x1f004, 0x1f0cf, 0x1f0cf, 0x1f18e, 0x1f18e, 0x1f191, 0x1f19a,
  0x1f200, 0x1f202, 0x1f210, 0x1f23b, 0x1f240, 0x1f248, 0x1f250, 0x1f251, 0x1f260, 0x1f265, 0x1f300, 0x1f320,
  0x1f32d, 0x1f335, 0x1f337, 0x1f37c, 0x1f37e, 0x1f393, 0x1f3a0, 0x1f3ca, 0x1f3cf, 0x1f3d3, 0x1f3e0, 0x1f3f0,
  0x1f3f4, 0x1f3f4, 0x1f3f8, 0x1f43e, 0x1f440, 0x1f440, 0x1f442, 0x1f4fc, 0x1f4ff, 0x1f53d, 0x1f54b, 0x1f54e,
  0x1f550, 0x1f567, 0x1f57a, 0x1f57a, 0x1f595, 0x1f596, 0x1f5a4, 0x1f5a4, 0x1f5fb, 0x1f64f, 0x1f680, 0x1f6c5,
  0x1f6cc, 0x1f6cc, 0x1f6d0, 0x1f6d2, 0x1f6d5, 0x1f6d7, 0x1f6dc, 0x1f6df, 0x1f6eb, 0x1f6ec, 0x1f6f4, 0x1f6fc,
  0x1f7e0, 0x1f7eb, 0x1f7f0, 0x1f7f0, 0x1f90c, 0x1f93a, 0x1f93c, 0x1f945, 0x1f947, 0x1f9ff, 0x1fa70, 0x1fa7c,
  0x1fa80, 0x1fa88, 0x1fa90, 0x1fabd, 0x1fabf, 0x1fac5, 0x1face, 0x1fadb, 0x1fae0, 0x1fae8, 0x1faf0, 0x1faf8,
  0x20000, 0x2fffd, 0x30000, 0x3fffd,
];

/** Cells a code point takes on the grid: 2 for East Asian Wide and Fullwidth characters, else 1. */
export function cellWidth(cp: number): 1 | 2 {
  if (cp < 0x1100) return 1;
  let lo = 0;
  let hi = WIDE.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < (WIDE[2 * mid] as number)) hi = mid - 1;
    else if (cp > (WIDE[2 * mid + 1] as number)) lo = mid + 1;
    else return 2;
  }
  return 1;
}

/** Cells a string of code points takes. */
export function textWidth(cps: readonly string[]): number {
  let w = 0;
  for (const c of cps) w += cellWidth(c.codePointAt(0) as number);
  return w;
}

// Bidi classes, reduced: L strong left-to-right, R strong right-to-left (Hebrew, Arabic, …), EN a European digit
// (kept left-to-right inside right-to-left text), N everything else (spaces, punctuation, symbols).
const L = 0;
const R = 1;
const EN = 2;
const N = 3;

/** Strong right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan…, their presentation forms, and the
 * supplementary RTL blocks. Arabic-Indic digits (U+0660–0669, 06F0–06F9) count as R here, close enough for display. */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
const LETTER = /[\p{L}\p{Mc}]/u;
const DIGIT = /[0-9\u00b2\u00b3\u00b9\u2070-\u2079\uff10-\uff19]/u;
const MARK = /\p{Mn}|\p{Me}/u;

const MIRROR: Record<string, string> = { '(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<', '«': '»', '»': '«', '‹': '›', '›': '‹' };

/** A line laid out for display: which logical char sits at each visual position, and mirrored glyphs. */
export interface VisualLine {
  /** order[v] = logical index of the char drawn at visual position v (left to right). */
  order: Int32Array;
  /** The chars to draw, by logical index: brackets inside right-to-left text are mirrored. */
  chars: string[];
}

/**
 * Visual order of one line of text (code points in logical order), a reduced Unicode Bidirectional Algorithm: the
 * paragraph direction is that of the first strong character (P2–P3); a non-spacing mark takes its base's class (W1);
 * digits after left-to-right text become L (W7); neutrals between two characters of the same direction take it, else
 * the paragraph's (N1–N2, digits counting as R); levels as in I1–I2; then runs are reversed from the highest level
 * down (L2) and brackets at odd levels mirrored (L4). No explicit embeddings or isolates (U+202A…2069), no Arabic
 * number rules, no shaping.
 */
export function visualLine(cps: readonly string[]): VisualLine {
  const n = cps.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (!cps.some((c) => RTL.test(c))) return { order, chars: cps as string[] };
  const cls = new Uint8Array(n);
  let prev = N;
  for (let i = 0; i < n; i++) {
    const c = cps[i] as string;
    cls[i] = RTL.test(c) ? R : DIGIT.test(c) ? EN : LETTER.test(c) ? L : MARK.test(c) && i > 0 ? prev : N;
    prev = cls[i] as number;
  }
  let base = L;
  for (let i = 0; i < n; i++) {
    if (cls[i] === L || cls[i] === R) {
      base = cls[i] as number;
      break;
    }
  }
  // W7: a digit whose last strong predecessor (or the paragraph start) is L is L.
  let strong = base;
  for (let i = 0; i < n; i++) {
    if (cls[i] === L || cls[i] === R) strong = cls[i] as number;
    else if (cls[i] === EN && strong === L) cls[i] = L;
  }
  // N1–N2 on runs of neutrals, with EN as R on either side.
  const dir = (k: number) => (k < 0 || k >= n ? base : cls[k] === L ? L : R);
  for (let i = 0; i < n; ) {
    if (cls[i] !== N) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && cls[j] === N) j++;
    const before = dir(i - 1);
    const resolved = before === dir(j) ? before : base;
    for (let k = i; k < j; k++) cls[k] = resolved;
    i = j;
  }
  const level = new Uint8Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) {
    const t = cls[i];
    const lv = base === L ? (t === L ? 0 : t === R ? 1 : 2) : t === R ? 1 : 2;
    level[i] = lv;
    if (lv > max) max = lv;
  }
  // L2: from the highest level down to the lowest odd one, reverse every run at that level or above.
  for (let lv = max; lv >= 1; lv--) {
    for (let v = 0; v < n; ) {
      if ((level[order[v] as number] as number) < lv) {
        v++;
        continue;
      }
      let w = v;
      while (w < n && (level[order[w] as number] as number) >= lv) w++;
      order.subarray(v, w).reverse();
      v = w;
    }
  }
  const chars = cps.map((c, i) => ((level[i] as number) & 1 ? (MIRROR[c] ?? c) : c));
  return { order, chars };
}
