import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

export interface ProcessResult {
  /** The exit status; null when the process was killed by a signal or never started. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Why the binary never started (ENOENT, EACCES, …). */
  spawnError?: string;
  /** Killed because `signal` aborted. */
  cancelled: boolean;
  timedOut: boolean;
  /** Collected output exceeded `maxBuffer` (the process was killed). */
  overflowed: boolean;
  stdout: Buffer;
  stderr: Buffer;
}

export interface StartOptions {
  stdin?: 'ignore' | 'pipe';
  /** `collect` keeps it for the result; `stream` leaves `child.stdout` to the caller. */
  stdout?: 'collect' | 'stream' | 'ignore';
  /** `collect` keeps it for the result; `{ file }` has the process write it straight into that file. */
  stderr?: 'collect' | { file: string };
  /** Most bytes collected per stream before the process is killed (default 64 MiB). */
  maxBuffer?: number;
  /** Abort: SIGTERM, then SIGKILL after `forceKillAfterMs` (default 3000). */
  signal?: AbortSignal;
  forceKillAfterMs?: number;
  timeoutMs?: number;
}

/**
 * Starts a process with what glyphreel needs of a process runner and nothing more: stdin ignored or piped, stdout
 * collected (bounded) or streamed, stderr collected or written by the process itself into a file (never a pipe nobody
 * reads), a cancel signal and a timeout that terminate and then kill. `done` always resolves, never rejects; the
 * caller reads the result. (execa did this before: its 151 ES modules took ≈ 80 ms to import in every thread that
 * starts ffmpeg, each encoding worker among them, before its first frame.)
 */
export function startProcess(bin: string, args: readonly string[], o: StartOptions = {}): { child: ChildProcess; done: Promise<ProcessResult> } {
  const maxBuffer = o.maxBuffer ?? 64 * 1024 * 1024;
  let errFd: number | undefined;
  if (typeof o.stderr === 'object') errFd = openSync(o.stderr.file, 'w');
  let child: ChildProcess;
  try {
    child = spawn(bin, args, { stdio: [o.stdin ?? 'ignore', o.stdout === 'ignore' ? 'ignore' : 'pipe', errFd ?? 'pipe'], windowsHide: true });
  } finally {
    // The child has its own copy of the descriptor.
    if (errFd !== undefined) closeSync(errFd);
  }
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let outBytes = 0;
  let errBytes = 0;
  let cancelled = false;
  let timedOut = false;
  let overflowed = false;
  let killTimer: NodeJS.Timeout | undefined;
  const stop = () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    killTimer ??= setTimeout(() => child.kill('SIGKILL'), o.forceKillAfterMs ?? 3000);
    killTimer.unref();
  };
  if (o.stdout === 'collect' || o.stdout === undefined) {
    child.stdout!.on('data', (b: Buffer) => {
      outBytes += b.length;
      if (outBytes > maxBuffer) {
        overflowed = true;
        stop();
      } else out.push(b);
    });
  }
  if (errFd === undefined) {
    child.stderr!.on('data', (b: Buffer) => {
      errBytes += b.length;
      if (errBytes <= maxBuffer) err.push(b);
    });
  }
  const onAbort = () => {
    cancelled = true;
    stop();
  };
  if (o.signal?.aborted) onAbort();
  else o.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = o.timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        stop();
      }, o.timeoutMs)
    : undefined;
  const done = new Promise<ProcessResult>((resolve) => {
    let spawnError: string | undefined;
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      o.signal?.removeEventListener('abort', onAbort);
      resolve({ exitCode, signal, ...(spawnError ? { spawnError } : {}), cancelled, timedOut, overflowed, stdout: Buffer.concat(out), stderr: Buffer.concat(err) });
    };
    child.once('error', (e: NodeJS.ErrnoException) => {
      // A binary that cannot start emits 'error' and no exit; a running one may emit it for a failed kill only.
      if (child.pid === undefined) {
        spawnError = e.code ?? e.message;
        finish(null, null);
      }
    });
    // 'close': the process has exited and its stdio streams are drained (all collected output is in).
    child.once('close', (code, sig) => finish(code, sig));
  });
  return { child, done };
}
