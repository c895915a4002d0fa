import { randomBytes } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GlyphreelError, type RgbFrame } from '@glyphreel/core';
import { atomicOutput, outputBytes, type AtomicOutput } from './atomic.js';
import { audioOutputArgs } from './audio-args.js';
import { ffmpegPathOf, type FfmpegLike } from './discover.js';
import { ffmpegFailure, readLogTail } from './errors.js';
import { exitOf } from './run.js';
import { startProcess } from './spawn.js';
import {
  checkCrf,
  checkDimensions,
  checkFps,
  defaultCrf,
  formatFromPath,
  presetForQuality,
  vp9Speed,
  X264_PRESETS,
  type OutputFormat,
  type QualityName,
  type X264Preset,
} from './settings.js';

export interface GifOptions {
  /** GIF frame rate (default: the video fps). GIF delays are in 1/100 s, so 24 fps plays at ~23.9. */
  fps?: number;
  /** Output size (default: the frame size), scaled with lanczos before the palette pass. */
  width?: number;
  height?: number;
}

export interface EncodeProgress {
  /** Frames handed to ffmpeg's stdin. */
  framesWritten: number;
  /** Frames ffmpeg reports as encoded (from `-progress`; lags, and stays 0 for GIF until the palette pass ends). */
  framesEncoded: number;
  /** `expectedFrames` when given. */
  framesTotal: number | undefined;
}

export interface EncoderOptions {
  ffmpeg: FfmpegLike;
  width: number;
  height: number;
  fps: number;
  /** A file (mp4, webm, gif) or a directory (png sequence: `<dir>/%06d.png`). */
  output: string;
  /** Default: from the output's extension; no known extension means a png sequence directory. */
  format?: OutputFormat;
  /** Default 20 for mp4, 30 for webm (ignored by gif and png). */
  crf?: number;
  /** Wins over `quality`. */
  preset?: X264Preset;
  /** Picks the preset (see PRESET_BY_QUALITY); default 'production'. */
  quality?: QualityName;
  /** Encoder threads (see x264Threads); default: let the codec decide. */
  threads?: number;
  /** ffmpeg's stderr goes here. Default: a file in os.tmpdir(), deleted after success, kept (and named) on failure. */
  logPath?: string;
  /** An audio file to mux in (mp4: AAC 192k, webm: Opus), cut or padded to exactly the video length. */
  audio?: string;
  /**
   * The number of frames that will be written. Required with `audio` (the audio is cut to frames / fps); when
   * given, close() fails if a different number arrived.
   */
  expectedFrames?: number;
  /** Write to a hidden temp beside the output and rename on success (default true). */
  atomic?: boolean;
  /** mp4 only: move the index to the front for streaming (default true; segments that get concatenated skip it). */
  faststart?: boolean;
  gif?: GifOptions;
  /** png sequences: the number of the first file (default 0, so file N holds frame N). */
  startNumber?: number;
  /** Reusable frame buffers between the caller and ffmpeg's stdin (default 2; see README, "Backpressure"). */
  queueFrames?: number;
  /** Aborting it aborts the encode (kills ffmpeg, removes the temp output). */
  signal?: AbortSignal;
  onProgress?: (p: EncodeProgress) => void;
  /** Extra global ffmpeg options, placed before the inputs (e.g. `-benchmark`, `-loglevel debug`). */
  globalArgs?: readonly string[];
}

export interface EncodeResult {
  output: string;
  format: OutputFormat;
  frames: number;
  durationS: number;
  bytes: number;
  logPath: string | undefined;
  elapsedMs: number;
  args: readonly string[];
}

export interface Encoder {
  /**
   * Queues one rgb24 frame (width·height·3 bytes). The bytes are copied, so the caller may reuse its buffer as soon
   * as the promise resolves. Resolves when a queue slot is free (backpressure); rejects with E_FFMPEG if ffmpeg died
   * (quoting its log) or E_CANCELLED after abort().
   */
  write(frame: RgbFrame | Uint8Array): Promise<void>;
  /** Ends stdin, waits for ffmpeg, renames the temp output over the target. */
  close(): Promise<EncodeResult>;
  /** Kills ffmpeg and removes the temp output; the target is untouched. Idempotent. */
  abort(): Promise<void>;
  readonly framesWritten: number;
  readonly args: readonly string[];
  /** The ffmpeg process id (undefined if it could not be started). */
  readonly pid: number | undefined;
}

interface Plan {
  format: OutputFormat;
  outputArgs: string[];
  inputs: string[];
}

/** The ffmpeg arguments for an encode into `outPath` (exported for `--verbose` printing and tests). */
export function encoderArgs(o: EncoderOptions, outPath: string): string[] {
  const p = planEncode(o);
  return [...commonHead(), ...(o.globalArgs ?? []), ...p.inputs, ...p.outputArgs, outPath];
}

function commonHead(): string[] {
  // -nostats keeps the log small; -progress on stdout gives machine-readable frame counts that we read continuously.
  return ['-hide_banner', '-nostdin', '-nostats', '-progress', 'pipe:1', '-y'];
}

function planEncode(o: EncoderOptions): Plan {
  const format = o.format ?? formatFromPath(o.output);
  checkDimensions(o.width, o.height, format);
  checkFps(o.fps);
  const crf = o.crf ?? defaultCrf(format);
  if (format === 'mp4' || format === 'webm') checkCrf(crf, format);
  const preset = o.preset ?? presetForQuality(o.quality ?? 'production');
  if (!X264_PRESETS.includes(preset)) {
    throw new GlyphreelError('E_USAGE', `unknown preset "${String(preset)}"`, { hint: `use one of ${X264_PRESETS.join(', ')}` });
  }
  if (o.audio !== undefined && (format === 'gif' || format === 'png')) {
    throw new GlyphreelError('E_USAGE', `${format} output cannot carry audio`, { hint: 'use --format mp4 or webm, or drop the audio' });
  }
  if (o.audio !== undefined && !(o.expectedFrames !== undefined && o.expectedFrames > 0)) {
    throw new GlyphreelError('E_USAGE', 'encoding with audio needs expectedFrames (the audio is cut to frames / fps)');
  }
  const inputs = ['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${o.width}x${o.height}`, '-r', String(o.fps), '-i', 'pipe:0'];
  if (o.audio !== undefined) inputs.push('-i', o.audio);
  const threads = o.threads !== undefined ? ['-threads', String(Math.max(1, Math.floor(o.threads)))] : [];
  const out: string[] = [];
  switch (format) {
    case 'mp4':
      out.push('-map', '0:v:0', '-c:v', 'libx264', '-preset', preset, '-crf', String(crf), '-pix_fmt', 'yuv420p', ...threads);
      break;
    case 'webm':
      out.push('-map', '0:v:0', '-c:v', 'libvpx-vp9', '-crf', String(crf), '-b:v', '0', '-pix_fmt', 'yuv420p', ...vp9Speed(preset), '-row-mt', '1', ...threads);
      break;
    case 'gif': {
      const g = o.gif ?? {};
      const gw = g.width ?? o.width;
      const gh = g.height ?? o.height;
      checkDimensions(gw, gh, 'gif');
      const gfps = g.fps ?? o.fps;
      checkFps(gfps);
      // One pass over the stream: palettegen buffers it and emits the palette at the end, paletteuse then maps.
      out.push(
        '-filter_complex',
        `[0:v]fps=${gfps},scale=${gw}:${gh}:flags=lanczos,split[a][b];[a]palettegen[p];[b][p]paletteuse`,
        '-loop', '0',
      );
      break;
    }
    case 'png':
      out.push('-map', '0:v:0', '-c:v', 'png', '-pix_fmt', 'rgb24', '-start_number', String(o.startNumber ?? 0));
      break;
  }
  if (o.audio !== undefined) out.push(...audioOutputArgs(1, (o.expectedFrames as number) / o.fps, format));
  if (format === 'mp4' && o.faststart !== false) out.push('-movflags', '+faststart');
  out.push('-f', format === 'png' ? 'image2' : format);
  return { format, outputArgs: out, inputs };
}

interface Slot {
  buf: Uint8Array;
  pending: Promise<void> | null;
}

/**
 * Starts ffmpeg reading raw rgb24 frames on stdin. stdout carries `-progress` (read continuously), stderr goes to a
 * log file, never to a pipe nobody reads (seed, "ffmpeg Pipe Safety").
 */
export async function openEncoder(options: EncoderOptions): Promise<Encoder> {
  const plan = planEncode(options);
  if (options.signal?.aborted) throw new GlyphreelError('E_CANCELLED', `encoding ${options.output} was cancelled`);
  const { format } = plan;
  const bin = ffmpegPathOf(options.ffmpeg);
  const started = Date.now();
  const atomic: AtomicOutput | undefined =
    options.atomic === false ? undefined : await atomicOutput(options.output, { directory: format === 'png' });
  const outDir = atomic ? atomic.tempPath : path.resolve(options.output);
  const outPath = format === 'png' ? path.join(outDir, '%06d.png') : outDir;
  const ownLog = options.logPath === undefined;
  const logPath = options.logPath ?? path.join(os.tmpdir(), `glyphreel-ffmpeg-${process.pid}-${randomBytes(4).toString('hex')}.log`);
  const args = [...commonHead(), ...(options.globalArgs ?? []), ...plan.inputs, ...plan.outputArgs, outPath];

  try {
    // Created up front so an unwritable log location is a clear usage error, not an obscure spawn failure.
    closeSync(openSync(logPath, 'w'));
  } catch (e) {
    await atomic?.discard();
    throw new GlyphreelError('E_USAGE', `cannot create the ffmpeg log ${logPath}: ${(e as Error).message}`, { cause: e });
  }

  const frameBytes = options.width * options.height * 3;
  const depth = Math.max(1, Math.floor(options.queueFrames ?? 2));
  const slots: Slot[] = Array.from({ length: depth }, () => ({ buf: new Uint8Array(frameBytes), pending: null }));
  let next = 0;
  let written = 0;
  let encoded = 0;
  let state: 'open' | 'closing' | 'closed' | 'aborted' | 'failed' = 'open';
  let failure: GlyphreelError | undefined;
  let result: EncodeResult | undefined;
  const cancel = new AbortController();

  // ffmpeg writes its stderr straight into the log file: it can never block on a full stderr pipe.
  const { child: proc, done } = startProcess(bin, args, { stdin: 'pipe', stdout: 'stream', stderr: { file: logPath }, signal: cancel.signal, forceKillAfterMs: 3000 });
  const stdin = proc.stdin!;
  // EPIPE when ffmpeg exits early surfaces as the exit status below; an unhandled 'error' would crash the process.
  stdin.on('error', () => {});

  let progressTail = '';
  proc.stdout!.setEncoding('utf8');
  proc.stdout!.on('data', (chunk: string) => {
    const text = progressTail + chunk;
    const lines = text.split('\n');
    progressTail = lines.pop() ?? '';
    let changed = false;
    for (const l of lines) {
      if (l.startsWith('frame=')) {
        const n = Number(l.slice(6));
        if (Number.isFinite(n) && n !== encoded) {
          encoded = n;
          changed = true;
        }
      }
    }
    if (changed) emit();
  });

  let lastEmitted = '';
  function emit(): void {
    if (!options.onProgress) return;
    const key = `${written}/${encoded}`;
    if (key === lastEmitted) return;
    lastEmitted = key;
    options.onProgress({ framesWritten: written, framesEncoded: encoded, framesTotal: options.expectedFrames });
  }

  const what = `encoding ${path.resolve(options.output)}`;
  const exited = done.then(async (r) => {
    if (state === 'aborted') return r;
    const ok = r.exitCode === 0;
    if (!ok && (state === 'open' || state === 'closing')) {
      const code = r.spawnError;
      const notStarted = code !== undefined;
      const tail = notStarted ? [] : await readLogTail(logPath);
      // Ctrl-C in a terminal signals the whole process group, so ffmpeg may stop before the CLI calls abort():
      // that is a cancellation, not an ffmpeg failure.
      const interrupted = r.signal === 'SIGINT' || r.signal === 'SIGTERM' || tail.some((l) => /received signal (2|15)\b/.test(l));
      failure = notStarted
        ? new GlyphreelError('E_FFMPEG', `cannot run ffmpeg at ${bin}: ${code}`, { hint: 'pass --ffmpeg PATH or set GLYPHREEL_FFMPEG' })
        : interrupted
          ? new GlyphreelError('E_CANCELLED', `${what} was interrupted (ffmpeg received ${r.signal ?? 'a stop signal'})`)
          : ffmpegFailure(what, exitOf(r), tail, logPath);
      // A binary that never started, or a cancelled encode, leaves no log worth keeping.
      if ((notStarted || interrupted) && ownLog) await rm(logPath, { force: true });
      state = 'failed';
      await atomic?.discard();
    }
    return r;
  });

  const onExternalAbort = () => void abort();
  options.signal?.addEventListener('abort', onExternalAbort, { once: true });

  function stateError(): GlyphreelError {
    if (failure) return failure;
    if (state === 'aborted') return new GlyphreelError('E_CANCELLED', `encoding ${options.output} was cancelled`);
    return new GlyphreelError('E_RENDER', `encoder for ${options.output} is already ${state}`);
  }

  let writing = false;
  async function write(frame: RgbFrame | Uint8Array): Promise<void> {
    if (state !== 'open') throw stateError();
    // Overlapping writes could reach stdin out of order once one of them waits for a slot: frames must be awaited.
    if (writing) throw new GlyphreelError('E_RENDER', `write() to ${options.output} called before the previous write resolved`);
    writing = true;
    try {
      await writeFrame(frame);
    } finally {
      writing = false;
    }
  }

  async function writeFrame(frame: RgbFrame | Uint8Array): Promise<void> {
    let data: Uint8Array;
    if (frame instanceof Uint8Array) data = frame;
    else {
      if (frame.width !== options.width || frame.height !== options.height) {
        throw new GlyphreelError('E_RENDER', `frame is ${frame.width}x${frame.height}, encoder expects ${options.width}x${options.height}`);
      }
      data = frame.data;
    }
    if (data.length !== frameBytes) {
      throw new GlyphreelError('E_RENDER', `frame has ${data.length} bytes, expected ${frameBytes} (${options.width}x${options.height} rgb24)`);
    }
    const slot = slots[next] as Slot;
    next = (next + 1) % depth;
    // The slot is free once its previous frame has been handed to the OS pipe (the write callback); waiting for that
    // is the backpressure: at most `depth` frames are ever queued in memory, and a stalled ffmpeg stalls the caller.
    if (slot.pending) await Promise.race([slot.pending, exited]);
    if (state !== 'open') {
      await settleIfExiting();
      throw stateError();
    }
    slot.buf.set(data);
    slot.pending = new Promise<void>((resolve) => {
      stdin.write(slot.buf, () => {
        slot.pending = null;
        resolve();
      });
    });
    written++;
    emit();
  }

  /** A write can observe a closed pipe slightly before the exit status; wait briefly so the error quotes the log. */
  async function settleIfExiting(): Promise<void> {
    if (state === 'failed' || state === 'aborted') return;
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000).unref())]);
  }

  async function close(): Promise<EncodeResult> {
    if (result) return result;
    if (state !== 'open') throw stateError();
    if (written === 0) {
      await abort();
      throw new GlyphreelError('E_RENDER', `no frames were written to ${options.output}`);
    }
    state = 'closing';
    await Promise.race([Promise.all(slots.map((s) => s.pending)), exited]);
    stdin.end();
    const r = await exited;
    options.signal?.removeEventListener('abort', onExternalAbort);
    if (state !== 'closing') throw stateError();
    if (r.exitCode !== 0) {
      state = 'failed';
      failure = ffmpegFailure(what, exitOf(r), await readLogTail(logPath), logPath);
      await atomic?.discard();
      throw failure;
    }
    if (options.expectedFrames !== undefined && options.expectedFrames !== written) {
      state = 'failed';
      failure = new GlyphreelError('E_RENDER', `${written} frames were written to ${options.output}, expected ${options.expectedFrames}`);
      await atomic?.discard();
      // ffmpeg did its job; its log says nothing about the caller's miscount.
      if (ownLog) await rm(logPath, { force: true });
      throw failure;
    }
    await atomic?.commit();
    state = 'closed';
    if (ownLog) await rm(logPath, { force: true });
    const output = path.resolve(options.output);
    emit();
    result = {
      output,
      format,
      frames: written,
      durationS: written / options.fps,
      bytes: outputBytes(output),
      logPath: ownLog ? undefined : logPath,
      elapsedMs: Date.now() - started,
      args,
    };
    return result;
  }

  // One abort at a time: a second caller (the signal's listener and an explicit abort(), say) waits for the first to
  // finish, so "abort() resolved" always means ffmpeg has exited and the temp output is gone.
  let aborting: Promise<void> | undefined;
  function abort(): Promise<void> {
    if (aborting) return aborting;
    if (state === 'closed') return Promise.resolve();
    aborting = (async () => {
      const wasFailed = state === 'failed';
      state = 'aborted';
      options.signal?.removeEventListener('abort', onExternalAbort);
      cancel.abort();
      stdin.destroy();
      await exited;
      await atomic?.discard();
      if (ownLog && !wasFailed) await rm(logPath, { force: true });
    })();
    return aborting;
  }

  return {
    write,
    close,
    abort,
    get framesWritten() {
      return written;
    },
    args,
    pid: proc.pid,
  };
}
