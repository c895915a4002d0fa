import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GlyphreelError } from '@glyphreel/core';
import { atomicOutput, outputBytes } from './atomic.js';
import { audioOutputArgs } from './audio-args.js';
import { ffmpegPathOf, type FfmpegLike } from './discover.js';
import { probe } from './probe.js';
import { runFfmpeg } from './run.js';
import { formatFromPath, type OutputFormat } from './settings.js';

/**
 * Quotes a path for the concat demuxer: inside single quotes nothing is special except the quote itself, which
 * becomes `'\''` (close, escaped quote, reopen), ffmpeg's own quoting rule. Paths are made absolute so the list does
 * not depend on its own location. A newline cannot be expressed in the line-based list format.
 */
export function concatListLine(file: string): string {
  const abs = path.resolve(file);
  if (/[\n\r]/.test(abs)) throw new GlyphreelError('E_INPUT', `segment path contains a line break: ${JSON.stringify(abs)}`, { hint: 'rename the directory' });
  return `file '${abs.replace(/'/g, "'\\''")}'`;
}

export function concatList(files: readonly string[]): string {
  return `${files.map(concatListLine).join('\n')}\n`;
}

export interface ConcatOptions {
  ffmpeg: FfmpegLike;
  /** Segment files in order; all from the same encoder settings (the video is stream-copied). */
  segments: readonly string[];
  output: string;
  /** Audio to mux, cut or padded to the video length. */
  audio?: string;
  /** Total video length; default: the segments' frame counts summed by probing them (fast, no decode). */
  durationS?: number;
  /** Where to put the list file and the log (default: beside the output, removed afterwards). */
  workDir?: string;
  logPath?: string;
  /** mp4 only, default true. */
  faststart?: boolean;
  signal?: AbortSignal;
}

export interface ConcatResult {
  output: string;
  bytes: number;
  durationS: number;
  args: readonly string[];
}

/**
 * Joins segments with the concat demuxer and `-c copy` (no re-encode), optionally muxing audio, into `output`
 * atomically (catalog 1.9; seed, "Concatenation").
 */
export async function concatSegments(o: ConcatOptions): Promise<ConcatResult> {
  if (o.segments.length === 0) throw new GlyphreelError('E_RENDER', `no segments to join into ${o.output}`);
  const format: OutputFormat = formatFromPath(o.output);
  if (format !== 'mp4' && format !== 'webm') {
    throw new GlyphreelError('E_USAGE', `segments join into mp4 or webm, not ${format} (${o.output})`);
  }
  const bin = ffmpegPathOf(o.ffmpeg);
  let durationS = o.durationS;
  if (durationS === undefined) {
    durationS = 0;
    for (const s of o.segments) durationS += (await probe(s, { ffmpeg: bin, ...(o.signal ? { signal: o.signal } : {}) })).durationS;
  }
  const out = await atomicOutput(o.output);
  const dir = o.workDir ?? path.dirname(out.target);
  const listPath = path.join(dir, `.${path.basename(out.target)}.glyphreel-${process.pid}-${randomBytes(4).toString('hex')}.concat.txt`);
  const args = ['-nostats', '-y', '-f', 'concat', '-safe', '0', '-i', listPath];
  if (o.audio !== undefined) args.push('-i', o.audio);
  args.push('-map', '0:v:0', '-c:v', 'copy');
  if (o.audio !== undefined) args.push(...audioOutputArgs(1, durationS, format));
  if (format === 'mp4' && o.faststart !== false) args.push('-movflags', '+faststart');
  args.push('-f', format, out.tempPath);
  try {
    await writeFile(listPath, concatList(o.segments));
    await runFfmpeg(bin, args, {
      what: `joining ${o.segments.length} segments into ${out.target}`,
      ...(o.logPath ? { logPath: o.logPath } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
    });
    await out.commit();
  } catch (e) {
    await out.discard();
    throw e;
  } finally {
    await rm(listPath, { force: true });
  }
  return { output: out.target, bytes: outputBytes(out.target), durationS, args };
}

export interface MuxOptions {
  ffmpeg: FfmpegLike;
  video: string;
  audio: string;
  output: string;
  /** Video length; default: probed. */
  durationS?: number;
  logPath?: string;
  faststart?: boolean;
  signal?: AbortSignal;
}

/** Adds an audio track to an encoded video (video stream-copied), audio cut or padded to the video length. */
export async function muxAudio(o: MuxOptions): Promise<ConcatResult> {
  const format = formatFromPath(o.output);
  if (format !== 'mp4' && format !== 'webm') throw new GlyphreelError('E_USAGE', `${format} output cannot carry audio (${o.output})`);
  const bin = ffmpegPathOf(o.ffmpeg);
  const durationS = o.durationS ?? (await probe(o.video, { ffmpeg: bin })).durationS;
  const out = await atomicOutput(o.output);
  const args = ['-nostats', '-y', '-i', path.resolve(o.video), '-i', o.audio, '-map', '0:v:0', '-c:v', 'copy', ...audioOutputArgs(1, durationS, format)];
  if (format === 'mp4' && o.faststart !== false) args.push('-movflags', '+faststart');
  args.push('-f', format, out.tempPath);
  try {
    await runFfmpeg(bin, args, { what: `muxing ${o.audio} into ${out.target}`, ...(o.logPath ? { logPath: o.logPath } : {}), ...(o.signal ? { signal: o.signal } : {}) });
    await out.commit();
  } catch (e) {
    await out.discard();
    throw e;
  }
  return { output: out.target, bytes: outputBytes(out.target), durationS, args };
}
