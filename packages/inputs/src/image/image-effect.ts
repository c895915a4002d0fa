import { defineCellEffect, GlyphreelError, type FrameContext, type GridGeometry, type RgbFrame } from '@glyphreel/core';
import { mediaFfmpegPath } from '../video/ffmpeg-path.js';
import { drawMedia } from '../video/draw-media.js';
import type { VideoFit } from '../video/reader.js';
import { expandSequence } from './glob.js';
import { loadImage } from './load-image.js';
import { kenBurnsCrop, resampleCrop, type CropRect, type PanDirection } from './resample.js';

interface ImageState {
  /** The file parameter the sequence was expanded from. */
  pattern: string;
  files: string[];
  /** Key of the decoded picture: file, working size and fit. */
  key: string;
  picture: RgbFrame | null;
  /** The picture at grid resolution for the current frame. */
  cells: Uint8Array;
  crop: CropRect;
  edgeKey: string;
  edgeIds: Uint16Array | undefined;
}

const STATE_KEY = 'inputs.image';

/**
 * The decoded picture's size for a grid: the grid's on-screen proportions (cols·cw : rows·ch) with square pixels and
 * at least two pixels per cell in each direction, so the crop can zoom to 1.2× and still have more than one source
 * pixel per cell.
 */
export function workingSize(grid: GridGeometry): { width: number; height: number } {
  const a = grid.cellAspect;
  const s = Math.max(1, 1 / a);
  return { width: Math.max(2, Math.round(2 * grid.cols * a * s)), height: Math.max(2, Math.round(2 * grid.rows * s)) };
}

/** Which picture of a sequence frame `t` shows, and how far through its hold it is. */
export function sequencePosition(t: number, count: number, holdS: number, loop: boolean): { index: number; progress: number } {
  const k = Math.floor(t / holdS + 1e-9);
  if (k >= count && !loop) return { index: count - 1, progress: 1 };
  const index = ((k % count) + count) % count;
  const into = t - k * holdS;
  return { index, progress: Math.min(1, Math.max(0, into / holdS)) };
}

const schema = {
  file: { type: 'string', default: '', nonEmpty: true, required: true, description: 'Image file, or a pattern like shots/*.jpg for a sequence' },
  mode: { type: 'enum', values: ['luma', 'edges'] as const, default: 'luma', description: 'luma: frame_to_ascii; edges: frame_to_ascii_edges' },
  palette: { type: 'palette', default: 'default', description: 'Luminance palette, dark to bright' },
  edge_palette: { type: 'palette', default: 'box', description: 'Edge glyphs (edges mode); box draws lines and corners by direction' },
  brightness: { type: 'number', default: 1, min: 0, max: 4, description: 'Luminance multiplier before the palette lookup and colour scale' },
  fit: { type: 'enum', values: ['cover', 'contain'] as const, default: 'cover', description: 'cover: fill the grid, crop the overflow; contain: letterbox' },
  kenburns: { type: 'boolean', default: false, description: 'Slow zoom (and pan) over the scene, or over each picture of a sequence' },
  zoom_start: { type: 'number', default: 1, min: 1, max: 8, description: 'Ken Burns zoom at the start' },
  zoom: { type: 'number', default: 1.2, min: 1, max: 8, description: 'Ken Burns zoom at the end' },
  pan: { type: 'enum', values: ['none', 'left', 'right', 'up', 'down'] as const, default: 'none', description: 'Ken Burns pan across the room the zoom leaves' },
  hold: { type: 'number', default: 3, min: 0.04, max: 3600, description: 'Seconds each picture of a sequence is shown' },
  loop: { type: 'boolean', default: true, description: 'A sequence starts over after its last picture (otherwise the last one stays)' },
} as const;

function stateOf(s: Record<string, unknown>): ImageState | undefined {
  return s[STATE_KEY] as ImageState | undefined;
}

function position(s: ImageState, ctx: FrameContext, params: { hold: number; loop: boolean }): { index: number; progress: number } {
  return s.files.length === 1 ? { index: 0, progress: ctx.progress } : sequencePosition(ctx.t, s.files.length, params.hold, params.loop);
}

/**
 * An image (catalog 5.3) or an ordered image sequence drawn as glyphs. Each picture is decoded once by ffmpeg at a
 * working size (see {@link workingSize}); every frame crops it (Ken Burns: crop interpolated by progress), resamples
 * the crop to one pixel per cell and maps it with frameToCells.
 */
export const imageEffect = defineCellEffect({
  name: 'image',
  description: 'An image or image sequence drawn as glyphs, with an optional Ken Burns zoom and pan',
  params: schema,
  async prepare(grid, ctx, params) {
    if (params.file === '') throw new GlyphreelError('E_PARAM', 'inputs/image: parameter "file" is required', { hint: 'set file to an image path or a pattern like shots/*.jpg' });
    let s = stateOf(ctx.state);
    if (!s || s.pattern !== params.file) {
      s = {
        pattern: params.file, files: expandSequence(params.file), key: '', picture: null,
        cells: new Uint8Array(0), crop: { x: 0, y: 0, width: 1, height: 1 }, edgeKey: '', edgeIds: undefined,
      };
      ctx.state[STATE_KEY] = s;
    }
    const { index } = position(s, ctx, params);
    const file = s.files[index] as string;
    const size = workingSize(grid);
    const key = `${file}|${size.width}x${size.height}|${params.fit}`;
    if (s.key !== key) {
      // only the picture on screen is kept: a long sequence never holds more than one decoded image
      s.picture = await loadImage(file, { ffmpegPath: await mediaFfmpegPath(), width: size.width, height: size.height, fit: params.fit as VideoFit });
      s.key = key;
    }
  },
  draw(layer, grid, ctx, params) {
    if (ctx.replaying) return;
    const s = stateOf(ctx.state);
    if (!s || !s.picture) {
      layer.glyphs.fill(0);
      layer.colors.fill(0);
      return;
    }
    const n3 = grid.cols * grid.rows * 3;
    if (s.cells.length !== n3) s.cells = new Uint8Array(n3);
    const pic = s.picture;
    const { progress } = position(s, ctx, params);
    if (params.kenburns) kenBurnsCrop(pic.width, pic.height, progress, params.zoom_start, params.zoom, params.pan as PanDirection, s.crop);
    else kenBurnsCrop(pic.width, pic.height, 0, 1, 1, 'none', s.crop);
    resampleCrop(pic, s.crop, s.cells, grid.cols, grid.rows);
    drawMedia(s.cells, grid, layer, params, s);
  },
});
