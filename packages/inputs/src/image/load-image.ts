import path from 'node:path';
import { GlyphreelError, isGlyphreelError, type RgbFrame } from '@glyphreel/core';
import { runFfmpegBytes } from '@glyphreel/encode';
import { assertMediaFile, fitFilter, mediaInputError, type VideoFit } from '../video/reader.js';
import { jpegOrientation, orientationFilter } from './orientation.js';

export interface LoadImageOptions {
  ffmpegPath: string;
  /** Output size in square pixels; the image is fitted into it (cover: crop, contain: black bars), centred. */
  width: number;
  height: number;
  fit?: VideoFit;
}

/**
 * Decodes the first frame of an image (or any file ffmpeg reads) to rgb24 at exactly width×height, area-averaged so
 * a large photo shrinks without aliasing; transparency is composited over black; a JPEG's EXIF orientation is applied. Throws E_INPUT naming the file for a missing or undecodable one.
 */
export async function loadImage(file: string, o: LoadImageOptions): Promise<RgbFrame> {
  if (!(Number.isInteger(o.width) && o.width >= 1 && Number.isInteger(o.height) && o.height >= 1)) {
    throw new GlyphreelError('E_PARAM', `loadImage: size must be positive integers, got ${o.width}×${o.height}`);
  }
  assertMediaFile(file);
  let data: Uint8Array;
  try {
    // transparent pixels keep whatever colour they hide; composite over black so they read as empty cells
    // a phone photo stored sideways with an EXIF Orientation tag (this ffmpeg ignores it) is turned upright first
    const upright = orientationFilter(jpegOrientation(file));
    const graph = `[0:v:0]format=rgba,${upright ? `${upright},` : ''}${fitFilter(o.width, o.height, o.fit ?? 'cover', 1)}[fg];`
      + `color=c=black:s=${o.width}x${o.height}[bg];[bg][fg]overlay=shortest=1:format=rgb,format=rgb24[out]`;
    data = await runFfmpegBytes(o.ffmpegPath, [
      // file: so a name such as "concat:x" is never read as an ffmpeg protocol
      '-i', `file:${file}`, '-filter_complex', graph, '-map', '[out]', '-frames:v', '1',
      '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1',
    ], { what: `decoding ${file}` });
  } catch (e) {
    if (isGlyphreelError(e) && e.code === 'E_FFMPEG' && !/cannot run ffmpeg/.test(e.message)) {
      if (/matches no streams|Stream specifier ':v:0' in filtergraph/.test(e.message)) {
        throw new GlyphreelError('E_INPUT', `${file} has no picture`, { hint: 'pass an image (png, jpg, webp, …); a sound file goes to --audio' });
      }
      const detail = /\): (.*)$/.exec(e.message)?.[1];
      const base = path.basename(file);
      const problem = detail ? detail.split(`file:${file}`).join(base).split(file).join(base).replace(/\[([^\]@]+?) @ 0x[0-9a-f]+\]\s*/g, '$1: ') : 'ffmpeg failed';
      throw mediaInputError(file, `ffmpeg cannot decode it (${problem})`, 'check that the file is a complete image');
    }
    throw e;
  }
  const bytes = o.width * o.height * 3;
  if (data.length < bytes) throw mediaInputError(file, `ffmpeg cannot decode it (got ${data.length} of ${bytes} bytes)`, 'check that the file is an image');
  return { width: o.width, height: o.height, data: data.length === bytes ? data : data.subarray(0, bytes) };
}
