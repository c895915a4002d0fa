import { GlyphreelError } from '@glyphreel/core';
import { ffmpegFailure, readLogTail, tailLines } from './errors.js';
import { startProcess, type ProcessResult } from './spawn.js';

export interface RunOptions {
  /** What the run does, for the error message ("probing clip.mp4"). */
  what: string;
  /** Write stderr to this file instead of capturing it (long runs). */
  logPath?: string;
  signal?: AbortSignal;
}

/**
 * Runs a short ffmpeg command to completion. stderr is either captured in full (read as it arrives, so it never fills
 * an unread pipe) or sent to `logPath`; stdout is captured as text. Throws E_FFMPEG quoting the last
 * stderr lines on a non-zero exit, E_CANCELLED when `signal` aborted it.
 */
export async function runFfmpeg(bin: string, args: readonly string[], o: RunOptions): Promise<{ stdout: string; stderr: string }> {
  const r = await startProcess(bin, ['-hide_banner', '-nostdin', ...args], {
    stdout: 'collect',
    stderr: o.logPath ? { file: o.logPath } : 'collect',
    maxBuffer: 64 * 1024 * 1024,
    ...(o.signal ? { signal: o.signal } : {}),
  }).done;
  const stderr = r.stderr.toString('utf8');
  if (r.cancelled) throw new GlyphreelError('E_CANCELLED', `${o.what} was cancelled`);
  notStarted(bin, r);
  if (r.exitCode !== 0) {
    const lines = o.logPath ? await readLogTail(o.logPath) : tailLines(stderr);
    throw ffmpegFailure(o.what, exitOf(r), lines, o.logPath);
  }
  return { stdout: r.stdout.toString('utf8'), stderr };
}

/** Like runFfmpeg but returns stdout as bytes (raw frames). stderr is captured at `-loglevel error`. */
export async function runFfmpegBytes(bin: string, args: readonly string[], o: RunOptions): Promise<Uint8Array> {
  const r = await startProcess(bin, ['-hide_banner', '-nostdin', '-loglevel', 'error', ...args], {
    stdout: 'collect',
    stderr: 'collect',
    maxBuffer: 1024 * 1024 * 1024,
    ...(o.signal ? { signal: o.signal } : {}),
  }).done;
  if (r.cancelled) throw new GlyphreelError('E_CANCELLED', `${o.what} was cancelled`);
  notStarted(bin, r);
  if (r.exitCode !== 0) throw ffmpegFailure(o.what, exitOf(r), tailLines(r.stderr.toString('utf8')));
  const out = r.stdout;
  // A small Buffer may be a slice of Node's shared pool: the caller gets bytes that own their ArrayBuffer.
  return out.byteOffset === 0 && out.buffer.byteLength === out.length ? new Uint8Array(out.buffer, 0, out.length) : new Uint8Array(out);
}

function notStarted(bin: string, r: ProcessResult): void {
  if (r.spawnError) throw new GlyphreelError('E_FFMPEG', `cannot run ffmpeg at ${bin}: ${r.spawnError}`, { hint: 'pass --ffmpeg PATH or set GLYPHREEL_FFMPEG' });
  if (r.overflowed) throw new GlyphreelError('E_FFMPEG', `ffmpeg at ${bin} wrote more output than expected and was stopped`);
}

/** The exit status in the shape ffmpegFailure words it. */
export function exitOf(r: ProcessResult): { exitCode?: number; signal?: string } {
  return { ...(r.exitCode !== null ? { exitCode: r.exitCode } : {}), ...(r.signal !== null ? { signal: r.signal } : {}) };
}
