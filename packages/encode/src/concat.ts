import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GlyphreelError } from '@glyphreel/core';
import { atomicOutput, outputBytes, sidePath, trackTemp, untrackTemp } from './atomic.js';
import { audioOutputArgs } from './audio-args.js';
import { ffmpegPathOf, type FfmpegLike } from './discover.js';
import { probe, type ProbeResult } from './probe.js';
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

/** A segment with its frame count; with it, joining needs no probing and the list carries exact durations. */
export interface SegmentRef {
  path: string;
  frames: number;
}

/**
 * The concat list: a `file '<path>'` line per segment, followed by `duration <s>` when known. Without the duration
 * directive the demuxer offsets each next file by the container duration, which mp4 stores in milliseconds: 7 frames
 * at 24 fps become 0.292 s instead of 0.2916…, and the error accumulates over segments (measured: 4 ticks of 1/12288 s
 * per join). With it, offsets are exact to the microsecond.
 */
export function concatList(entries: ReadonlyArray<string | { path: string; durationS?: number }>): string {
  return entries
    .map((e) => {
      if (typeof e === 'string') return `${concatListLine(e)}\n`;
      const d = e.durationS !== undefined ? `duration ${e.durationS.toFixed(6)}\n` : '';
      return `${concatListLine(e.path)}\n${d}`;
    })
    .join('');
}

export interface ConcatOptions {
  ffmpeg: FfmpegLike;
  /** Segments in order, all from the same encoder settings (the video is stream-copied). Paths alone get probed. */
  segments: ReadonlyArray<string | SegmentRef>;
  /** Frame rate of the segments; default: probed from the first. */
  fps?: number;
  output: string;
  /** mp4 or webm; default: from the output's extension (a render passes its --format, whatever the name). */
  format?: OutputFormat;
  /** Audio to mux, cut or padded to the video length. */
  audio?: string;
  /** Where to put the list file (default: beside the output; removed afterwards). */
  workDir?: string;
  /** ffmpeg's stderr goes here (default: captured and quoted on failure). */
  logPath?: string;
  /** mp4 only, default true. */
  faststart?: boolean;
  signal?: AbortSignal;
  /**
   * Awaited after the joined file is written and checked, before it replaces `output`: work that must succeed for the
   * output to be kept (the render's spot checks) runs alongside the join. A rejection discards the joined file.
   */
  beforeCommit?: () => Promise<void>;
}

export interface ConcatResult {
  output: string;
  bytes: number;
  frames: number;
  durationS: number;
  args: readonly string[];
  /** concatSegments: its probe of the joined file, made before the rename (the frame count was checked on it). */
  probe?: ProbeResult;
}

/**
 * Joins segments with the concat demuxer and `-c copy` (no re-encode), optionally muxing audio, into `output`
 * atomically (catalog 1.9; seed, "Concatenation"). The joined file is probed afterwards: a frame count other than the
 * segments' sum (a segment ffmpeg skipped as unreadable) is an error, not a silently short video.
 */
export async function concatSegments(o: ConcatOptions): Promise<ConcatResult> {
  if (o.segments.length === 0) throw new GlyphreelError('E_RENDER', `no segments to join into ${o.output}`);
  const format: OutputFormat = o.format ?? formatFromPath(o.output);
  if (format !== 'mp4' && format !== 'webm') {
    throw new GlyphreelError('E_USAGE', `segments join into mp4 or webm, not ${format} (${o.output})`);
  }
  const bin = ffmpegPathOf(o.ffmpeg);
  const sig = o.signal ? { signal: o.signal } : {};
  // Segments given with their frame counts (and a known fps) need no probe; the others are probed together.
  const probes = o.segments.map((s) =>
    typeof s !== 'string' && o.fps !== undefined ? null : probe(typeof s === 'string' ? s : s.path, { ffmpeg: bin, ...sig }),
  );
  const probed = await Promise.all(probes);
  let fps = o.fps;
  const refs: SegmentRef[] = o.segments.map((s, k) => {
    const p = probed[k];
    if (!p) return s as SegmentRef;
    fps ??= p.fps;
    return { path: typeof s === 'string' ? s : s.path, frames: typeof s === 'string' ? p.frames : s.frames };
  });
  const rate = fps as number;
  const frames = refs.reduce((a, r) => a + r.frames, 0);
  const durationS = frames / rate;
  const out = await atomicOutput(o.output);
  const dir = o.workDir ?? path.dirname(out.target);
  const listPath = sidePath(out.target, 'concat.txt', dir);
  // A second Ctrl-C exits at once: the exit hook removes the list too (it was left beside the output).
  trackTemp(listPath);
  const args = ['-nostats', '-y', '-f', 'concat', '-safe', '0', '-i', listPath];
  if (o.audio !== undefined) args.push('-i', o.audio);
  args.push('-map', '0:v:0', '-c:v', 'copy');
  if (o.audio !== undefined) args.push(...audioOutputArgs(1, durationS, format));
  if (format === 'mp4' && o.faststart !== false) args.push('-movflags', '+faststart');
  args.push('-f', format, out.tempPath);
  const what = `joining ${refs.length} segments into ${out.target}`;
  let got: ProbeResult;
  try {
    got = await out.write(async () => {
      await writeFile(listPath, concatList(refs.map((r) => ({ path: r.path, durationS: r.frames / rate }))));
      await runFfmpeg(bin, args, { what, ...(o.logPath ? { logPath: o.logPath } : {}), ...sig });
      const joined = await probe(out.tempPath, { ffmpeg: bin, ...sig });
      if (joined.frames !== frames) {
        throw new GlyphreelError('E_RENDER', `${what} gave ${joined.frames} frames, the segments hold ${frames}`, {
          hint: 'a segment is truncated or was encoded with different settings; render its part again (render --clip, or the shard that wrote it) and join again',
        });
      }
      await o.beforeCommit?.();
      return joined;
    });
  } finally {
    await rm(listPath, { force: true });
    untrackTemp(listPath);
  }
  return { output: out.target, bytes: outputBytes(out.target), frames, durationS, args, probe: got };
}

export interface MuxOptions {
  ffmpeg: FfmpegLike;
  video: string;
  audio: string;
  output: string;
  /** mp4 or webm; default: from the output's extension. */
  format?: OutputFormat;
  /** Video length; default: frames / fps of the probed video. */
  durationS?: number;
  logPath?: string;
  faststart?: boolean;
  signal?: AbortSignal;
}

/** Adds an audio track to an encoded video (video stream-copied), audio cut or padded to the video length. */
export async function muxAudio(o: MuxOptions): Promise<ConcatResult> {
  const format = o.format ?? formatFromPath(o.output);
  if (format !== 'mp4' && format !== 'webm') throw new GlyphreelError('E_USAGE', `${format} output cannot carry audio (${o.output})`);
  const bin = ffmpegPathOf(o.ffmpeg);
  const v = await probe(o.video, { ffmpeg: bin, ...(o.signal ? { signal: o.signal } : {}) });
  const durationS = o.durationS ?? v.durationS;
  const out = await atomicOutput(o.output);
  const args = ['-nostats', '-y', '-i', path.resolve(o.video), '-i', o.audio, '-map', '0:v:0', '-c:v', 'copy', ...audioOutputArgs(1, durationS, format)];
  if (format === 'mp4' && o.faststart !== false) args.push('-movflags', '+faststart');
  args.push('-f', format, out.tempPath);
  await out.write(() => runFfmpeg(bin, args, { what: `muxing ${o.audio} into ${out.target}`, ...(o.logPath ? { logPath: o.logPath } : {}), ...(o.signal ? { signal: o.signal } : {}) }));
  return { output: out.target, bytes: outputBytes(out.target), frames: v.frames, durationS, args };
}
