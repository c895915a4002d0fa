import { GlyphreelError } from '@glyphreel/core';
import { escapeControls } from './text.js';

/** One timed piece of text: shown while startS ≤ t < endS (song time, seconds). */
export interface Cue {
  /** The SRT index (or, where the file left it out, the previous index + 1; LRC: 1-based order). */
  index: number;
  startS: number;
  endS: number;
  /** Text lines joined with `\n`, styling tags removed, each line trimmed. */
  text: string;
}

export interface ParseOptions {
  /** Named in error messages (`file:line: …`); default `subtitles`. */
  file?: string;
}

/** HTML-like styling (<i>, </b>, <font color="…">) and ASS override blocks ({\an8}, {\i1}). */
export const TAGS = /<\/?[a-zA-Z][^>]*>|\{\\[^}]*\}/g;

/**
 * Seconds of a parsed stamp, or undefined when a field is out of range. `minutesUnbounded`: LRC has no hours field, so
 * a song past the hour is stamped [61:00.00]; SRT has hours, so its minutes stay below 60.
 */
export function seconds(h: string | undefined, m: string, s: string, frac: string | undefined, minutesUnbounded = false): number | undefined {
  const mm = Number(m);
  const ss = Number(s);
  if ((mm >= 60 && !minutesUnbounded) || ss >= 60) return undefined;
  // The digits after the separator are a decimal fraction: ",5" is half a second, as players read it.
  const f = frac === undefined ? 0 : Number(frac) / 10 ** frac.length;
  return Number(h ?? 0) * 3600 + mm * 60 + ss + f;
}

export function invalid(file: string, line: number, text: string, hint: string): GlyphreelError {
  // A binary file's "line" would otherwise put raw control bytes on the terminal.
  const cps = Array.from(escapeControls(text));
  const shown = cps.length > 80 ? `${cps.slice(0, 77).join('')}...` : cps.join('');
  return new GlyphreelError('E_INPUT', `${file}:${line}: invalid timestamp "${shown}"`, { hint });
}

/**
 * Removes styling and trims. NFC because macOS writes decomposed accents (e + U+0301) and the grid draws one glyph
 * per code point: composed, "é" is one cell instead of an "e" and a lone accent.
 */
export function cleanLine(line: string): string {
  return line.replace(TAGS, '').trim().normalize('NFC');
}

/** Splits into lines after removing a UTF-8 BOM and normalizing CRLF / CR line ends. */
export function splitLines(text: string): string[] {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\r|\n/);
}

/** Sorts by start then end; Array.prototype.sort is stable, so equal cues keep file order. */
export function sortCues(cues: Cue[]): Cue[] {
  return cues.sort((a, b) => a.startS - b.startS || a.endS - b.endS);
}

