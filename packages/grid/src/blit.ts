import { existingWasmArena, GlyphreelError, type CellLayer, type RgbFrame, type WasmArena } from '@glyphreel/core';
import type { GlyphAtlas } from './atlas.js';
import { blitInArena, copyTable, type TableCopy, type VisibleLayer } from './blit-kernel.js';

/**
 * ⌊cov·c/255⌋ for cov, c in 0–255: the reference's trunc(coverage/255 × colour) in exact integers, without a
 * division. The reference's float32 product gives the same byte for all 65 536 pairs (checked in the tests). The blit
 * inlines this formula.
 */
export const mulDiv255 = (cov: number, c: number): number => {
  const x = cov * c;
  return (x + 1 + (x >> 8)) >> 8;
};

let mul: Uint8Array | undefined;

/**
 * The same as a 64 KiB table, mulTable()[(cov << 8) | c], for loops that read coverage as a byte (canvas read-back).
 * Built on first use: building it costs ≈ 3 ms unoptimized, on every worker thread that imports the package.
 */
export function mulTable(): Uint8Array {
  if (mul) return mul;
  const t = new Uint8Array(65536);
  for (let cov = 0; cov < 256; cov++) for (let c = 0; c < 256; c++) t[(cov << 8) | c] = Math.floor((cov * c) / 255);
  return (mul = t);
}

/**
 * The ink of every glyph of an atlas as horizontal runs, with byte offsets into an rgb24 frame of one width: the blit
 * touches only non-zero coverage. A run is either full (every pixel coverage 255, so the colour is written as is)
 * or partial (coverage per pixel in `cov`). Extended in place when the atlas grows; one table per (atlas, width).
 */
export class BlitTable {
  /** runStart[id] … runStart[id+1]: the glyph's runs. */
  runStart = new Int32Array(257);
  /** Byte offset of the run's first pixel from the cell's top-left byte. */
  runOff = new Int32Array(4096);
  /** Run length in bytes (3 per pixel). */
  runLen = new Int32Array(4096);
  /** Index of the run's first coverage value in `cov`, or −1 for a full run. */
  runCov = new Int32Array(4096);
  /** Coverage of the pixels of partial runs. */
  cov = new Int32Array(4096);
  built = 1;
  private nRuns = 0;
  private nCov = 0;
  private version = -1;
  private copy: TableCopy | undefined;

  /**
   * `seed` (from `toSeed()` of a table of the same atlas and frame width, in any thread): start with its runs instead
   * of building them from the masks; glyphs the atlas has beyond it are added by `sync` as usual.
   */
  constructor(readonly atlas: GlyphAtlas, readonly frameWidth: number, seed?: BlitTableSeed) {
    if (seed === undefined || seed.frameWidth !== frameWidth || seed.built > atlas.count) return;
    // Copies: the seed's arrays are shared with other threads, and this table may grow in place.
    this.runStart = new Int32Array(seed.runStart);
    this.runOff = new Int32Array(seed.runOff);
    this.runLen = new Int32Array(seed.runLen);
    this.runCov = new Int32Array(seed.runCov);
    this.cov = new Int32Array(seed.cov);
    this.built = seed.built;
    this.nRuns = seed.runs;
    this.nCov = seed.covs;
  }

  /** The table as plain data for another thread (arrays over SharedArrayBuffers, cut to what is used). */
  toSeed(): BlitTableSeed {
    const shared = (a: Int32Array, n: number) => {
      const out = new Int32Array(new SharedArrayBuffer(Math.max(1, n) * 4));
      out.set(a.subarray(0, n));
      return out;
    };
    return {
      frameWidth: this.frameWidth,
      built: this.built,
      runs: this.nRuns,
      covs: this.nCov,
      runStart: shared(this.runStart, this.built + 1),
      runOff: shared(this.runOff, this.nRuns),
      runLen: shared(this.runLen, this.nRuns),
      runCov: shared(this.runCov, this.nRuns),
      cov: shared(this.cov, this.nCov),
    };
  }

  /** Runs in the table. */
  get runs(): number {
    return this.nRuns;
  }

  /** Coverage values of partial runs in the table. */
  get covs(): number {
    return this.nCov;
  }

  /** The atlas's coverage masks (cellSize bytes per glyph id). */
  get masks(): Uint8Array {
    return this.atlas.masks;
  }

  get cellSize(): number {
    return this.atlas.cellSize;
  }

  /** The table copied into a wasm arena for the kernel blit, re-copied when the atlas has grown since. */
  inArena(arena: WasmArena): TableCopy {
    const c = this.copy;
    if (c !== undefined && c.arena === arena && c.built === this.built) return c;
    return (this.copy = copyTable(arena, this, this, c));
  }

  /** Brings the table up to date with the atlas (no work when nothing was added). */
  sync(): this {
    const atlas = this.atlas;
    if (this.version === atlas.version) return this;
    const { cw, ch, cellSize } = atlas;
    const stride = this.frameWidth * 3;
    if (this.runStart.length < atlas.count + 1) {
      const s = new Int32Array(Math.max(atlas.count + 1, this.runStart.length * 2));
      s.set(this.runStart);
      this.runStart = s;
    }
    const masks = atlas.masks;
    for (let id = this.built; id < atlas.count; id++) {
      const base = id * cellSize;
      // at most cellSize runs and cellSize coverage values per glyph
      this.reserve(this.nRuns + cellSize, this.nCov + cellSize);
      for (let y = 0; y < ch; y++) {
        let x = 0;
        while (x < cw) {
          const v = masks[base + y * cw + x] as number;
          if (v === 0) {
            x++;
            continue;
          }
          const full = v === 255;
          const x0 = x;
          while (x < cw) {
            const u = masks[base + y * cw + x] as number;
            if (u === 0 || (u === 255) !== full) break;
            if (!full) this.cov[this.nCov + (x - x0)] = u;
            x++;
          }
          const r = this.nRuns++;
          this.runOff[r] = y * stride + x0 * 3;
          this.runLen[r] = (x - x0) * 3;
          if (full) {
            this.runCov[r] = -1;
          } else {
            this.runCov[r] = this.nCov;
            this.nCov += x - x0;
          }
        }
      }
      this.runStart[id + 1] = this.nRuns;
    }
    this.built = atlas.count;
    this.version = atlas.version;
    return this;
  }

  private reserve(runs: number, covs: number): void {
    if (runs > this.runOff.length) {
      const len = Math.max(runs, this.runOff.length * 2);
      for (const k of ['runOff', 'runLen', 'runCov'] as const) {
        const a = new Int32Array(len);
        a.set(this[k]);
        this[k] = a;
      }
    }
    if (covs > this.cov.length) {
      const a = new Int32Array(Math.max(covs, this.cov.length * 2));
      a.set(this.cov);
      this.cov = a;
    }
  }
}

/** A blit table as plain data (see BlitTable#toSeed). */
export interface BlitTableSeed {
  readonly frameWidth: number;
  readonly built: number;
  readonly runs: number;
  readonly covs: number;
  readonly runStart: Int32Array;
  readonly runOff: Int32Array;
  readonly runLen: Int32Array;
  readonly runCov: Int32Array;
  readonly cov: Int32Array;
}

/** Where a grid sits in a frame: what the blit needs besides the layer. */
export interface Placement {
  readonly rows: number;
  readonly cols: number;
  readonly cw: number;
  readonly ch: number;
  readonly ox: number;
  readonly oy: number;
}

/**
 * Max-composites a cell layer into a frame: per pixel and channel, max(frame, ⌊cov·colour/255⌋). Blank cells (glyph
 * 0) and black cells are skipped (max with 0 changes nothing), and only non-zero coverage is visited. Cells that
 * would cross the frame edge are not drawn (catalog 9.1).
 *
 * A frame in @glyphreel/core's wasm arena (createSimdFrame of @glyphreel/shaders: every renderer frame) is drawn by
 * the WebAssembly kernel of wasm/blit.wat.mjs, byte for byte the same as the loop below, which draws other frames
 * without allocating (the kernel path makes two small typed-array views per call).
 */
export function blitLayer(table: BlitTable, place: Placement, layer: CellLayer, frame: RgbFrame): void {
  const { cols, cw, ch, ox, oy } = place;
  const W = frame.width;
  const cells = visibleLayer(place, layer, W, frame.height);
  checkTableWidth(table, W);
  const { glyphs, colors, rowsVis, colsVis } = cells;
  const d = frame.data;
  const arena = existingWasmArena();
  const framePtr = arena === undefined ? -1 : arena.ptrOf(d);
  if (framePtr >= 0) {
    const bad = blitInArena(arena!, table.inArena(arena!), cells, framePtr + (oy * W + ox) * 3, W * 3 * ch, cw * 3);
    if (bad !== 0) throw unknownGlyph(bad - 1, table.built);
    return;
  }
  const runStart = table.runStart;
  const runOff = table.runOff;
  const runLen = table.runLen;
  const runCov = table.runCov;
  const cov = table.cov;
  const nGlyphs = table.built;
  const rowStride = W * 3 * ch;
  const cellStride = cw * 3;
  for (let r = 0; r < rowsVis; r++) {
    const rowBase = (oy * W + ox) * 3 + r * rowStride;
    let i = r * cols;
    for (let c = 0; c < colsVis; c++, i++) {
      const g = glyphs[i] as number;
      if (g === 0) continue;
      const ci = i * 3;
      const R = colors[ci] as number;
      const G = colors[ci + 1] as number;
      const B = colors[ci + 2] as number;
      if ((R | G | B) === 0) continue;
      if (g >= nGlyphs) throw unknownGlyph(g, nGlyphs);
      const base = rowBase + c * cellStride;
      const re = runStart[g + 1] as number;
      for (let q = runStart[g] as number; q < re; q++) {
        let p = base + (runOff[q] as number);
        const e = p + (runLen[q] as number);
        let k = runCov[q] as number;
        if (k < 0) {
          for (; p < e; p += 3) {
            if (R > (d[p] as number)) d[p] = R;
            if (G > (d[p + 1] as number)) d[p + 1] = G;
            if (B > (d[p + 2] as number)) d[p + 2] = B;
          }
        } else {
          for (; p < e; p += 3, k++) {
            const cv = cov[k] as number;
            // ⌊x/255⌋ for x in [0, 65025] without a division: (x + 1 + (x >> 8)) >> 8 (checked exhaustively)
            let x = cv * R;
            let v = (x + 1 + (x >> 8)) >> 8;
            if (v > (d[p] as number)) d[p] = v;
            x = cv * G;
            v = (x + 1 + (x >> 8)) >> 8;
            if (v > (d[p + 1] as number)) d[p + 1] = v;
            x = cv * B;
            v = (x + 1 + (x >> 8)) >> 8;
            if (v > (d[p + 2] as number)) d[p + 2] = v;
          }
        }
      }
    }
  }
}

/**
 * The layer's cells drawn in a frame of this size: whole cells only (catalog 9.1). Checks the layer's size against
 * the grid's first.
 */
export function visibleLayer(place: Placement, layer: CellLayer, width: number, height: number): VisibleLayer {
  if (layer.rows !== place.rows || layer.cols !== place.cols) {
    throw new GlyphreelError('E_PARAM', `render: the layer is ${layer.cols}×${layer.rows} cells but the grid is ${place.cols}×${place.rows}`, {
      hint: 'create layers for this grid (renderer.layer(grid) or createCellLayer(grid))',
    });
  }
  return {
    glyphs: layer.glyphs,
    colors: layer.colors,
    rowsVis: Math.min(place.rows, Math.max(0, Math.floor((height - place.oy) / place.ch))),
    cols: place.cols,
    colsVis: Math.min(place.cols, Math.max(0, Math.floor((width - place.ox) / place.cw))),
  };
}

/** A blit table is built for one frame width (its run offsets are byte offsets into such a frame's rows). */
export function checkTableWidth(table: BlitTable, width: number): void {
  if (width !== table.frameWidth) {
    throw new GlyphreelError('E_PARAM', `render: blit table for width ${table.frameWidth} used on a frame ${width} wide`);
  }
}

/** Max-composites one glyph at a cell (row, col), clipped like blitLayer. Used by the text-row renderer. */
export function blitGlyph(table: BlitTable, place: Placement, frame: RgbFrame, g: number, row: number, col: number, R: number, G: number, B: number): void {
  if (g === 0 || (R | G | B) === 0) return;
  if (g >= table.built) throw unknownGlyph(g, table.built);
  const W = frame.width;
  const x = place.ox + col * place.cw;
  const y = place.oy + row * place.ch;
  if (row < 0 || col < 0 || row >= place.rows || col >= place.cols || x + place.cw > W || y + place.ch > frame.height) return;
  const d = frame.data;
  const base = (y * W + x) * 3;
  const { runStart, runOff, runLen, runCov, cov } = table;
  const re = runStart[g + 1] as number;
  for (let q = runStart[g] as number; q < re; q++) {
    let p = base + (runOff[q] as number);
    const e = p + (runLen[q] as number);
    let k = runCov[q] as number;
    for (; p < e; p += 3) {
      const cv = k < 0 ? 255 : (cov[k++] as number);
      let x = cv * R;
      let v = (x + 1 + (x >> 8)) >> 8;
      if (v > (d[p] as number)) d[p] = v;
      x = cv * G;
      v = (x + 1 + (x >> 8)) >> 8;
      if (v > (d[p + 1] as number)) d[p + 1] = v;
      x = cv * B;
      v = (x + 1 + (x >> 8)) >> 8;
      if (v > (d[p + 2] as number)) d[p + 2] = v;
    }
  }
}

export function unknownGlyph(g: number, n: number): GlyphreelError {
  return new GlyphreelError('E_RENDER', `render: glyph id ${g} is not in this grid's atlas (${n} glyphs)`, {
    hint: "get glyph ids from this grid's glyphIds()",
  });
}
