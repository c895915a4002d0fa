import { GlyphreelError, isGlyphreelError } from '@glyphreel/core';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * Turns any failure into one line on stderr and an exit code: 2 for usage errors, 1 for failures, 130 when
 * cancelled. The stack is shown only with --verbose.
 */
export function reportError(e: unknown, io: Io, verbose: boolean): number {
  if (isGlyphreelError(e)) {
    io.err(`glyphreel: ${e.toLine()}`);
    if (verbose && e.stack) io.err(e.stack);
    return e.exitCode;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  io.err(`glyphreel: ${err.message.split('\n')[0]}`);
  if (verbose && err.stack) io.err(err.stack);
  else io.err('(run with --verbose for details)');
  return 1;
}

export function usageError(message: string, hint?: string): GlyphreelError {
  return new GlyphreelError('E_USAGE', message, { hint });
}

/**
 * The error to report for a command that failed around a Ctrl-C. A terminal's Ctrl-C signals the whole process group,
 * so ffmpeg often dies of it first, and its exit ("cannot decode", "not usable", "killed by SIGINT") reaches us before
 * our own SIGINT handler has run: after a short grace for that handler, an interrupted command reports the cancel
 * (exit 130), not a broken file or ffmpeg.
 */
export async function asCancelled(e: unknown, signal: AbortSignal, message = 'Render cancelled', graceMs = 150): Promise<unknown> {
  if (isGlyphreelError(e) && e.code === 'E_CANCELLED') return e;
  if (!signal.aborted) await new Promise((r) => setTimeout(r, graceMs));
  return signal.aborted ? new GlyphreelError('E_CANCELLED', message, { cause: e }) : e;
}
