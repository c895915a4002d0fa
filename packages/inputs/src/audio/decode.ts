import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, rmSync, statSync } from 'node:fs';
import { endianness, tmpdir } from 'node:os';
import path from 'node:path';
import { GlyphreelError } from '@glyphreel/core';
import { trackTemp, untrackTemp } from '@glyphreel/encode';
import { ffmpegLogTail } from '../ffmpeg-log.js';
import { DEFAULT_SAMPLE_RATE } from './analyze.js';

export interface DecodeAudioOptions {
  /** The ffmpeg binary (the CLI passes the one @glyphreel/encode discovers). */
  ffmpegPath: string;
  /** Output rate in Hz (default 22050, catalog 5.1). */
  sampleRate?: number;
  /** Stops ffmpeg and rejects with E_CANCELLED. */
  signal?: AbortSignal;
}

function inputError(file: string, problem: string, hint: string): GlyphreelError {
  return new GlyphreelError('E_INPUT', `Cannot read audio from "${file}": ${problem}`, { hint });
}

/**
 * Decodes any file ffmpeg reads (audio, or the first audio stream of a video) to mono f32 samples in [−1, 1] at
 * `sampleRate`. ffmpeg downmixes and resamples to signed 16-bit PCM (as the reference's WAV extract does) and streams
 * it over stdout, so no temporary WAV is written; samples are s16 / 32768. ffmpeg's stderr goes to a log file in the
 * OS temp dir (removed afterwards) whose last lines name the problem when decoding fails.
 */
export async function decodeAudio(file: string, options: DecodeAudioOptions): Promise<Float32Array> {
  const sampleRate = options.sampleRate ?? DEFAULT_SAMPLE_RATE;
  if (!(Number.isInteger(sampleRate) && sampleRate >= 1000 && sampleRate <= 384000)) {
    throw new GlyphreelError('E_PARAM', `decodeAudio: sample rate must be a whole number of Hz in [1000, 384000], got ${sampleRate}`);
  }
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    throw inputError(file, 'no such file', 'check the path');
  }
  if (!isFile) throw inputError(file, 'not a regular file', 'pass an audio or video file');

  // random suffix: worker threads share the pid, so a counter would collide across threads
  const logFile = path.join(tmpdir(), `glyphreel-decode-${process.pid}-${randomBytes(6).toString('hex')}.log`);
  // Removed by the exit hook too: `glyphreel frame` ends a Ctrl-C with process.exit, which skips the finally below.
  trackTemp(logFile);
  const logFd = openSync(logFile, 'w');
  const args = [
    '-nostdin', '-hide_banner', '-loglevel', 'error',
    '-i', file,
    '-map', '0:a:0', '-vn', '-sn', '-dn',
    '-ac', '1', '-ar', String(sampleRate), '-f', 's16le', '-acodec', 'pcm_s16le',
    'pipe:1',
  ];
  const chunks: Buffer[] = [];
  let bytes = 0;
  let code: number | null = null;
  let tail = '';
  try {
    code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(options.ffmpegPath, args, {
        stdio: ['ignore', 'pipe', logFd],
        ...(options.signal ? { signal: options.signal } : {}),
      });
      child.once('error', reject);
      child.once('close', (c) => resolve(c));
      // stdio[1] is 'pipe', so stdout exists; the guard only satisfies the spawn overload chosen with `signal`
      child.stdout?.on('data', (c: Buffer) => {
        chunks.push(c);
        bytes += c.length;
      });
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.name === 'AbortError') throw new GlyphreelError('E_CANCELLED', `Decoding "${file}" was cancelled`, { cause: err });
    if (e.code === 'ENOENT' || e.code === 'EACCES') {
      throw new GlyphreelError('E_FFMPEG', `ffmpeg could not be started at "${options.ffmpegPath}" (${e.code})`, {
        hint: 'install ffmpeg, or pass --ffmpeg PATH / set GLYPHREEL_FFMPEG',
        cause: err,
      });
    }
    throw new GlyphreelError('E_FFMPEG', `ffmpeg failed to run: ${e.message}`, { cause: err });
  } finally {
    closeSync(logFd);
    if (code !== 0) tail = ffmpegLogTail(logFile, file);
    rmSync(logFile, { force: true });
    untrackTemp(logFile);
  }

  // Ctrl-C reaches ffmpeg too (the terminal signals the whole group): it exits 255 or dies of the signal, which is
  // the user's cancel, not a broken file.
  if (code !== 0 && options.signal?.aborted) throw new GlyphreelError('E_CANCELLED', `Decoding "${file}" was cancelled`);
  if (code !== 0) {
    if (/matches no streams|does not contain any stream/i.test(tail)) {
      throw inputError(file, 'it has no audio stream', 'pass a file with an audio track');
    }
    const problem = tail || (code === null ? 'ffmpeg was stopped by a signal' : `ffmpeg exited with code ${code}`);
    throw inputError(file, `ffmpeg cannot decode it (${problem})`, 'check that the file is a complete audio or video file (try: ffmpeg -i FILE)');
  }
  const count = bytes >> 1;
  if (count === 0) throw inputError(file, 'it contains no audio samples', 'pass a file with a non-empty audio track');

  const pcm = new Int16Array(count);
  const raw = new Uint8Array(pcm.buffer);
  let at = 0;
  for (const c of chunks) {
    const take = Math.min(c.length, raw.length - at);
    raw.set(take === c.length ? c : c.subarray(0, take), at);
    at += take;
  }
  if (endianness() === 'BE') {
    const view = new DataView(pcm.buffer);
    for (let i = 0; i < count; i++) pcm[i] = view.getInt16(2 * i, true);
  }
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = (pcm[i] as number) / 32768;
  return out;
}
