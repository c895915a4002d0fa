import { rm } from 'node:fs/promises';
import path from 'node:path';
import { GlyphreelError } from '@glyphreel/core';
import { atomicOutput, sidePath, trackTemp, untrackTemp } from './atomic.js';
import { ffmpegPathOf, type FfmpegLike } from './discover.js';
import { runFfmpeg } from './run.js';

export interface GifFromVideoOptions {
  ffmpeg: FfmpegLike;
  /** An encoded video (the joined render). */
  input: string;
  /** The gif, written to a temporary sibling and renamed on success. */
  output: string;
  /** GIF frame rate (default: the input's). GIF delays are in 1/100 s, so 24 fps plays at ~23.9. */
  fps?: number;
  /** Where the palette image goes (default: beside the output; removed afterwards). */
  workDir?: string;
  signal?: AbortSignal;
}

/**
 * The palette pass as two ffmpeg runs over the video: `palettegen` writes a 256-colour palette image, then
 * `paletteuse` maps every frame through it (ordered Bayer dithering, scale 3, which keeps flat glyph colours flat).
 * One run with `split` gives the same bytes but holds every decoded frame in memory until the palette exists
 * (880 MB for the 12 s 720p demo; a three-minute 1080p video would not fit in 24 GB); two runs decode the video
 * twice and stay under 200 MB whatever its length.
 */
export async function gifFromVideo(o: GifFromVideoOptions): Promise<void> {
  if (o.fps !== undefined && !(o.fps > 0 && o.fps <= 100)) {
    throw new GlyphreelError('E_USAGE', `Invalid gif fps ${o.fps}`, { hint: 'GIF frame delays are in 1/100 s: use a rate in (0, 100]' });
  }
  const bin = ffmpegPathOf(o.ffmpeg);
  const rate = o.fps !== undefined ? `fps=${o.fps},` : '';
  const out = await atomicOutput(o.output);
  const dir = o.workDir ?? path.dirname(out.target);
  const palette = sidePath(out.target, 'palette.png', dir);
  trackTemp(palette);
  const sig = o.signal ? { signal: o.signal } : {};
  try {
    await out.write(async () => {
      await runFfmpeg(bin, ['-nostats', '-y', '-i', path.resolve(o.input), '-vf', `${rate}palettegen=stats_mode=diff`, '-f', 'image2', palette], {
        what: `making the palette of ${o.output}`,
        ...sig,
      });
      await runFfmpeg(
        bin,
        ['-nostats', '-y', '-i', path.resolve(o.input), '-i', palette, '-lavfi', `[0:v]${rate}null[v];[v][1:v]paletteuse=dither=bayer:bayer_scale=3`, '-loop', '0', '-f', 'gif', out.tempPath],
        { what: `making the gif ${o.output}`, ...sig },
      );
    });
  } finally {
    await rm(palette, { force: true });
    untrackTemp(palette);
  }
}
