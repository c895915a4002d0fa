import { defineCellEffect, PAL_KATA } from '@glyphreel/core';
import { HsvRamp, isBeat, resolvePalette } from '../common.js';

/** Per-column rain state (the reference's ry, rsp, rln, rch) in typed arrays. */
export interface RainState {
  gridId: string;
  rows: number;
  cols: number;
  paletteLength: number;
  /** Head row of each column (fractional; negative = still above the top). */
  head: Float32Array;
  speed: Float32Array;
  length: Uint8Array;
  /** Fixed palette index per cell, 1..len−1: never the palette's space (catalog 9.3 item 29). */
  chars: Uint8Array;
  /** Tail colours HSV(hue, 0.7, fade·bri) by fade. */
  ramp: HsvRamp;
}

/**
 * Matrix rain (catalog 2.6 `eff_matrix_rain`). Per column: head starting U(−rows, rows), speed U(0.3, 2), trail length
 * randint(trail_min, trail_max); per cell a fixed palette index drawn from 1..len−1, so the space (index 0) is never
 * picked. The state is rebuilt when the grid's column count (or rows, or the palette length) changes. Each frame the
 * heads advance by speed·m with m = speed_base + speed_beat·bass + sub_boost·sub_r, ×beat_mult on a beat; a column
 * whose tail has passed the bottom restarts at U(−25, −2). Trail cell i (0 = head) has fade 1 − i/len; the head is
 * near-white green (0.9v, min(255, 1.1v), 0.9v) with v = 255, the tail HSV(hue, 0.7, fade·bri).
 */
export const matrixRain = defineCellEffect({
  name: 'matrix_rain',
  description: 'Falling glyph columns with bright heads and fading trails (catalog 2.6)',
  params: {
    hue: { type: 'number', default: 0.33, min: 0, max: 1 },
    bri: { type: 'number', default: 0.6, min: 0, max: 1, description: 'tail brightness' },
    palette: { type: 'palette', default: PAL_KATA, description: 'palette name or glyphs; index 0 (the space) is never used' },
    speed_base: { type: 'number', default: 0.5, min: 0, max: 10 },
    speed_beat: { type: 'number', default: 3, min: 0, max: 20, description: 'speed multiplier term × bass' },
    sub_boost: { type: 'number', default: 3, min: 0, max: 20, description: 'speed multiplier term × sub_r' },
    beat_mult: { type: 'number', default: 2.5, min: 1, max: 10, description: 'speed × this on a beat' },
    trail_min: { type: 'integer', default: 8, min: 1, max: 255 },
    trail_max: { type: 'integer', default: 40, min: 1, max: 255 },
  },
  draw(layer, grid, ctx, p) {
    const ids = grid.glyphIds(resolvePalette(p.palette));
    const rows = grid.rows;
    const cols = grid.cols;
    const rng = ctx.rng;
    const lo = Math.min(p.trail_min, p.trail_max);
    const hi = Math.max(p.trail_min, p.trail_max);
    let s = ctx.state['matrix_rain'] as RainState | undefined;
    if (!s || s.gridId !== grid.id || s.cols !== cols || s.rows !== rows || s.paletteLength !== ids.length) {
      s = {
        gridId: grid.id,
        rows,
        cols,
        paletteLength: ids.length,
        head: new Float32Array(cols),
        speed: new Float32Array(cols),
        length: new Uint8Array(cols),
        chars: new Uint8Array(rows * cols),
        ramp: new HsvRamp(),
      };
      for (let c = 0; c < cols; c++) {
        s.head[c] = rng.uniform(-rows, rows);
        s.speed[c] = rng.uniform(0.3, 2);
        s.length[c] = rng.int(lo, hi);
      }
      // A one-glyph palette (just a space) has nothing to draw; index 0 then stays blank.
      const top = Math.min(255, ids.length - 1);
      for (let i = 0; i < rows * cols; i++) s.chars[i] = top >= 1 ? rng.int(1, top) : 0;
      ctx.state['matrix_rain'] = s;
    }

    const f = ctx.features;
    let m = p.speed_base + p.speed_beat * f.get('bass') + p.sub_boost * f.get('sub_r');
    if (isBeat(ctx)) m *= p.beat_mult;
    const { head, speed, length, chars } = s;
    for (let c = 0; c < cols; c++) {
      head[c] += speed[c]! * m;
      if (head[c]! - length[c]! > rows) head[c] = rng.uniform(-25, -2);
    }
    if (ctx.replaying) return;

    const glyphs = layer.glyphs;
    const colors = layer.colors;
    const ramp = s.ramp.set(p.hue, 0, 0.7, 0, p.bri);
    for (let c = 0; c < cols; c++) {
      const h = Math.floor(head[c]!);
      const len = length[c]!;
      for (let i = 0; i < len; i++) {
        const r = h - i;
        if (r < 0) break;
        if (r >= rows) continue;
        const at = r * cols + c;
        glyphs[at] = ids[chars[at]!]!;
        if (i === 0) {
          const o = at * 3;
          colors[o] = 229;
          colors[o + 1] = 255;
          colors[o + 2] = 229;
        } else {
          ramp.put(colors, at, 1 - i / len);
        }
      }
    }
  },
});
