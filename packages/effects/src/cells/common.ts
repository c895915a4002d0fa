import { hsvToRgbInto, PALETTES, PARTICLE_SETS, type CellLayer, type FrameContext, type GridGeometry } from '@glyphreel/core';

/**
 * Beats arrive normalized to 0/1, so the reference's two thresholds (beat > 0 and beat > 0.5, catalog 9.2 item 19)
 * agree on real data; we use > 0.5 everywhere so that a smoothed or interpolated beat curve only fires near its peak.
 */
export const BEAT_THRESHOLD = 0.5;

export function isBeat(ctx: FrameContext): boolean {
  return ctx.features.get('beat') > BEAT_THRESHOLD;
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Euclidean modulo: the column an np.roll-style shift lands on, also for negative offsets. */
export function mod(a: number, n: number): number {
  const r = a % n;
  return r < 0 ? r + n : r;
}

/**
 * A glyph set parameter: a particle set name (`energy`, `spark` …), a palette name (`kata`, `blocks` …) or a literal
 * string of glyphs. Particle sets win over palettes for the names both define (rune, zodiac, binary), because this is
 * used for particle glyphs.
 */
export function resolveCharSet(value: string): string {
  return PARTICLE_SETS[value] ?? PALETTES[value] ?? value;
}

/** A palette parameter: a built-in palette name or a literal string (index 0 a space). */
export function resolvePalette(value: string): string {
  return PALETTES[value] ?? value;
}

/** Writes one cell. `color` is an [r, g, b] tuple scaled by `k` (truncated like the reference's u8 casts). */
export function putCell(layer: CellLayer, idx: number, glyph: number, r: number, g: number, b: number): void {
  layer.glyphs[idx] = glyph;
  const o = idx * 3;
  const c = layer.colors;
  c[o] = r < 0 ? 0 : r > 255 ? 255 : r | 0;
  c[o + 1] = g < 0 ? 0 : g > 255 ? 255 : g | 0;
  c[o + 2] = b < 0 ? 0 : b > 255 ? 255 : b | 0;
}

/**
 * Stamps glyph ids on one row starting at `col`, clipped to the grid (the reference's `stamp`). Blank ids (spaces)
 * are skipped so text overlays stay transparent between words, as `layer_over` treats spaces.
 * Returns the number of cells written.
 */
export function stampIds(
  layer: CellLayer,
  ids: Uint16Array,
  row: number,
  col: number,
  r: number,
  g: number,
  b: number,
  from = 0,
  to = ids.length,
): number {
  if (row < 0 || row >= layer.rows) return 0;
  let written = 0;
  const base = row * layer.cols;
  for (let k = from; k < to; k++) {
    const c = col + (k - from);
    if (c < 0) continue;
    if (c >= layer.cols) break;
    const id = ids[k]!;
    if (id === 0) continue;
    putCell(layer, base + c, id, r, g, b);
    written++;
  }
  return written;
}

/** Column that centres a run of `len` cells on the grid. */
export function centredCol(grid: Pick<GridGeometry, 'cols'>, len: number): number {
  return Math.floor((grid.cols - len) / 2);
}

/** A row parameter: non-negative counts from the top, negative from the bottom (−1 = last row). */
export function rowFromParam(grid: Pick<GridGeometry, 'rows'>, row: number): number {
  return row < 0 ? grid.rows + row : row;
}

/**
 * A 256-step colour table along one variable u ∈ [0, 1]: HSV(h0 + hSlope·u, sat, max(vFloor, v0 + vSlope·u)).
 * Particle and rain colours are all of this form (u = life, fade, speed …), so per-cell HSV conversions become a table
 * lookup. The table is rebuilt only when its six inputs change. Quantizing u to 1/255 moves a channel by at most one
 * level against converting each cell directly.
 */
export class HsvRamp {
  readonly rgb = new Uint8Array(256 * 3);
  private k0 = NaN;
  private k1 = NaN;
  private k2 = NaN;
  private k3 = NaN;
  private k4 = NaN;
  private k5 = NaN;

  set(h0: number, hSlope: number, sat: number, v0: number, vSlope: number, vFloor = 0): this {
    if (h0 === this.k0 && hSlope === this.k1 && sat === this.k2 && v0 === this.k3 && vSlope === this.k4 && vFloor === this.k5) {
      return this;
    }
    this.k0 = h0;
    this.k1 = hSlope;
    this.k2 = sat;
    this.k3 = v0;
    this.k4 = vSlope;
    this.k5 = vFloor;
    for (let k = 0; k < 256; k++) {
      const u = k / 255;
      const v = v0 + vSlope * u;
      hsvToRgbInto(h0 + hSlope * u, sat, v < vFloor ? vFloor : v, this.rgb, k * 3);
    }
    return this;
  }

  /** Writes the colour at u (clamped to [0, 1]) into cell `cell` of a layer's colours. */
  put(colors: Uint8Array, cell: number, u: number): void {
    let k = (u * 255 + 0.5) | 0;
    if (k < 0) k = 0;
    else if (k > 255) k = 255;
    const o = cell * 3;
    const s = k * 3;
    const rgb = this.rgb;
    colors[o] = rgb[s]!;
    colors[o + 1] = rgb[s + 1]!;
    colors[o + 2] = rgb[s + 2]!;
  }
}
