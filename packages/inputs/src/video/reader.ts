import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { GlyphreelError, isGlyphreelError } from '@glyphreel/core';
import { ffmpegLogTail } from '../ffmpeg-log.js';
import { probe } from '@glyphreel/encode';
import { mediaFfmpegPath } from './ffmpeg-path.js';

/** How a source of another aspect ratio fills the target: crop the overflow, or letterbox with black. */
export type VideoFit = 'cover' | 'contain';

export interface VideoReaderOptions {
  /** The ffmpeg binary (the CLI passes the one @glyphreel/encode discovers). */
  ffmpegPath: string;
  file: string;
  /** Output frame size in pixels; for a glyph grid, cols × rows (one pixel per cell). */
  width: number;
  height: number;
  /** Output frame rate; ffmpeg's `fps` filter duplicates or drops source frames to hit it. */
  fps: number;
  /** Seconds into the file of the first frame (input seeking, exact because the stream is decoded). Default 0. */
  startS?: number;
  /** Default 'cover'. */
  fit?: VideoFit;
  /**
   * Width / height of one output pixel on screen (default 1). A glyph grid passes its cell aspect cw/ch, so the
   * picture keeps its proportions although every cell is twice as tall as it is wide.
   */
  pixelAspect?: number;
  /**
   * Skip the decoder's in-loop deblocking filter (H.264/HEVC: about 20% less decode CPU at 1080p). Its effect is a
   * fraction of a source pixel, invisible once a cell averages 10×19 pixels, so it defaults to on for outputs up to
   * 640 px wide (grid resolution) and off for larger ones.
   */
  fastDecode?: boolean;
}

export interface VideoReader {
  /** Bytes of one frame: width·height·3. */
  readonly frameBytes: number;
  /**
   * The next rgb24 frame, or null once the video has ended (a short last read is dropped). The returned array is the
   * reader's own buffer, overwritten by the next call: copy what must outlive it. Rejects with E_INPUT when ffmpeg
   * fails (no video stream, corrupt data).
   */
  read(): Promise<Uint8Array | null>;
  /** Stops ffmpeg (if still running) and waits for it to exit. Safe to call more than once. */
  close(): Promise<void>;
  /** The ffmpeg child's pid while it runs (tests check that close leaves no process behind). */
  readonly pid: number | undefined;
}

/** Output frames decoded before startS and dropped, so a seeked read matches a sequential one (see openVideoReader). */
const PREROLL_FRAMES = 2;

/** E_INPUT for a media file: one line naming the file and the problem. */
export function mediaInputError(file: string, problem: string, hint?: string): GlyphreelError {
  return new GlyphreelError('E_INPUT', `Cannot read "${file}": ${problem}`, hint ? { hint } : {});
}

/** Throws E_INPUT unless `file` is an existing regular file. */
export function assertMediaFile(file: string): void {
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    throw mediaInputError(file, 'no such file', 'check the path (relative paths are resolved against the scene file)');
  }
  if (!isFile) throw mediaInputError(file, 'not a regular file');
}

export function spawnError(ffmpegPath: string, err: NodeJS.ErrnoException): GlyphreelError {
  if (err.code === 'ENOENT' || err.code === 'EACCES') {
    return new GlyphreelError('E_FFMPEG', `ffmpeg could not be started at "${ffmpegPath}" (${err.code})`, {
      hint: 'install ffmpeg, or pass --ffmpeg PATH / set GLYPHREEL_FFMPEG',
      cause: err,
    });
  }
  return new GlyphreelError('E_FFMPEG', `ffmpeg failed to run: ${err.message}`, { cause: err });
}

/**
 * The filter chain that turns any source into exactly width×height pixels whose on-screen shape is
 * pixelAspect:1. The source is first fitted into a box with the target's display proportions at twice the output
 * resolution (cover: scaled up to fill and centre-cropped; contain: scaled down to fit and centre-padded with
 * black), then area-averaged down to width×height, so each output pixel is the mean of the source region its cell
 * covers rather than one point sample (which flickers on detailed footage).
 */
export function fitFilter(width: number, height: number, fit: VideoFit, pixelAspect = 1): string {
  const bw = Math.max(2, Math.round(2 * width * pixelAspect));
  const bh = 2 * height;
  const box = fit === 'cover'
    ? `scale=${bw}:${bh}:force_original_aspect_ratio=increase:flags=area,crop=${bw}:${bh}`
    : `scale=${bw}:${bh}:force_original_aspect_ratio=decrease:flags=area,pad=${bw}:${bh}:(ow-iw)/2:(oh-ih)/2:black`;
  return `${box},scale=${width}:${height}:flags=area`;
}

function checkSize(what: string, v: number): void {
  if (!(Number.isInteger(v) && v >= 1 && v <= 16384)) {
    throw new GlyphreelError('E_PARAM', `openVideoReader: ${what} must be an integer in [1, 16384], got ${v}`);
  }
}

/**
 * Streams a video as rgb24 frames at exactly width×height and `fps`, starting `startS` seconds in. ffmpeg writes raw
 * frames to a pipe and the reader pulls them one at a time: the stream is paused whenever a whole frame is waiting,
 * so ffmpeg blocks on a full pipe instead of decoding ahead into memory (backpressure), and frames are copied into
 * one reused buffer. ffmpeg's stderr goes to a temporary log file (never an unread pipe, which would stall it); its
 * last lines name the problem when decoding fails.
 */
export function openVideoReader(o: VideoReaderOptions): VideoReader {
  checkSize('width', o.width);
  checkSize('height', o.height);
  if (!(o.fps > 0 && o.fps <= 1000)) throw new GlyphreelError('E_PARAM', `openVideoReader: fps must be in (0, 1000], got ${o.fps}`);
  const startS = o.startS ?? 0;
  if (!(startS >= 0 && Number.isFinite(startS))) throw new GlyphreelError('E_PARAM', `openVideoReader: startS must be >= 0, got ${startS}`);
  assertMediaFile(o.file);

  // Rate conversion picks, for each output slot, the source frame whose time rounds to it. Seeking straight to
  // startS drops the source frames before it, so the first slot can lose a frame that a decode from 0 would have
  // used and ties can round the other way: a work unit that opens mid-scene would then differ by one frame from one
  // that read through. Starting PREROLL_FRAMES slots earlier (fps grid anchored at the seek point by start_time=0)
  // and dropping them makes a seeked read match a sequential one (checked at 24/25/29.97/30 fps sources to 24 and 30).
  const preroll = Math.min(PREROLL_FRAMES, Math.floor(startS * o.fps + 1e-6));
  const seekS = Math.max(0, startS - preroll / o.fps);
  let skip = preroll;
  const frameBytes = o.width * o.height * 3;
  const frame = new Uint8Array(frameBytes);
  // a random suffix: worker threads share the pid
  const logFile = path.join(tmpdir(), `glyphreel-video-${process.pid}-${randomBytes(6).toString('hex')}.log`);
  const logFd = openSync(logFile, 'w');
  const args = [
    '-nostdin', '-hide_banner', '-loglevel', 'error',
    ...((o.fastDecode ?? o.width <= 640) ? ['-skip_loop_filter', 'all'] : []),
    ...(seekS > 0 ? ['-ss', seekS.toFixed(6)] : []),
    // file: so a name such as "concat:x" or "http:…" is never read as an ffmpeg protocol
    '-i', `file:${o.file}`,
    '-map', '0:v:0', '-an', '-sn', '-dn',
    '-vf', `fps=fps=${o.fps}:start_time=0,${fitFilter(o.width, o.height, o.fit ?? 'cover', o.pixelAspect ?? 1)}`,
    '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1',
  ];
  let child: ChildProcess;
  try {
    child = spawn(o.ffmpegPath, args, { stdio: ['ignore', 'pipe', logFd] });
  } finally {
    // the child holds its own copy of the descriptor
    closeSync(logFd);
  }
  const stdout = child.stdout as Readable;
  stdout.pause();

  // chunks received beyond the frame being filled (normally at most one: the stream is paused once a frame is whole)
  const queue: Buffer[] = [];
  let fill = 0;
  let exited = false;
  let exitCode: number | null = null;
  let spawnFailure: GlyphreelError | null = null;
  let closing = false;
  let tail = '';
  let waiter: { resolve: (v: Uint8Array | null) => void; reject: (e: unknown) => void } | null = null;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('close', (code) => {
      exited = true;
      exitCode = code;
      resolve();
    });
  });
  child.once('error', (err) => {
    spawnFailure = spawnError(o.ffmpegPath, err as NodeJS.ErrnoException);
    exited = true;
    settleEnd();
  });

  /** Moves queued bytes into the frame until it is whole or the queue is empty; true when the frame is whole. */
  const drain = (): boolean => {
    while (fill < frameBytes && queue.length > 0) {
      const chunk = queue[0] as Buffer;
      const n = Math.min(chunk.length, frameBytes - fill);
      frame.set(n === chunk.length ? chunk : chunk.subarray(0, n), fill);
      fill += n;
      if (n === chunk.length) queue.shift();
      else queue[0] = chunk.subarray(n);
    }
    return fill === frameBytes;
  };

  const failure = (): GlyphreelError | null => {
    if (spawnFailure) return spawnFailure;
    if (closing || exitCode === 0) return null;
    if (/matches no streams|does not contain any stream/i.test(tail)) return mediaInputError(o.file, 'it has no video stream', 'pass a video file');
    const problem = tail || (exitCode === null ? 'ffmpeg was stopped by a signal' : `ffmpeg exited with code ${exitCode}`);
    return mediaInputError(o.file, `ffmpeg cannot decode it (${problem})`, 'check that the file is a complete video (try: ffmpeg -i FILE)');
  };

  const settleEnd = (): void => {
    if (!waiter) return;
    const w = waiter;
    waiter = null;
    const err = failure();
    if (err) w.reject(err);
    else w.resolve(null);
  };

  stdout.on('data', (chunk: Buffer) => {
    queue.push(chunk);
    if (!waiter) {
      stdout.pause();
      return;
    }
    if (drain()) {
      stdout.pause();
      const w = waiter;
      waiter = null;
      w.resolve(frame);
    }
  });
  // stdout ends before the child's 'close'; only the exit status tells a clean end from a failure
  void exitPromise.then(() => {
    if (exitCode !== 0 && !closing) tail = ffmpegLogTail(logFile, o.file);
    rmSync(logFile, { force: true });
    settleEnd();
  });

  const readRaw = (): Promise<Uint8Array | null> => {
    if (waiter) return Promise.reject(new GlyphreelError('E_RENDER', 'VideoReader.read called again before the previous read finished'));
    if (closing) return Promise.resolve(null);
    fill = 0;
    if (drain()) return Promise.resolve(frame);
    return new Promise<Uint8Array | null>((resolve, reject) => {
      waiter = { resolve, reject };
      if (exited) settleEnd();
      else stdout.resume();
    });
  };

  return {
    frameBytes,
    get pid() {
      return exited ? undefined : child.pid;
    },
    async read(): Promise<Uint8Array | null> {
      while (skip > 0) {
        skip--;
        if ((await readRaw()) === null) return null;
      }
      return readRaw();
    },
    async close(): Promise<void> {
      if (!closing) {
        closing = true;
        queue.length = 0;
        if (!exited) {
          stdout.destroy();
          child.kill('SIGKILL');
        }
      }
      if (!spawnFailure) await exitPromise;
      rmSync(logFile, { force: true });
      settleEnd();
    },
  };
}

export interface VideoInfo {
  durationS: number;
  fps: number;
  width: number;
  height: number;
  frames: number;
  hasAudio: boolean;
}

/**
 * Duration, frame rate, size and whether there is audio, via @glyphreel/encode's probe (ffmpeg alone, no ffprobe;
 * it lists packets, so it reads the whole file once). durationS is where the last frame ends (timestamps: right for
 * variable-rate video; a stream starting late counts from 0, as the reader plays it, holding its first frame). `ffmpegPath` defaults to {@link mediaFfmpegPath}.
 */
export async function probeVideo(file: string, ffmpegPath?: string): Promise<VideoInfo> {
  assertMediaFile(file);
  ffmpegPath ??= await mediaFfmpegPath();
  try {
    const p = await probe(file, { ffmpeg: ffmpegPath });
    if (!p.width) throw mediaInputError(file, 'it has no video stream', 'pass a video file');
    return { durationS: p.durationS, fps: p.fps, width: p.width, height: p.height, frames: p.frames, hasAudio: p.hasAudio };
  } catch (e) {
    if (isGlyphreelError(e) && e.code === 'E_INPUT') {
      // the probe says "cannot read /abs/file: problem": name the file as the scene file does, once
      const prefix = `cannot read ${path.resolve(file)}: `;
      if (!e.message.startsWith(prefix)) throw e;
      throw mediaInputError(file, e.message.slice(prefix.length), e.hint);
    }
    if (isGlyphreelError(e) && e.code === 'E_FFMPEG' && !/cannot run ffmpeg/.test(e.message)) {
      throw mediaInputError(file, `ffmpeg cannot read it (${e.message})`);
    }
    throw e;
  }
}
