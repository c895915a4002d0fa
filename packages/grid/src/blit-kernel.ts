import type { WasmArena } from '@glyphreel/core';
import { WASM_BASE64 as BLIT_WASM } from './blit-wasm.js';

/** The export of wasm/blit.wat.mjs: 0, or g + 1 for the first glyph id g ≥ nGlyphs met. */
interface BlitKernel {
  blit_layer(
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
  ): number;
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
}

// A table's copy lives as long as the table: released when the table is collected.
const copies = new FinalizationRegistry<{ arena: WasmArena; ptrs: number[] }>(({ arena, ptrs }) => {
  for (const p of ptrs) arena.release(p);
});

/** Copies a table's runs into the arena (once per atlas growth), releasing `old`'s regions. */
export function copyTable(arena: WasmArena, t: RunArrays, owner: object, old: TableCopy | undefined): TableCopy {
  if (old) {
    copies.unregister(old);
    for (const p of [old.runStart, old.runOff, old.runLen, old.runCov, old.cov]) old.arena.release(p);
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
  const copy: TableCopy = { arena, built: t.built, runStart, runOff, runLen, runCov, cov };
  copies.register(owner, { arena, ptrs: [runStart, runOff, runLen, runCov, cov] }, copy);
  return copy;
}

let kernel: { arena: WasmArena; k: BlitKernel } | undefined;

/**
 * Runs the wasm blit on a frame at `framePtr` in `arena`. The layer's glyphs and colours are copied into arena scratch
 * first (a few hundred kilobytes at most, against megabytes of frame). Returns as the kernel does.
 */
export function blitInArena(
  arena: WasmArena,
  table: TableCopy,
  glyphs: Uint16Array,
  colors: Uint8Array,
  rowsVis: number,
  cols: number,
  colsVis: number,
  frame0: number,
  rowStride: number,
  cellStride: number,
): number {
  if (kernel?.arena !== arena) kernel = { arena, k: arena.load<BlitKernel>(BLIT_WASM) };
  const cells = rowsVis * cols;
  const gp = arena.scratch('blit:glyphs', Math.max(1, cells) * 2);
  const cp = arena.scratch('blit:colors', Math.max(1, cells) * 3);
  arena.u16(gp, cells).set(glyphs.subarray(0, cells));
  arena.u8(cp, cells * 3).set(colors.subarray(0, cells * 3));
  // In bands of rows, not one call: WebAssembly code is replaced by its optimized version between calls only (no
  // on-stack replacement), and V8 starts optimizing the kernel part-way through the first frame of a thread, so the
  // rest of that frame gets the faster code.
  const k = kernel.k;
  for (let r0 = 0; r0 < rowsVis; r0 += BAND_ROWS) {
    const rows = Math.min(BAND_ROWS, rowsVis - r0);
    const c0 = r0 * cols;
    const bad = k.blit_layer(gp + 2 * c0, cp + 3 * c0, rows, cols, colsVis, frame0 + r0 * rowStride, rowStride, cellStride, table.runStart, table.runOff, table.runLen, table.runCov, table.cov, table.built);
    if (bad !== 0) return bad;
  }
  return 0;
}

/** Cell rows per kernel call (7 calls per 1080p md frame). */
const BAND_ROWS = 8;
