import type { CellLayer, FrameContext } from '@glyphreel/core';

/** Scratch copies of a layer for effects that move content around (kept in the layer state, sized to the grid). */
export interface LayerScratch {
  glyphs: Uint16Array;
  colors: Uint8Array;
}

export function layerScratch(ctx: FrameContext, key: string, cells: number): LayerScratch {
  let s = ctx.state[key] as LayerScratch | undefined;
  if (!s || s.glyphs.length !== cells) {
    s = { glyphs: new Uint16Array(cells), colors: new Uint8Array(cells * 3) };
    ctx.state[key] = s;
  }
  return s;
}

/**
 * Rolls rows [r0, r1) of a layer right by `shift` columns with wrap-around (NumPy's `np.roll` along the columns),
 * glyphs and colours together, through `tmp` (at least one row long).
 */
export function rollRows(layer: CellLayer, r0: number, r1: number, shift: number, tmp: LayerScratch): void {
  const cols = layer.cols;
  let s = shift % cols;
  if (s < 0) s += cols;
  if (s === 0) return;
  const g = layer.glyphs;
  const c = layer.colors;
  const tg = tmp.glyphs;
  const tc = tmp.colors;
  // Plain loops rather than subarray()/set(): views are objects, and this runs many times per frame.
  for (let r = r0; r < r1; r++) {
    const base = r * cols;
    for (let k = 0; k < cols; k++) {
      tg[k] = g[base + k]!;
      const o = (base + k) * 3;
      tc[k * 3] = c[o]!;
      tc[k * 3 + 1] = c[o + 1]!;
      tc[k * 3 + 2] = c[o + 2]!;
    }
    for (let k = 0; k < cols; k++) {
      let d = k + s;
      if (d >= cols) d -= cols;
      const at = base + d;
      g[at] = tg[k]!;
      const o = at * 3;
      c[o] = tc[k * 3]!;
      c[o + 1] = tc[k * 3 + 1]!;
      c[o + 2] = tc[k * 3 + 2]!;
    }
  }
}
