import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { defineCellEffect, GlyphreelError, type CellLayer, type FrameContext, type GridGeometry } from '@glyphreel/core';
import type { Cue } from './cue.js';
import { layoutCues, type CueLayout } from './layout.js';
import { parseLrc } from './lrc.js';
import { parseSrt } from './srt.js';
import { CueTimeline } from './timeline.js';
import { decodeLyricsText } from './text.js';
import { defaultMaxChars } from './wrap.js';

export const LYRICS_MODES = ['typewriter', 'fade', 'flash', 'scatter', 'wave'] as const;
export type LyricsMode = (typeof LYRICS_MODES)[number];

/** Flash mode's brightness between beats, as a fraction of full: dim enough to pulse, bright enough to read. */
export const FLASH_FLOOR = 0.45;

/**
 * Parses lyrics text by file extension: `.lrc` as LRC, anything else as SRT. A file with no timed text at all is
 * E_INPUT: an empty or mangled file would otherwise render a video without lyrics and exit 0.
 */
export function parseCueFile(text: string, file: string): Cue[] {
  const cues = path.extname(file).toLowerCase() === '.lrc' ? parseLrc(text, { file }) : parseSrt(text, { file });
  if (!cues.some((c) => c.text !== '')) {
    throw new GlyphreelError('E_INPUT', `lyrics file ${file} has no timed lines (expected SRT \`00:00:01,000 --> 00:00:03,000\` or LRC \`[mm:ss.xx]text\`)`, {
      hint: 'an .lrc file is read as LRC, anything else as SRT',
    });
  }
  return cues;
}

/** Decodes (UTF-8, or UTF-16 with a BOM) and parses a lyrics file's bytes; see `decodeLyricsText` and `parseCueFile`. */
export function parseCueBytes(bytes: Uint8Array, file: string): Cue[] {
  return parseCueFile(decodeLyricsText(bytes, file), file);
}

/** Reads and parses a lyrics file (SRT or LRC); E_INPUT when it cannot be read, decoded or parsed, or has no cues. */
export async function loadCues(file: string): Promise<Cue[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw unreadable(file, err);
  }
  return parseCueBytes(bytes, file);
}

/**
 * The file arrives here both from a scene file's `file` parameter and from `--lyrics`, and this layer cannot tell
 * which, so the message names only the file (never a parameter the user may not have written).
 */
function unreadable(file: string, err: unknown): GlyphreelError {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? (err as Error).message);
  return new GlyphreelError('E_INPUT', `Cannot read lyrics file "${file}": ${why}`, { hint: 'give the path of an .srt or .lrc file', cause: err });
}

interface LyricsState {
  file: string;
  timeline: CueTimeline;
  layout: CueLayout | undefined;
  /** Indices of the active cues, room for every cue. */
  active: Int32Array;
}

const STATE_KEY = 'lyrics';

function requireFile(file: string): void {
  if (file === '') {
    throw new GlyphreelError('E_PARAM', 'inputs/lyrics (effect): parameter "file" is required', { hint: 'name an .srt or .lrc file' });
  }
}

function adopt(ctx: FrameContext, file: string, cues: Cue[]): LyricsState {
  const st: LyricsState = { file, timeline: new CueTimeline(cues), layout: undefined, active: new Int32Array(Math.max(1, cues.length)) };
  ctx.state[STATE_KEY] = st;
  return st;
}

/**
 * The state for this frame: prepare() normally loaded it; a runtime that draws without awaiting prepare (or a test)
 * gets a synchronous read instead of a silent blank layer.
 */
function stateFor(ctx: FrameContext, file: string): LyricsState {
  const st = ctx.state[STATE_KEY] as LyricsState | undefined;
  if (st && st.file === file) return st;
  requireFile(file);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw unreadable(file, err);
  }
  return adopt(ctx, file, parseCueBytes(bytes, file));
}

function layoutFor(st: LyricsState, grid: GridGeometry, maxCharsParam: number, seed: number): CueLayout {
  const maxChars = maxCharsParam > 0 ? Math.min(maxCharsParam, grid.cols) : defaultMaxChars(grid);
  const l = st.layout;
  if (l && l.gridId === grid.id && l.maxChars === maxChars && l.seed === seed && l.timeline === st.timeline) return l;
  st.layout = layoutCues(st.timeline, grid, maxChars, seed);
  return st.layout;
}

/** Rounds half up into 0…255; `| 0` keeps the result a small integer, which V8 passes between functions unboxed. */
function clampByte(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : (v + 0.5) | 0;
}

/** One cell: glyph and colour bytes. */
function put(layer: CellLayer, cell: number, glyph: number, r: number, g: number, b: number): void {
  layer.glyphs[cell] = glyph;
  const o = cell * 3;
  layer.colors[o] = r;
  layer.colors[o + 1] = g;
  layer.colors[o + 2] = b;
}

/**
 * Lyrics from an SRT or LRC file (catalog 5.4), shown while each cue is active at song time s = t + offset, where t
 * is the scene's local time: `offset` is the song time at the scene's first frame (the scene's absolute start is not
 * in the FrameContext, so the scene file states it). Cues are word-wrapped (max_chars; 0 = 25 on portrait frames and
 * 50 on landscape ones), each line centred, the block centred on row ⌊row·(rows − 1)⌉; overlapping cues stack in
 * start order. Only glyph cells are written, so the layer keeps whatever lies under the spaces.
 *
 * Modes (e = s − cue start):
 * - typewriter: n = ⌊cps·e⌋ chars (cps 0: ⌊len·e/duration⌋, the reference's `lyrics_typewriter`), newest brightest
 *   (min(1, 0.5 + 0.5/(1 + 0.015·age)), `render_typewriter`), a ▌ cursor in `highlight` at the insertion point while
 *   text remains, blinking at 1.5 Hz (shown when ⌊3e⌋ is even);
 * - fade: colour × clamp(min(e, end − s)/fade, 0, 1);
 * - flash: p = max(beat, bdecay); colour lerp(color, highlight, p) × (0.45 + 0.55·p);
 * - scatter: each char starts on a seeded random cell and eases (cubic ease-out) onto its place over `converge`
 *   seconds, its colour going from highlight to color; seeded by (seed, cue), never by ctx.rng, so a worker that
 *   starts mid-scene draws the same frame;
 * - wave: each char's row is offset by round(wave_amp·sin(wave_freq·column + wave_speed·s)); lines are 2·round(wave_amp)
 *   + 1 rows apart so they never share a row (the amplitude is lowered where the block would not fit the frame), and
 *   the default wave_freq (0.15 rad/column, a ~42-column period) keeps a short word on one row or steps it once.
 * Readable by default: bright warm white text; a layer cannot darken what lies beneath it, so for legibility put the
 * lyrics on their own (lg) grid over a quiet background.
 */
export const lyrics = defineCellEffect({
  name: 'lyrics',
  description: 'Timed lyrics from an SRT or LRC file: typewriter, fade, flash, scatter or wave (catalog 5.4)',
  params: {
    file: { type: 'string', default: '', description: 'SRT or LRC file (required); .lrc is read as LRC' },
    mode: { type: 'enum', values: LYRICS_MODES, default: 'typewriter' },
    color: { type: 'color', default: [255, 245, 230], description: 'text colour' },
    highlight: { type: 'color', default: [255, 220, 100], description: 'cursor, beat-flash peak and scatter start colour' },
    row: { type: 'number', default: 0.8, min: 0, max: 1, description: 'vertical centre of the text block, 0 top … 1 bottom' },
    cps: { type: 'number', default: 20, min: 0, max: 1000, description: 'typewriter chars per second; 0 spreads the reveal over the cue' },
    max_chars: { type: 'integer', default: 0, min: 0, max: 1000, description: 'wrap width in chars; 0: 25 portrait, 50 landscape (≤ cols)' },
    offset: { type: 'number', default: 0, min: -86400, max: 86400, description: 'song time in seconds at the scene\'s first frame' },
    seed: { type: 'integer', default: 0, min: 0, max: 2147483647, description: 'scatter start positions' },
    fade: { type: 'number', default: 0.3, min: 0, max: 10, description: 'fade-in/out seconds at the cue edges (fade mode)' },
    converge: { type: 'number', default: 0.6, min: 0, max: 10, description: 'seconds for scattered chars to reach their places' },
    wave_amp: { type: 'number', default: 1, min: 0, max: 20, description: 'wave height in rows' },
    wave_freq: { type: 'number', default: 0.15, min: 0, max: 10, description: 'radians per column (low, so whole words move together)' },
    wave_speed: { type: 'number', default: 4, min: -50, max: 50, description: 'radians per second' },
  },
  async prepare(grid, ctx, p) {
    requireFile(p.file);
    let st = ctx.state[STATE_KEY] as LyricsState | undefined;
    if (!st || st.file !== p.file) st = adopt(ctx, p.file, await loadCues(p.file));
    layoutFor(st, grid, p.max_chars, p.seed);
  },
  draw(layer, grid, ctx, p) {
    if (ctx.replaying) return;
    const st = stateFor(ctx, p.file);
    const lay = layoutFor(st, grid, p.max_chars, p.seed);
    const s = ctx.t + p.offset;
    const active = st.active;
    const n = st.timeline.activeAt(s, active);
    if (n === 0) return;
    let lines = 0;
    for (let a = 0; a < n; a++) {
      const c = active[a] as number;
      lines += (lay.cueLine[c + 1] as number) - (lay.cueLine[c] as number);
    }
    const rows = grid.rows;
    const centre = Math.round(p.row * (rows - 1));
    // Wave mode: every char of a line moves within ±ext rows of the line's row (|round(a·sin)| ≤ round(a)), so lines
    // 2·ext + 1 rows apart never share a row at any phase. Where the block would not fit, the amplitude is lowered
    // until it does (ext 0: still text) rather than letting lines collide or leave the frame.
    let amp = 0;
    let ext = 0;
    if (p.mode === 'wave') {
      amp = p.wave_amp;
      ext = Math.round(amp);
      const room = Math.floor((Math.floor(rows / lines) - 1) / 2);
      if (ext > room) {
        ext = room < 0 ? 0 : room;
        amp = ext;
      }
    }
    const pitch = 2 * ext + 1;
    const height = (lines - 1) * pitch + 2 * ext + 1;
    // `top` is the row of the block's first line; the block (wave extent included) stays inside the frame.
    let edge = Math.min(centre - ((lines - 1) >> 1) * pitch - ext, rows - height);
    if (edge < 0) edge = 0;
    let top = edge + ext;
    const cues = st.timeline.cues;
    // Indexed reads rather than destructuring, which goes through the array iterator.
    const cr = p.color[0];
    const cg = p.color[1];
    const cb = p.color[2];
    const hr = p.highlight[0];
    const hg = p.highlight[1];
    const hb = p.highlight[2];
    const cols = grid.cols;
    // Read once per frame, not per cue: every read of a double out of a call can box it.
    const pulse = p.mode === 'flash' ? Math.min(1, Math.max(0, ctx.features.get('beat'), ctx.features.get('bdecay'))) : 0;
    for (let a = 0; a < n; a++) {
      const c = active[a] as number;
      const cue = cues[c] as Cue;
      const e = s - cue.startS;
      const first = lay.cueChar[c] as number;
      const end = lay.cueChar[c + 1] as number;
      const len = end - first;
      switch (p.mode as LyricsMode) {
        case 'typewriter': {
          const dur = cue.endS - cue.startS;
          // The epsilon keeps t = i/fps from landing a hair below an exact reveal step.
          let shown = p.cps > 0 ? Math.floor(p.cps * e + 1e-9) : dur > 0 ? Math.floor((len * e) / dur + 1e-9) : len;
          if (shown > len) shown = len;
          for (let k = 0; k < shown; k++) {
            const i = first + k;
            const r = top + (lay.line[i] as number);
            const g = lay.glyph[i] as number;
            if (g === 0 || r >= rows) continue;
            const v = Math.min(1, 0.5 + 0.5 / (1 + 0.015 * (shown - 1 - k)));
            put(layer, r * cols + (lay.col[i] as number), g, clampByte(cr * v), clampByte(cg * v), clampByte(cb * v));
          }
          if (shown < len && lay.cursor !== 0 && (Math.floor(3 * e) & 1) === 0) {
            const i = first + shown;
            const r = top + (lay.line[i] as number);
            if (r < rows) put(layer, r * cols + (lay.col[i] as number), lay.cursor, hr, hg, hb);
          }
          break;
        }
        case 'fade': {
          const edge = Math.min(e, cue.endS - s);
          const k = p.fade > 0 ? Math.min(1, Math.max(0, edge / p.fade)) : 1;
          if (k > 0) stampStatic(layer, lay, first, end, top, rows, cols, clampByte(cr * k), clampByte(cg * k), clampByte(cb * k));
          break;
        }
        case 'flash': {
          const f = pulse;
          const v = FLASH_FLOOR + (1 - FLASH_FLOOR) * f;
          stampStatic(layer, lay, first, end, top, rows, cols, clampByte((cr + (hr - cr) * f) * v), clampByte((cg + (hg - cg) * f) * v), clampByte((cb + (hb - cb) * f) * v));
          break;
        }
        case 'scatter': {
          const u = p.converge > 0 ? Math.min(1, Math.max(0, e / p.converge)) : 1;
          const w = 1 - (1 - u) * (1 - u) * (1 - u);
          const R0 = clampByte(hr + (cr - hr) * w);
          const G0 = clampByte(hg + (cg - hg) * w);
          const B0 = clampByte(hb + (cb - hb) * w);
          for (let i = first; i < end; i++) {
            const g = lay.glyph[i] as number;
            if (g === 0) continue;
            const sr = lay.scatterRow[i] as number;
            const sc = lay.scatterCol[i] as number;
            const r = Math.round(sr + (top + (lay.line[i] as number) - sr) * w);
            const col = Math.round(sc + ((lay.col[i] as number) - sc) * w);
            if (r < 0 || r >= rows || col < 0 || col >= cols) continue;
            put(layer, r * cols + col, g, R0, G0, B0);
          }
          break;
        }
        case 'wave': {
          for (let i = first; i < end; i++) {
            const g = lay.glyph[i] as number;
            if (g === 0) continue;
            const col = lay.col[i] as number;
            const r = top + (lay.line[i] as number) * pitch + Math.round(amp * Math.sin(p.wave_freq * col + p.wave_speed * s));
            if (r < 0 || r >= rows) continue;
            put(layer, r * cols + col, g, cr, cg, cb);
          }
          break;
        }
      }
      top += ((lay.cueLine[c + 1] as number) - (lay.cueLine[c] as number)) * pitch;
    }
  },
});

/** Every glyph of chars first…end − 1 at its place, in one colour given as bytes. */
function stampStatic(layer: CellLayer, lay: CueLayout, first: number, end: number, top: number, rows: number, cols: number, R: number, G: number, B: number): void {
  for (let i = first; i < end; i++) {
    const glyph = lay.glyph[i] as number;
    const row = top + (lay.line[i] as number);
    if (glyph === 0 || row >= rows) continue;
    const cell = row * cols + (lay.col[i] as number);
    layer.glyphs[cell] = glyph;
    layer.colors[cell * 3] = R;
    layer.colors[cell * 3 + 1] = G;
    layer.colors[cell * 3 + 2] = B;
  }
}
