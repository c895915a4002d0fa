import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { GlyphreelError, isGlyphreelError } from '@glyphreel/core';
import { ffmpegPathOf, type FfmpegLike } from './discover.js';
import { runFfmpeg } from './run.js';

export interface ProbeResult {
  /** Video frames (packets of the first video stream; decoded frames with `decode: true`). */
  frames: number;
  /** frames / fps: the length a player shows for constant-rate video. */
  durationS: number;
  width: number;
  height: number;
  fps: number;
  /** The video codec name ffmpeg reports (h264, vp9, gif, png). */
  codec: string;
  hasAudio: boolean;
  /** Decoded audio length (sample-exact to ~1 µs); 0 without audio. */
  audioDurationS: number;
  /** The container's Duration line (the longest stream), when it has one. */
  containerDurationS: number | undefined;
}

export interface ProbeOptions {
  ffmpeg: FfmpegLike;
  /** Decode every frame instead of counting packets: slower, but catches corrupt data. */
  decode?: boolean;
  /** Frame rate for a png sequence directory (images carry none); default 24. */
  fps?: number;
  signal?: AbortSignal;
}

function inputArgs(file: string, o: ProbeOptions): string[] {
  if (statSync(file).isDirectory()) {
    const pngs = readdirSync(file).filter((f) => /^\d{6}\.png$/.test(f)).sort();
    if (pngs.length === 0) throw new GlyphreelError('E_INPUT', `${file} holds no %06d.png frames`);
    const first = Number((pngs[0] as string).slice(0, 6));
    return ['-framerate', String(o.fps ?? 24), '-start_number', String(first), '-i', path.join(file, '%06d.png')];
  }
  return ['-i', file];
}

function lastProgress(stdout: string, key: string): number | undefined {
  let v: number | undefined;
  const prefix = `${key}=`;
  for (const line of stdout.split('\n')) if (line.startsWith(prefix)) v = Number(line.slice(prefix.length));
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

/**
 * Frame count, size, rate and audio length of a media file (or png sequence directory) using ffmpeg alone (the
 * bundled build has no ffprobe): the file is run through the null muxer with `-progress`, which reports the exact
 * frame count; audio is decoded to count its samples. An audio-only file gives frames 0, width and height 0, fps 0
 * and durationS = its audio length. Throws E_INPUT for a missing or unreadable file, or one with neither stream.
 */
export async function probe(file: string, o: ProbeOptions): Promise<ProbeResult> {
  const bin = ffmpegPathOf(o.ffmpeg);
  const abs = path.resolve(file);
  if (!existsSync(abs)) throw new GlyphreelError('E_INPUT', `no such file: ${abs}`);
  const input = inputArgs(abs, o);
  try {
    const v = await runFfmpeg(
      bin,
      // `0:v:0?`: an audio-only file is probed too (no video stream, frames 0) instead of failing the map.
      ['-nostats', ...input, '-map', '0:v:0?', ...(o.decode ? [] : ['-c', 'copy']), '-f', 'null', '-progress', 'pipe:1', '-'],
      { what: `probing ${abs}`, ...(o.signal ? { signal: o.signal } : {}) },
    );
    const info = v.stderr;
    const videoLine = /Stream #0:\d+[^:]*: Video: ([^\s,]+)([^\n]*)/.exec(info);
    const hasAudioStream = /Stream #0:\d+[^:]*: Audio: /.test(info);
    if (!videoLine && !hasAudioStream) throw new GlyphreelError('E_INPUT', `${abs} has no video or audio stream`);
    const rest = (videoLine?.[2] ?? '') as string;
    const size = /[ ,](\d+)x(\d+)[ ,[]/.exec(rest);
    const fpsM = /, ([\d.]+) fps/.exec(rest) ?? /, ([\d.]+)k? tbr/.exec(rest);
    const fps = statSync(abs).isDirectory() ? (o.fps ?? 24) : fpsM ? Number(fpsM[1]) : videoLine ? NaN : 0;
    const frames = lastProgress(v.stdout, 'frame') ?? 0;
    const dur = /Duration: (\d+):(\d+):(\d+(?:\.\d+)?)/.exec(info);
    const hasAudio = hasAudioStream;
    let audioDurationS = 0;
    if (hasAudio) {
      const a = await runFfmpeg(bin, ['-nostats', '-i', abs, '-map', '0:a:0', '-f', 'null', '-progress', 'pipe:1', '-'], {
        what: `probing the audio of ${abs}`,
        ...(o.signal ? { signal: o.signal } : {}),
      });
      audioDurationS = (lastProgress(a.stdout, 'out_time_us') ?? 0) / 1e6;
    }
    return {
      frames,
      durationS: fps > 0 ? frames / fps : videoLine ? 0 : audioDurationS,
      width: size ? Number(size[1]) : 0,
      height: size ? Number(size[2]) : 0,
      fps,
      codec: (videoLine?.[1] ?? '') as string,
      hasAudio,
      audioDurationS,
      containerDurationS: dur ? Number(dur[1]) * 3600 + Number(dur[2]) * 60 + Number(dur[3]) : undefined,
    };
  } catch (e) {
    if (isGlyphreelError(e) && e.code === 'E_FFMPEG') {
      const m = /\((exit [^)]*|killed by [^)]*)\)(?:: (.*))?$/.exec(e.message);
      throw new GlyphreelError('E_INPUT', `cannot read ${abs} (ffmpeg ${m?.[1] ?? 'failed'})${m?.[2] ? `: ${m[2]}` : ''}`, {
        hint: 'the file is missing, truncated or not a video ffmpeg can read',
        cause: e,
      });
    }
    throw e;
  }
}
