import { defineCellEffect, GlyphreelError, type FrameContext, type GridGeometry } from '@glyphreel/core';
import { mediaFfmpegPath } from './ffmpeg-path.js';
import { drawMedia } from './draw-media.js';
import { openVideoReader, probeVideo, type VideoFit, type VideoReader } from './reader.js';

/**
 * A forward jump of at most this many frames (a work unit resuming after a short replay) is caught up by reading
 * and dropping frames; a longer one restarts ffmpeg at the new time, which costs a process start and a seek.
 */
const MAX_SKIP_FRAMES = 12;

interface VideoState {
  reader: VideoReader | null;
  /** What the reader decodes for: file, grid size, fit and cell aspect. */
  key: string;
  /** The scene frame the reader's next frame belongs to. */
  next: number;
  /** The last frame decoded, at grid resolution; held after the video ends. */
  buf: Uint8Array;
  have: boolean;
  /** Seconds of video after `start` (looping), found with a probe on first need. */
  periodS: number;
  edgeKey: string;
  edgeIds: Uint16Array | undefined;
}

const STATE_KEY = 'inputs.video';

function stateOf(s: Record<string, unknown>): VideoState | undefined {
  return s[STATE_KEY] as VideoState | undefined;
}

export { resolvePaletteText } from './draw-media.js';

async function closeReader(s: VideoState): Promise<void> {
  const r = s.reader;
  s.reader = null;
  if (r) await r.close();
}

/** Starts a reader whose first frame is scene frame `frame` (wrapped into the loop period when looping). */
function openAt(
  s: VideoState, grid: GridGeometry, params: { file: string; start: number; fit: string; loop: boolean },
  ffmpegPath: string, fps: number, frame: number, periodFrames: number,
): void {
  const local = params.loop ? frame % periodFrames : frame;
  s.reader = openVideoReader({
    ffmpegPath, file: params.file, width: grid.cols, height: grid.rows, fps,
    startS: params.start + local / fps, fit: params.fit as VideoFit, pixelAspect: grid.cellAspect,
  });
  s.next = frame;
}

const schema = {
  file: { type: 'string', default: '', nonEmpty: true, required: true, description: 'Video file (any format ffmpeg reads)' },
  mode: { type: 'enum', values: ['luma', 'edges'] as const, default: 'luma', description: 'luma: frame_to_ascii; edges: frame_to_ascii_edges' },
  palette: { type: 'palette', default: 'default', description: 'Luminance palette, dark to bright' },
  edge_palette: { type: 'palette', default: 'box', description: 'Edge glyphs (edges mode); box draws lines and corners by direction' },
  brightness: { type: 'number', default: 1, min: 0, max: 4, description: 'Luminance multiplier before the palette lookup and colour scale' },
  fit: { type: 'enum', values: ['cover', 'contain'] as const, default: 'cover', description: 'cover: fill the grid, crop the overflow; contain: letterbox' },
  start: { type: 'number', default: 0, min: 0, max: 86400, description: 'Seconds into the video at the scene start' },
  loop: { type: 'boolean', default: false, description: 'Restart from `start` at the end; otherwise the last frame is held' },
} as const;

/**
 * Video converted to glyphs (catalog 5.2), one source pixel per cell. `prepare` decodes exactly one frame per drawn
 * frame from a streaming ffmpeg reader kept in the layer state; `draw` maps it with frameToCells.
 */
export const videoEffect = defineCellEffect({
  name: 'video',
  description: 'A video file drawn as glyphs (luminance or edges), coloured by its pixels',
  params: schema,
  async prepare(grid: GridGeometry, ctx: FrameContext, params) {
    if (params.file === '') throw new GlyphreelError('E_PARAM', 'inputs/video: parameter "file" is required', { hint: 'set file to a video path' });
    let s = stateOf(ctx.state);
    const key = `${params.file}|${grid.cols}x${grid.rows}|${params.fit}|${grid.cellAspect}`;
    if (!s || s.key !== key) {
      if (s) await closeReader(s);
      s = { reader: null, key, next: -1, buf: new Uint8Array(grid.cols * grid.rows * 3), have: false, periodS: -1, edgeKey: '', edgeIds: undefined };
      ctx.state[STATE_KEY] = s;
    }
    const ffmpegPath = await mediaFfmpegPath();
    const fps = ctx.fps;
    const f = ctx.frame;
    if (params.loop && s.periodS < 0) {
      const info = await probeVideo(params.file, ffmpegPath);
      s.periodS = Math.max(0, info.durationS - params.start);
    }
    // with loop, frame f shows video time start + (f mod periodFrames)/fps, whichever frame a work unit starts at
    const periodFrames = params.loop ? Math.max(1, Math.round(s.periodS * fps)) : Infinity;
    const wrapped = params.loop && f > 0 && f % periodFrames === 0;
    if (!s.reader || wrapped || f < s.next || f - s.next > MAX_SKIP_FRAMES) {
      await closeReader(s);
      openAt(s, grid, params, ffmpegPath, fps, f, periodFrames);
    }
    const reader = s.reader as VideoReader;
    let frame: Uint8Array | null = null;
    while (s.next <= f) {
      frame = await reader.read();
      s.next++;
      if (!frame) break;
    }
    if (frame) {
      s.buf.set(frame);
      s.have = true;
    } else if (!s.have && f > 0 && !params.loop) {
      // a unit that starts past the end of the video: show the last frame, as a unit that ran through it does
      await closeReader(s);
      const info = await probeVideo(params.file, ffmpegPath);
      const last = Math.max(0, Math.floor((info.durationS - params.start) * fps) - 1);
      openAt(s, grid, params, ffmpegPath, fps, last, periodFrames);
      for (let g = await s.reader!.read(); g; g = await s.reader!.read()) {
        s.buf.set(g);
        s.have = true;
      }
    }
    s.next = f + 1;
  },
  draw(layer, grid, ctx, params) {
    if (ctx.replaying) return;
    const s = stateOf(ctx.state);
    if (!s || !s.have || s.buf.length !== grid.cols * grid.rows * 3) {
      layer.glyphs.fill(0);
      layer.colors.fill(0);
      return;
    }
    drawMedia(s.buf, grid, layer, params, s);
  },
  async dispose(state) {
    const s = stateOf(state);
    if (s) await closeReader(s);
  },
});
