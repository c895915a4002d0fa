import { Rng, wasmArena, type CellLayer, type RgbFrame } from '@glyphreel/core';
import type { Grid } from '../grid.js';

/** A frame whose bytes live in the thread's wasm arena (as createSimdFrame's do), holding a copy of `from`. */
export function arenaFrame(from: RgbFrame): RgbFrame {
  const a = wasmArena();
  const data = a.u8(a.alloc(from.data.length), from.data.length);
  data.set(from.data);
  return { width: from.width, height: from.height, data };
}

/** Blanks, black cells and every glyph of `ids`, in about equal measure, with random colours. */
export function randomLayer(grid: Grid, rng: Rng, ids: Uint16Array): CellLayer {
  const layer = grid.createLayer();
  for (let i = 0; i < layer.glyphs.length; i++) {
    const u = rng.next();
    layer.glyphs[i] = u < 0.2 ? 0 : (ids[Math.floor(rng.next() * ids.length)] as number);
    const black = rng.next() < 0.15;
    for (let k = 0; k < 3; k++) layer.colors[3 * i + k] = black ? 0 : Math.floor(rng.next() * 256);
  }
  return layer;
}

/** Mostly black, with random bytes. */
export function randomFrame(width: number, height: number, rng: Rng): RgbFrame {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = rng.next() < 0.7 ? 0 : Math.floor(rng.next() * 256);
  return { width, height, data };
}
