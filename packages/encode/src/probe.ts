import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { GlyphreelError, isGlyphreelError } from '@glyphreel/core';
import { ffmpegPathOf, type FfmpegLike } from './discover.js';
import { runFfmpeg } from './run.js';

export interface ProbeResult {
  /** Video frames (packets of the first video stream; decoded frames with `decode: true`). */
  frames: number;
  /**
   * Where the video ends, in seconds from the start of the file: the last frame's timestamp plus its duration. It
   * counts a start offset (a stream whose first frame is at 0.5 s: players hold that frame from 0), and is right for
   * variable-frame-rate video, where frames / fps is not. For an audio-only file: its audio length.
   */
  durationS: number;
  /** Timestamp of the first video frame (0 for most files; > 0 for a stream that starts late). */
  startS: number;
  width: number;
  height: number;
  /**
   * Average frame rate: the rate the stream declares when its frames agree with it (within a frame), otherwise the
   * measured one, frames / (end − start) (variable-rate recordings often declare 1000 or 50 "tbr").
   */
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

/** A rate as ffmpeg prints it: "29.97", "30", "1k" (1000), "90k". */
export function parseRate(text: string): number {
  const m = /^([\d.]+)(k?)$/.exec(text.trim());
  if (!m) return NaN;
  return Number(m[1]) * (m[2] ? 1000 : 1);
}

export interface PacketTimes {
  /** Video packets (frames). */
  frames: number;
  /** First timestamp, seconds. */
  startS: number;
  /** Largest timestamp + that frame's duration, seconds. */
  endS: number;
}

/**
 * Frame count and time span of stream 0 from framecrc output (`#tb 0: 1/12800`, then one `stream, dts, pts,
 * duration, size, crc` line per packet). A packet with no duration (webm, VFR recordings) lasts the stream's typical
 * frame interval (the median gap between timestamps), or `fallbackS` when there is only one frame. Undefined when
 * stream 0 is not video (an audio-only file).
 */
export function packetTimes(framecrc: string, fallbackS: number): PacketTimes | undefined {
  let num = 1;
  let den = 1;
  let video = false;
  const pts: number[] = [];
  const dur: number[] = [];
  for (const line of framecrc.split('\n')) {
    if (line.startsWith('#')) {
      const tb = /^#tb 0: (\d+)\/(\d+)/.exec(line);
      if (tb) [num, den] = [Number(tb[1]), Number(tb[2])];
      if (/^#media_type 0: video/.test(line)) video = true;
      continue;
    }
    const f = line.split(',');
    if (f.length < 5 || f[0]!.trim() !== '0') continue;
    const dts = Number(f[1]);
    let p = Number(f[2]);
    // AV_NOPTS_VALUE prints as INT64_MIN: fall back to the decode timestamp
    if (!Number.isFinite(p) || p <= -9e18) p = dts;
    if (!Number.isFinite(p) || p <= -9e18) continue;
    pts.push(p);
    dur.push(Number(f[3]) || 0);
  }
  if (!video || pts.length === 0) return undefined;
  const sorted = [...pts].sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < sorted.length; i++) if (sorted[i]! > sorted[i - 1]!) gaps.push(sorted[i]! - sorted[i - 1]!);
  gaps.sort((a, b) => a - b);
  const tb = num / den;
  const typical = gaps.length > 0 ? gaps[Math.floor(gaps.length / 2)]! : fallbackS / tb;
  let end = -Infinity;
  pts.forEach((p, i) => {
    end = Math.max(end, p + (dur[i]! > 0 ? dur[i]! : typical));
  });
  // to the microsecond: 8.008000000000001 reads as 8.008
  const us = (x: number) => Math.round(x * 1e6) / 1e6;
  return { frames: pts.length, startS: us(sorted[0]! * tb), endS: us(end * tb) };
}

/** ffmpeg's error lines without per-run pointers (`[mov,mp4,… @ 0x3380d180] `) or the file's own name. */
function ffmpegProblem(detail: string, abs: string): string {
  const parts = detail
    .split(' | ')
    .map((l) => l.replace(/^\[[^\]]*? @ 0x[0-9a-f]+\]\s*/i, '').split(`${abs}: `).join('').split(abs).join(path.basename(abs)).trim())
    .filter((l) => l.length > 0 && !/misdetection possible/.test(l));
  return [...new Set(parts)].join('; ');
}

/**
 * Frame count, size, rate and audio length of a media file (or png sequence directory) using ffmpeg alone (the
 * bundled build has no ffprobe): the video stream is copied to the framecrc muxer, which lists every packet's
 * timestamps, so the frame count is exact and the length comes from timestamps (right for variable-rate video and for
 * a stream with a start offset); audio is decoded to count its samples. An audio-only file gives frames 0, width and
 * height 0, fps 0 and durationS = its audio length. Throws E_INPUT "cannot read FILE: problem" for a missing or
 * unreadable file, or one with neither stream.
 */
export async function probe(file: string, o: ProbeOptions): Promise<ProbeResult> {
  const bin = ffmpegPathOf(o.ffmpeg);
  const abs = path.resolve(file);
  if (!existsSync(abs)) throw new GlyphreelError('E_INPUT', `cannot read ${abs}: no such file`, { hint: 'check the path' });
  const input = inputArgs(abs, o);
  const isDir = statSync(abs).isDirectory();
  try {
    const v = await runFfmpeg(
      bin,
      // `0:v:0?`: an audio-only file is probed too (no video stream: ffmpeg then copies its audio, which is ignored).
      // passthrough: every frame once, with its own timestamp (no duplicates or drops for variable-rate video).
      ['-nostats', ...input, '-map', '0:v:0?', '-vsync', 'passthrough', ...(o.decode ? [] : ['-c', 'copy']), '-f', 'framecrc', '-'],
      { what: `probing ${abs}`, ...(o.signal ? { signal: o.signal } : {}) },
    );
    const info = v.stderr;
    const videoLine = /Stream #0:\d+[^:]*: Video: ([^\s,]+)([^\n]*)/.exec(info);
    const hasAudioStream = /Stream #0:\d+[^:]*: Audio: /.test(info);
    if (!videoLine && !hasAudioStream) {
      throw new GlyphreelError('E_INPUT', `cannot read ${abs}: it has no video or audio stream`, { hint: 'pass a video, image or audio file' });
    }
    const rest = (videoLine?.[2] ?? '') as string;
    const size = /[ ,](\d+)x(\d+)[ ,[]/.exec(rest);
    const declaredM = /, ([\d.]+k?) fps/.exec(rest) ?? /, ([\d.]+k?) tbr/.exec(rest);
    const declared = isDir ? (o.fps ?? 24) : declaredM ? parseRate(declaredM[1] as string) : NaN;
    const times = videoLine ? packetTimes(v.stdout, declared > 0 && declared < 1000 ? 1 / declared : 1 / 25) : undefined;
    const frames = times?.frames ?? 0;
    let fps = videoLine ? declared : 0;
    if (times && frames >= 2 && times.endS > times.startS && !isDir) {
      const span = times.endS - times.startS;
      // the declared rate stands when the frames agree with it; a variable-rate file gets its real average
      if (!(declared > 0 && Math.abs(span * declared - frames) <= 1)) fps = Math.round((frames / span) * 1000) / 1000;
    }
    if (!(fps > 0) && videoLine) fps = times && times.endS > times.startS ? Math.round((frames / (times.endS - times.startS)) * 1000) / 1000 : 0;
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
      durationS: times ? times.endS : videoLine ? 0 : audioDurationS,
      startS: times ? Math.max(0, times.startS) : 0,
      width: size ? Number(size[1]) : 0,
      height: size ? Number(size[2]) : 0,
      fps,
      codec: (videoLine?.[1] ?? '') as string,
      hasAudio,
      audioDurationS,
      containerDurationS: dur ? Number(dur[1]) * 3600 + Number(dur[2]) * 60 + Number(dur[3]) : undefined,
    };
  } catch (e) {
    if (isGlyphreelError(e) && e.code === 'E_FFMPEG' && !/^cannot run ffmpeg/.test(e.message)) {
      const m = /\((exit [^)]*|killed by [^)]*)\)(?:: (.*))?$/.exec(e.message);
      const problem = m?.[2] ? ffmpegProblem(m[2], abs) : '';
      throw new GlyphreelError('E_INPUT', `cannot read ${abs}: ${problem || `ffmpeg failed (${m?.[1] ?? 'no message'})`}`, {
        hint: 'is it a complete video file? A cut-off download or an unfinished recording cannot be read',
        cause: e,
      });
    }
    throw e;
  }
}
