import { CHARS_FIRE, defineCellEffect, type CellLayer, type Field, type FrameContext, type GridGeometry } from '@glyphreel/core';
import { HsvRamp } from '../common.js';
import { featureFloor } from '../../fields/util.js';

interface FireState {
  gridId: string;
  /** Brightness value of each cell (0 = no fire): the seed's `fire_val`. */
  val: Field;
  /** Height fraction of the brightest column at each cell, which picks glyph and hue. */
  frac: Field;
  ramp: HsvRamp;
}

/**
 * Fire columns (catalog 2.6 `eff_fire`), vectorized as the seed's "Vectorized Fire Columns": n = n_base + 30·bass +
 * 20·sub_r columns at x = (i·cols/n + sin(wobble_speed·t + 0.7i)·3) mod cols, each 3 cells wide, all of height
 * (0.4·bass + 0.3·sub_r + 0.3·rms)·0.7·rows, accumulated with max into one value field: at height fraction frac the
 * value is (1 − 0.6·frac)(0.5 + 0.5·rms). One pass then maps the field: glyph by frac from `chars` (█ below 0.2, ▓ below
 * 0.4, ▒ below 0.6, else ░), colour HSV(hue_base + frac·hue_range, 0.9, max(0.1, value)·brightness).
 */
function drawFire(
  layer: CellLayer,
  grid: GridGeometry,
  ctx: FrameContext,
  p: { n_base: number; hue_base: number; hue_range: number; brightness: number; wobble_speed: number; flicker: number; chars: string },
  key: string,
): void {
  const rows = grid.rows;
  const cols = grid.cols;
  const n = rows * cols;
  let s = ctx.state[key] as FireState | undefined;
  if (!s || s.gridId !== grid.id || s.val.length !== n) {
    s = { gridId: grid.id, val: new Float32Array(n), frac: new Float32Array(n), ramp: new HsvRamp() };
    ctx.state[key] = s;
  }
  if (ctx.replaying) return;
  const { val, frac } = s;
  val.fill(0);
  const f = ctx.features;
  const bass = f.get('bass');
  const subR = f.get('sub_r');
  const rms = f.get('rms');
  const nCols = Math.max(0, featureFloor(p.n_base + 30 * bass + 20 * subR));
  const height = Math.min(rows, Math.floor((0.4 * bass + 0.3 * subR + 0.3 * rms) * rows * 0.7));
  const hDen = Math.max(height, 1);
  const amp = 0.5 + 0.5 * rms;
  const t = ctx.t;
  for (let fi = 0; fi < nCols; fi++) {
    let xc = Math.floor((fi * cols) / nCols + Math.sin(t * p.wobble_speed + fi * 0.7) * 3) % cols;
    if (xc < 0) xc += cols;
    // flicker > 0 (not the catalog's): each column's own height, from two slow sines per column, so the columns read
    // as tongues of flame rather than one flat-topped wall. At 0 every column has the catalog's height.
    const colHeight = p.flicker > 0 ? Math.floor(height * (1 - p.flicker * (0.5 + 0.5 * Math.sin(t * 3.1 + fi * 1.7) * Math.cos(t * 1.9 + fi * 0.9)))) : height;
    const colDen = p.flicker > 0 ? Math.max(colHeight, 1) : hDen;
    for (let dy = 0; dy < colHeight; dy++) {
      const fr = dy / colDen;
      const v = (1 - fr * 0.6) * amp;
      const base = (rows - 1 - dy) * cols;
      for (let dx = -1; dx <= 1; dx++) {
        const c = xc + dx;
        if (c < 0 || c >= cols) continue;
        const at = base + c;
        if (v > val[at]!) {
          val[at] = v;
          frac[at] = fr;
        }
      }
    }
  }
  if (height === 0) return;
  const ids = grid.glyphIds(p.chars);
  const last = ids.length - 1;
  const glyphs = layer.glyphs;
  const colors = layer.colors;
  // The value at a cell is (1 − 0.6·frac)·amp, so colour is a function of frac alone: one ramp per frame.
  const b = p.brightness;
  const ramp = s.ramp.set(p.hue_base, p.hue_range, 0.9, amp * b, -0.6 * amp * b, 0.1 * b);
  // Only the bottom `height` rows can hold fire.
  for (let at = (rows - height) * cols; at < n; at++) {
    if (val[at]! <= 0) continue;
    const fr = frac[at]!;
    glyphs[at] = ids[Math.min(last, Math.floor(fr * 5))]!;
    ramp.put(colors, at, fr);
  }
}

const fireParams = (d: { hue_base: number; hue_range: number; brightness: number; wobble_speed: number }) =>
  ({
    n_base: { type: 'integer', default: 20, min: 0, max: 1000, description: 'columns before the bass and sub_r terms' },
    hue_base: { type: 'number', default: d.hue_base, min: 0, max: 1 },
    hue_range: { type: 'number', default: d.hue_range, min: -1, max: 1, description: 'hue added at the top of a column' },
    brightness: { type: 'number', default: d.brightness, min: 0, max: 2 },
    wobble_speed: { type: 'number', default: d.wobble_speed, min: 0, max: 50, description: 'column sway, radians per second' },
    flicker: { type: 'number', default: 0, min: 0, max: 1, description: 'how much each column\'s height varies (0: all the same, as the catalog)' },
    chars: { type: 'string', default: CHARS_FIRE, nonEmpty: true, description: 'glyphs by height fraction: <0.2, <0.4, <0.6, the rest' },
  }) as const;

export const fire = defineCellEffect({
  name: 'fire',
  description: 'Audio-driven fire columns (catalog 2.6)',
  params: fireParams({ hue_base: 0.02, hue_range: 0.12, brightness: 1, wobble_speed: 2 }),
  draw(layer, grid, ctx, p) {
    drawFire(layer, grid, ctx, p, 'fire');
  },
});

/** The catalog's ice / cold-fire variant: the same columns, blue hues, dimmer and slower. */
export const fireIce = defineCellEffect({
  name: 'fire_ice',
  description: 'Cold fire: blue, dimmer, slower fire columns (catalog 2.6 ice variant)',
  params: fireParams({ hue_base: 0.55, hue_range: 0.15, brightness: 0.7, wobble_speed: 1 }),
  draw(layer, grid, ctx, p) {
    drawFire(layer, grid, ctx, p, 'fire_ice');
  },
});
