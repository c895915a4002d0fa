import type { OutputFormat } from './settings.js';

/** Sample rate of every muxed audio track: the video standard, and it makes the codec frame 1024 or 960 samples. */
export const MUX_SAMPLE_RATE = 48000;

export interface AudioCodecPlan {
  codec: string;
  bitrate: string;
  /** Samples per codec frame at MUX_SAMPLE_RATE. */
  frameSamples: number;
}

/** AAC 192k in mp4 (catalog 1.9); webm cannot carry AAC, so Opus there. */
export function audioCodecFor(format: OutputFormat): AudioCodecPlan {
  return format === 'webm'
    ? { codec: 'libopus', bitrate: '160k', frameSamples: 960 }
    : { codec: 'aac', bitrate: '192k', frameSamples: 1024 };
}

/**
 * The audio sample count for a video of `durationS`: the nearest whole number of codec frames. mp4 as written by
 * this ffmpeg trims the encoder's start delay but not the padding of the last frame, so a track whose length is a
 * whole number of frames decodes to exactly that length; rounding to the nearest frame keeps audio within half a
 * codec frame (≤ 10.7 ms at 48 kHz) of the video, inside one video frame even at 60 fps. `-shortest` cannot promise
 * that: it stops at packet granularity after interleaving and can leave audio a frame or more long or short.
 */
export function audioSamplesFor(durationS: number, plan: AudioCodecPlan): number {
  const frames = Math.max(1, Math.round((durationS * MUX_SAMPLE_RATE) / plan.frameSamples));
  return frames * plan.frameSamples;
}

/**
 * Output arguments for the audio input at `inputIndex`: resample to 48 kHz, pad with silence when the audio is short,
 * cut at exactly the computed sample count, encode.
 */
export function audioOutputArgs(inputIndex: number, durationS: number, format: OutputFormat): string[] {
  const plan = audioCodecFor(format);
  const n = audioSamplesFor(durationS, plan);
  return [
    '-map', `${inputIndex}:a:0`,
    '-af', `aresample=${MUX_SAMPLE_RATE},apad,atrim=end_sample=${n}`,
    '-c:a', plan.codec, '-b:a', plan.bitrate,
  ];
}
