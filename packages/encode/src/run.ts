import { loadExeca } from './lazy-execa.js';
import { GlyphreelError } from '@glyphreel/core';
import { ffmpegFailure, readLogTail, tailLines } from './errors.js';

export interface RunOptions {
  /** What the run does, for the error message ("probing clip.mp4"). */
  what: string;
  /** Write stderr to this file instead of capturing it (long runs). */
  logPath?: string;
  signal?: AbortSignal;
}

/**
 * Runs a short ffmpeg command to completion. stderr is either captured in full by execa (read as it arrives, so it
 * never fills an unread pipe) or sent to `logPath`; stdout is captured as text. Throws E_FFMPEG quoting the last
 * stderr lines on a non-zero exit, E_CANCELLED when `signal` aborted it.
 */
export async function runFfmpeg(bin: string, args: readonly string[], o: RunOptions): Promise<{ stdout: string; stderr: string }> {
  const execa = await loadExeca();
  const r = await execa(bin, ['-hide_banner', '-nostdin', ...args], {
    reject: false,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: o.logPath ? { file: o.logPath } : 'pipe',
    maxBuffer: 64 * 1024 * 1024,
    ...(o.signal ? { cancelSignal: o.signal, forceKillAfterDelay: 3000 } : {}),
  });
  if (r.isCanceled) throw new GlyphreelError('E_CANCELLED', `${o.what} was cancelled`);
  const stderr = typeof r.stderr === 'string' ? r.stderr : '';
  if (r.failed) {
    const code = (r as { code?: string }).code;
    if (code === 'ENOENT' || code === 'EACCES') {
      throw new GlyphreelError('E_FFMPEG', `cannot run ffmpeg at ${bin}: ${code}`, { hint: 'pass --ffmpeg PATH or set GLYPHREEL_FFMPEG' });
    }
    let lines = tailLines(stderr);
    if (o.logPath) {
      lines = await readLogTail(o.logPath);
    }
    throw ffmpegFailure(o.what, { exitCode: r.exitCode, signal: r.signal }, lines, o.logPath);
  }
  return { stdout: String(r.stdout ?? ''), stderr };
}

/** Like runFfmpeg but returns stdout as bytes (raw frames). stderr is captured at `-loglevel error`. */
export async function runFfmpegBytes(bin: string, args: readonly string[], o: RunOptions): Promise<Uint8Array> {
  const execa = await loadExeca();
  const r = await execa(bin, ['-hide_banner', '-nostdin', '-loglevel', 'error', ...args], {
    reject: false,
    stdin: 'ignore',
    encoding: 'buffer',
    maxBuffer: 1024 * 1024 * 1024,
    ...(o.signal ? { cancelSignal: o.signal, forceKillAfterDelay: 3000 } : {}),
  });
  if (r.isCanceled) throw new GlyphreelError('E_CANCELLED', `${o.what} was cancelled`);
  if (r.failed) {
    const err = r.stderr instanceof Uint8Array ? Buffer.from(r.stderr).toString('utf8') : '';
    throw ffmpegFailure(o.what, { exitCode: r.exitCode, signal: r.signal }, tailLines(err));
  }
  return r.stdout instanceof Uint8Array ? r.stdout : new Uint8Array(0);
}
