import { existingWasmArena, GlyphreelError, type CellLayer, type RgbFrame } from '@glyphreel/core';
import { blitLayer, checkTableWidth, unknownGlyph, visibleLayer, type BlitTable, type Placement } from './blit.js';
import { blitInArena, histInArena, type VisibleLayer } from './blit-kernel.js';

/**
 * A frame that is one layer drawn on black and then passed byte by byte through a map (tonemap's look-up table) can
 * be drawn directly: the map is applied to the glyph pixels as they are written, and to the background once. That
 * saves the separate pass over every byte of the frame (≈ 3 ms of a 1080p frame) and the strided read of the frame
 * for the map's histogram, which `layerHistogram` takes from the cells and glyph masks instead.
 *
 * Exact because max-compositing commutes with a non-decreasing map: map[max(a, b)] = max(map[a], map[b]).
 */

/**
 * Adds to `hist` (256 bins) the channel values of the pixels at rows 0, step, 2·step, … and columns 0, step, … of
 * the layer drawn on black in a `width` × `height` frame — what a histogram of those pixels of the drawn frame would
 * count — and returns how many values it added (3 per sampled pixel).
 */
export function layerHistogram(table: BlitTable, place: Placement, layer: CellLayer, width: number, height: number, step: number, hist: Int32Array): number {
  const cells = visibleLayer(place, layer, width, height);
  if (!Number.isInteger(step) || step < 1) throw new GlyphreelError('E_PARAM', `layerHistogram: step ${step} is invalid; expected an integer ≥ 1`);
  if (hist.length < 256) throw new GlyphreelError('E_PARAM', `layerHistogram: the histogram has ${hist.length} bins; expected 256`);
  const total = Math.ceil(width / step) * Math.ceil(height / step) * 3;
  const arena = existingWasmArena();
  const counted = arena
    ? histInArena(arena, table.inArena(arena), cells, place, step, hist)
    : histogramLoop(table, place, cells, step, hist);
  hist[0]! += total - counted;
  return total;
}

/** The JavaScript twin of hist_layer (wasm/blit.wat.mjs), for threads without a wasm arena (exported for its test). */
export function histogramLoop(table: BlitTable, place: Placement, cells: VisibleLayer, step: number, hist: Int32Array): number {
  const { cw, ch, ox, oy } = place;
  const { masks, cellSize, built } = table;
  const { glyphs, colors, rowsVis, cols, colsVis } = cells;
  const yEnd = oy + rowsVis * ch;
  const xEnd = ox + colsVis * cw;
  let n = 0;
  for (let y = Math.ceil(oy / step) * step; y < yEnd; y += step) {
    const r = Math.floor((y - oy) / ch);
    const dy = y - oy - r * ch;
    for (let x = Math.ceil(ox / step) * step; x < xEnd; x += step) {
      const c = Math.floor((x - ox) / cw);
      const i = r * cols + c;
      const g = glyphs[i]!;
      if (g === 0 || g >= built) continue;
      const cv = masks[g * cellSize + dy * cw + (x - ox - c * cw)]!;
      if (cv === 0) continue;
      for (let k = 0; k < 3; k++) {
        const t = cv * colors[i * 3 + k]!;
        const v = (t + 1 + (t >> 8)) >> 8;
        if (v !== 0) {
          hist[v]!++;
          n++;
        }
      }
    }
  }
  return n;
}

/** Throws unless `map` is 256 non-decreasing bytes (the condition that makes the mapped blit exact). */
function checkMap(map: Uint8Array): void {
  if (!(map instanceof Uint8Array) || map.length < 256) {
    throw new GlyphreelError('E_PARAM', `renderMapped: the map must be a Uint8Array of 256 bytes, got ${map instanceof Uint8Array ? `${map.length} bytes` : typeof map}`);
  }
  for (let v = 1; v < 256; v++) {
    if (map[v]! < map[v - 1]!) {
      throw new GlyphreelError('E_PARAM', `renderMapped: the map decreases at ${v} (${map[v - 1]} → ${map[v]}); only a non-decreasing map commutes with max-compositing`, {
        hint: 'draw with render() and map the bytes afterwards',
      });
    }
  }
}

/**
 * Replaces every byte of `frame` with map[the byte the layer leaves there when drawn on black]. The frame's previous
 * content does not matter (it need not be cleared first). `map` must be non-decreasing.
 */
export function blitLayerMapped(table: BlitTable, place: Placement, layer: CellLayer, frame: RgbFrame, map: Uint8Array): void {
  const { width: W, height: H, data } = frame;
  const cells = visibleLayer(place, layer, W, H);
  checkMap(map);
  checkTableWidth(table, W);
  const arena = existingWasmArena();
  const framePtr = arena === undefined ? -1 : arena.ptrOf(data);
  if (framePtr < 0) {
    // A frame on the JavaScript heap: draw on black, then map every byte (the definition, at the price of the pass).
    data.fill(0);
    blitLayer(table, place, layer, frame);
    for (let i = 0; i < data.length; i++) data[i] = map[data[i]!]!;
    return;
  }
  const mp = arena!.scratch('blit:map', 256);
  arena!.u8(mp, 256).set(map.subarray(0, 256));
  const { cw, ch, ox, oy } = place;
  const bad = blitInArena(arena!, table.inArena(arena!), cells, framePtr + (oy * W + ox) * 3, W * 3 * ch, cw * 3, {
    map: mp,
    background: map[0]!,
    framePtr,
    rowBytes: W * 3,
    height: H,
    oy,
    ch,
  });
  if (bad !== 0) throw unknownGlyph(bad - 1, table.built);
}
