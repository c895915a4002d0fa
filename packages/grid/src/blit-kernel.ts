import type { WasmArena } from '@glyphreel/core';
import { WASM_BASE64 as BLIT_WASM } from './blit-wasm.js';

type BlitArgs = [
  glyphs: number,
  colors: number,
  rows: number,
  cols: number,
  colsVis: number,
  frame0: number,
  rowStride: number,
  cellStride: number,
  runStart: number,
  runOff: number,
  runLen: number,
  runCov: number,
  cov: number,
  nGlyphs: number,
];

/** The exports of wasm/blit.wat.mjs. The blits return 0, or g + 1 for the first glyph id g ≥ nGlyphs met. */
interface BlitKernel {
  blit_layer(...args: BlitArgs): number;
  blit_layer_mapped(...args: [...BlitArgs, map: number]): number;
  hist_layer(
    glyphs: number,
    colors: number,
    rows: number,
    cols: number,
    colsVis: number,
    ox: number,
    oy: number,
    cw: number,
    ch: number,
    step: number,
    masks: number,
    cellSize: number,
    nGlyphs: number,
    hist: number,
  ): number;
  fill_bytes(p: number, value: number, n: number): void;
}

/** The run arrays of a blit table, copied into an arena (coverage as bytes). */
export interface TableCopy {
  readonly arena: WasmArena;
  /** The table's `built` when copied: re-copied when the atlas has grown since. */
  readonly built: number;
  readonly runStart: number;
  readonly runOff: number;
  readonly runLen: number;
  readonly runCov: number;
  readonly cov: number;
  /** Every glyph's coverage mask, cellSize bytes per id (the histogram samples them). */
  readonly masks: number;
  readonly cellSize: number;
}

/** The part of a BlitTable the copy is made from. */
export interface RunArrays {
  readonly built: number;
  readonly runStart: Int32Array;
  readonly runOff: Int32Array;
  readonly runLen: Int32Array;
  readonly runCov: Int32Array;
  readonly cov: Int32Array;
  readonly runs: number;
  readonly covs: number;
  /** The atlas's masks (at least built × cellSize bytes). */
  readonly masks: Uint8Array;
  readonly cellSize: number;
}

// A table's copy lives as long as the table: released when the table is collected.
const copies = new FinalizationRegistry<{ arena: WasmArena; ptrs: number[] }>(({ arena, ptrs }) => {
  for (const p of ptrs) arena.release(p);
});

/** Copies a table's runs into the arena (once per atlas growth), releasing `old`'s regions. */
export function copyTable(arena: WasmArena, t: RunArrays, owner: object, old: TableCopy | undefined): TableCopy {
  if (old) {
    copies.unregister(old);
    for (const p of [old.runStart, old.runOff, old.runLen, old.runCov, old.cov, old.masks]) old.arena.release(p);
  }
  const i32 = (src: Int32Array, n: number) => {
    const ptr = arena.alloc(Math.max(1, n) * 4);
    arena.i32(ptr, n).set(src.subarray(0, n));
    return ptr;
  };
  const runStart = i32(t.runStart, t.built + 1);
  const runOff = i32(t.runOff, t.runs);
  const runLen = i32(t.runLen, t.runs);
  const runCov = i32(t.runCov, t.runs);
  const cov = arena.alloc(Math.max(1, t.covs));
  arena.u8(cov, t.covs).set(t.cov.subarray(0, t.covs));
  const maskBytes = t.built * t.cellSize;
  const masks = arena.alloc(Math.max(1, maskBytes));
  arena.u8(masks, maskBytes).set(t.masks.subarray(0, maskBytes));
  const copy: TableCopy = { arena, built: t.built, runStart, runOff, runLen, runCov, cov, masks, cellSize: t.cellSize };
  copies.register(owner, { arena, ptrs: [runStart, runOff, runLen, runCov, cov, masks] }, copy);
  return copy;
}

let kernel: { arena: WasmArena; k: BlitKernel } | undefined;

function kernelOf(arena: WasmArena): BlitKernel {
  if (kernel?.arena !== arena) kernel = { arena, k: arena.load<BlitKernel>(BLIT_WASM) };
  return kernel.k;
}

/** The visible rows' glyphs and colours copied into arena scratch: [glyphs, colors] addresses. */
function layerInArena(arena: WasmArena, { glyphs, colors, rowsVis, cols }: VisibleLayer): [number, number] {
  const cells = rowsVis * cols;
  const gp = arena.scratch('blit:glyphs', Math.max(1, cells) * 2);
  const cp = arena.scratch('blit:colors', Math.max(1, cells) * 3);
  arena.u16(gp, cells).set(glyphs.subarray(0, cells));
  arena.u8(cp, cells * 3).set(colors.subarray(0, cells * 3));
  return [gp, cp];
}

/**
 * The mapped blit's extras: the 256-byte map in the arena, and the whole frame, which is filled with map[0] band by
 * band just before each band is drawn (the rows stay in cache between the fill and the glyphs).
 */
export interface MappedFrame {
  readonly map: number;
  /** map[0]: the byte of every pixel the layer leaves black. */
  readonly background: number;
  readonly framePtr: number;
  readonly rowBytes: number;
  readonly height: number;
  /** The grid's first pixel row and cell height. */
  readonly oy: number;
  readonly ch: number;
}

/** The cells a kernel call draws or samples: the layer's glyphs and colours, and which of its cells are visible. */
export interface VisibleLayer {
  readonly glyphs: Uint16Array;
  readonly colors: Uint8Array;
  readonly rowsVis: number;
  readonly cols: number;
  readonly colsVis: number;
}

/**
 * Runs the wasm blit on a frame in `arena` whose grid starts at byte `frame0`. The layer's glyphs and colours are
 * copied into arena scratch first (a few hundred kilobytes at most, against megabytes of frame). With `mapped`, the
 * blit goes through the map and fills the frame's background as it goes. Returns as the kernel does.
 */
export function blitInArena(arena: WasmArena, table: TableCopy, cells: VisibleLayer, frame0: number, rowStride: number, cellStride: number, mapped?: MappedFrame): number {
  const k = kernelOf(arena);
  const { rowsVis, cols, colsVis } = cells;
  const [gp, cp] = layerInArena(arena, cells);
  if (mapped) fillRows(k, mapped, 0, Math.min(mapped.oy, mapped.height));
  // In bands of rows, not one call: WebAssembly code is replaced by its optimized version between calls only (no
  // on-stack replacement), and V8 starts optimizing the kernel part-way through the first frame of a thread, so the
  // rest of that frame gets the faster code. (Plain calls, no argument arrays: this runs every frame.)
  const { runStart, runOff, runLen, runCov, cov, built } = table;
  for (let r0 = 0; r0 < rowsVis; r0 += BAND_ROWS) {
    const rows = Math.min(BAND_ROWS, rowsVis - r0);
    const g = gp + 2 * r0 * cols;
    const c = cp + 3 * r0 * cols;
    const f0 = frame0 + r0 * rowStride;
    let bad: number;
    if (mapped) {
      fillRows(k, mapped, mapped.oy + r0 * mapped.ch, mapped.oy + (r0 + rows) * mapped.ch);
      bad = k.blit_layer_mapped(g, c, rows, cols, colsVis, f0, rowStride, cellStride, runStart, runOff, runLen, runCov, cov, built, mapped.map);
    } else {
      bad = k.blit_layer(g, c, rows, cols, colsVis, f0, rowStride, cellStride, runStart, runOff, runLen, runCov, cov, built);
    }
    if (bad !== 0) return bad;
  }
  if (mapped) fillRows(k, mapped, Math.max(0, Math.min(mapped.oy + rowsVis * mapped.ch, mapped.height)), mapped.height);
  return 0;
}

/** Frame rows [y0, y1) set to the mapped background. */
function fillRows(k: BlitKernel, mapped: MappedFrame, y0: number, y1: number): void {
  if (y1 > y0) k.fill_bytes(mapped.framePtr + y0 * mapped.rowBytes, mapped.background, (y1 - y0) * mapped.rowBytes);
}

/**
 * The wasm histogram of the layer drawn on black, sampled every `step` pixels (see hist_layer): adds the non-zero
 * channel values to `hist` and returns how many it added.
 */
export function histInArena(arena: WasmArena, table: TableCopy, cells: VisibleLayer, place: { ox: number; oy: number; cw: number; ch: number }, step: number, hist: Int32Array): number {
  const k = kernelOf(arena);
  const [gp, cp] = layerInArena(arena, cells);
  const hp = arena.scratch('blit:hist', 256 * 4);
  const bins = arena.i32(hp, 256);
  bins.fill(0);
  const n = k.hist_layer(gp, cp, cells.rowsVis, cells.cols, cells.colsVis, place.ox, place.oy, place.cw, place.ch, step, table.masks, table.cellSize, table.built, hp);
  for (let v = 1; v < 256; v++) hist[v]! += bins[v]!;
  return n;
}

/** Cell rows per kernel call (7 calls per 1080p md frame). */
const BAND_ROWS = 8;
