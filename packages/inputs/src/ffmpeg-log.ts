import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The last non-empty lines of an ffmpeg log on one line, with per-run pointers dropped so messages are stable. */
export function ffmpegLogTail(logFile: string, file: string, lines = 2): string {
  let text = '';
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return '';
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-lines)
    .join(' | ')
    .split(`file:${file}`)
    .join(path.basename(file))
    .split(file)
    .join(path.basename(file))
    .replace(/\[([^\]@]+?) @ 0x[0-9a-f]+\]\s*/g, '$1: ');
}
