import path from 'node:path';
import { GlyphreelError, isGlyphreelError } from '@glyphreel/core';
import { probe, type FfmpegInfo } from '@glyphreel/encode';

/**
 * Projects built from the command line when there is no scene file: `--video` (converted to glyphs, its own audio
 * kept), `--image` (a slow Ken Burns move), either one with `--audio` (hybrid: the soundtrack drives overlays), and
 * `--lyrics` added on top of any project. The result is an ordinary scene-file object, validated like one.
 */

export interface MediaProjectOptions {
  video?: string;
  image?: string;
  audio?: string;
  /** Image without audio: how long to show it (seconds). */
  durationS?: number;
  ffmpeg: FfmpegInfo;
  seed?: number;
}

const OVERLAYS = [
  { effect: 'spectrum', grid: 'lg', blend: 'screen', opacity: 0.8 },
  { effect: 'explosion', grid: 'sm', blend: 'add' },
];

export async function mediaProject(o: MediaProjectOptions): Promise<Record<string, unknown>> {
  const ff = { ffmpeg: o.ffmpeg.path };
  let durationS: number;
  let audio: string | undefined = o.audio;
  const layers: Array<Record<string, unknown>> = [];
  if (o.video) {
    const v = await probe(o.video, ff).catch((e: unknown) => {
      throw readError('video', o.video!, e);
    });
    if (!v.width) throw new GlyphreelError('E_INPUT', `${o.video} has no video stream`, { hint: 'pass a video file, or use --audio for a music file' });
    // A picture (png, jpg) or the cover art of a song is one frame: a "video" of 1/25 s that no scene can hold.
    if (v.frames <= 1) {
      throw new GlyphreelError('E_INPUT', `${o.video} is a still picture, not a video`, {
        hint: v.hasAudio ? `use --image ${o.video} for the picture or --audio ${o.video} for the sound` : `use --image ${o.video}`,
      });
    }
    // --video alone keeps the source audio; with --audio the song sets the length and the video loops under it.
    if (!audio && v.hasAudio) audio = o.video;
    durationS = o.audio ? await audioLength(o.audio, ff) : v.durationS;
    layers.push({ effect: 'video', params: { file: o.video, mode: 'luma', loop: o.audio !== undefined } });
  } else if (o.image) {
    durationS = o.audio ? await audioLength(o.audio, ff) : (o.durationS ?? 10);
    layers.push({ effect: 'image', params: { file: o.image, kenburns: true, zoom: 1.25 } });
  } else {
    throw new GlyphreelError('E_USAGE', 'mediaProject needs a video or an image');
  }
  if (o.audio) layers.push(...OVERLAYS);
  if (!(durationS > 0)) throw new GlyphreelError('E_INPUT', `The input is ${durationS} s long; nothing to render`);
  return {
    seed: o.seed ?? 1,
    ...(audio ? { audio } : {}),
    scenes: [
      {
        name: o.video ? 'video' : 'image',
        end: Math.round(durationS * 1000) / 1000,
        grid: 'md',
        gamma: 0.8,
        layers,
        shaders: [['bloom', { thr: 140 }], ['vignette', { s: 0.2 }]],
      },
    ],
  };
}

async function audioLength(file: string, ff: { ffmpeg: string }): Promise<number> {
  const a = await probe(file, ff).catch((e: unknown) => {
    throw readError('audio', file, e);
  });
  const d = a.audioDurationS ?? a.durationS;
  if (!a.hasAudio || !(d > 0)) throw new GlyphreelError('E_INPUT', `${file} has no audio stream`, { hint: 'pass an audio file to --audio' });
  return d;
}

/**
 * "Cannot read video X: problem", naming the file once: the probe's own E_INPUT says "cannot read /abs/X: problem"
 * (ffmpeg's pointers already dropped) and keeps its hint. Other errors (ffmpeg missing, cancelled) pass through.
 */
function readError(what: 'video' | 'audio', file: string, e: unknown): unknown {
  if (!isGlyphreelError(e) || e.code !== 'E_INPUT') return e;
  const prefix = `cannot read ${path.resolve(file)}: `;
  const problem = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
  return new GlyphreelError('E_INPUT', `Cannot read ${what} ${file}: ${problem}`, {
    ...(e.hint ? { hint: what === 'audio' ? e.hint.replace('video file', 'audio file') : e.hint } : {}),
    cause: e,
  });
}

/**
 * Adds a lyrics layer (lg grid, drawn last so it stays readable) to every scene of a raw project; each scene's
 * `offset` is its start time, so cue times stay song times.
 */
export function withLyrics(raw: Record<string, unknown>, lyricsFile: string, mode = 'typewriter'): Record<string, unknown> {
  const scenes = raw.scenes;
  if (!Array.isArray(scenes)) return raw;
  let start = 0;
  const out = scenes.map((sc: Record<string, unknown>) => {
    const s = typeof sc.start === 'number' ? sc.start : start;
    start = typeof sc.end === 'number' ? sc.end : start;
    if (!Array.isArray(sc.layers)) return sc;
    return { ...sc, layers: [...sc.layers, { effect: 'lyrics', grid: 'lg', params: { file: lyricsFile, mode, offset: s } }] };
  });
  return { ...raw, scenes: out };
}
