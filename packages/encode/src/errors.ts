import { readFile } from 'node:fs/promises';
import { GlyphreelError } from '@glyphreel/core';

/** How many trailing log lines an E_FFMPEG message quotes. Enough to include ffmpeg's own error line. */
const TAIL_LINES = 6;
const MAX_LINE = 200;

/**
 * The meaningful last lines of an ffmpeg log: blank lines and progress noise dropped, each line clipped so that the
 * one-line error stays readable.
 */
export function tailLines(text: string, count = TAIL_LINES): string[] {
  const lines = text
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !/^(frame|size|out_time\w*|progress|fps|bitrate|total_size|speed|dup_frames|drop_frames|stream_\d+_\d+_q)=/.test(l));
  return lines.slice(-count).map((l) => (l.length > MAX_LINE ? `${l.slice(0, MAX_LINE - 1)}…` : l));
}

const NO_SPACE = /No space left on device/i;

export async function readLogTail(logPath: string, count = TAIL_LINES): Promise<string[]> {
  try {
    const text = await readFile(logPath, 'utf8');
    const tail = tailLines(text, count);
    // A full disk is said once, early in a long log, and then buried under ffmpeg's summary lines.
    const full = NO_SPACE.test(text) && !tail.some((l) => NO_SPACE.test(l)) ? tailLines(text.split(/\r?\n/).filter((l) => NO_SPACE.test(l)).join('\n'), 1) : [];
    return [...full, ...tail];
  } catch {
    return [];
  }
}

/** The E_FFMPEG error of a failed ffmpeg run: what it was doing, the exit status, and the log's last lines. */
export function ffmpegFailure(
  what: string,
  status: { exitCode?: number | undefined; signal?: string | undefined },
  lines: readonly string[],
  logPath?: string,
): GlyphreelError {
  if (lines.some((l) => NO_SPACE.test(l))) {
    return new GlyphreelError('E_FFMPEG', `No space left on device: ffmpeg stopped ${what}`, {
      hint: 'free some space on that disk, or write elsewhere (-o for the output, TMPDIR for the work files)',
    });
  }
  const how = status.signal ? `killed by ${status.signal}` : `exit ${status.exitCode ?? '?'}`;
  const quoted = lines.length > 0 ? `: ${lines.join(' | ')}` : '';
  return new GlyphreelError('E_FFMPEG', `ffmpeg failed ${what} (${how})${quoted}`, {
    hint: logPath ? `full ffmpeg log: ${logPath}` : 'run the same command with --verbose to see the whole ffmpeg output',
  });
}
