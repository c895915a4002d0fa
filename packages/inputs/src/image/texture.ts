import type { Field, GridGeometry } from '@glyphreel/core';
import { mediaFfmpegPath } from '../video/ffmpeg-path.js';
import type { VideoFit } from '../video/reader.js';
import { workingSize } from './image-effect.js';
import { loadImage } from './load-image.js';
import { kenBurnsCrop, resampleCrop } from './resample.js';

export interface Texture {
  /** (0.299R + 0.587G + 0.114B)/255 per cell, a value field in [0, 1]. */
  luminance: Field;
  /** rgb24 per cell (rows·cols·3), usable as a layer's colours. */
  rgb: Uint8Array;
}

/**
 * An image resized to the grid, one pixel per cell (catalog 5.3 `load_texture`): its luminance as a value field and
 * its colours, for a background modulated by an effect. Decoded at the grid's working size and supersampled like the
 * `image` layer.
 */
export async function loadTexture(file: string, grid: GridGeometry, o: { ffmpegPath?: string; fit?: VideoFit } = {}): Promise<Texture> {
  const size = workingSize(grid);
  const pic = await loadImage(file, { ffmpegPath: o.ffmpegPath ?? (await mediaFfmpegPath()), width: size.width, height: size.height, fit: o.fit ?? 'cover' });
  const n = grid.rows * grid.cols;
  const rgb = new Uint8Array(n * 3);
  resampleCrop(pic, kenBurnsCrop(pic.width, pic.height, 0, 1, 1, 'none', { x: 0, y: 0, width: 0, height: 0 }), rgb, grid.cols, grid.rows);
  const luminance = new Float32Array(n);
  for (let i = 0, p = 0; i < n; i++, p += 3) {
    luminance[i] = (0.299 * (rgb[p] as number) + 0.587 * (rgb[p + 1] as number) + 0.114 * (rgb[p + 2] as number)) / 255;
  }
  return { luminance, rgb };
}
