import { describe, expect, it } from '@jest/globals';
import { EffectRunner, layerText, testGrid } from '../../test-utils/cells-harness.js';
import { matrixRain, type RainState } from './matrix-rain.js';

const QUIET = { bass: 0.2, sub_r: 0.1, beat: 0 };

describe('matrix_rain', () => {
  it('advances every head by speed·(speed_base + speed_beat·bass + sub_boost·sub_r), ×beat_mult on a beat', () => {
    const { grid } = testGrid(30, 40);
    const run = new EffectRunner(matrixRain, grid, {}, { features: (f) => ({ ...QUIET, beat: f === 2 ? 1 : 0 }) });
    run.frame(0);
    const s = run.state['matrix_rain'] as RainState;
    const h0 = Float32Array.from(s.head);
    run.frame(1);
    const h1 = Float32Array.from(s.head);
    run.frame(2);
    const m = 0.5 + 3 * 0.2 + 3 * 0.1;
    let checked = 0;
    for (let c = 0; c < 40; c++) {
      // A column that reset this frame jumped back above the top; the rest moved by exactly speed·m.
      if (h1[c]! < h0[c]!) continue;
      expect(h1[c]! - h0[c]!).toBeCloseTo(s.speed[c]! * m, 4);
      if (s.head[c]! >= h1[c]!) expect(s.head[c]! - h1[c]!).toBeCloseTo(s.speed[c]! * m * 2.5, 4);
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('resets a column to U(−25, −2) once its tail passes the bottom', () => {
    const { grid } = testGrid(20, 30);
    const run = new EffectRunner(matrixRain, grid, {}, { features: QUIET });
    run.frame(0);
    const s = run.state['matrix_rain'] as RainState;
    let resets = 0;
    for (let f = 1; f < 80; f++) {
      const before = Float32Array.from(s.head);
      run.frame(f);
      for (let c = 0; c < 30; c++) {
        if (s.head[c]! < before[c]!) {
          resets++;
          expect(before[c]! + s.speed[c]! * 1.4 - s.length[c]!).toBeGreaterThan(20);
          expect(s.head[c]).toBeGreaterThanOrEqual(-25);
          expect(s.head[c]).toBeLessThan(-2);
        }
      }
    }
    expect(resets).toBeGreaterThan(20);
  });

  it('draws a near-white green head and a tail fading as HSV(hue, 0.7, (1 − i/len)·bri)', () => {
    const { grid } = testGrid(60, 20);
    const run = new EffectRunner(matrixRain, grid, {}, { features: QUIET });
    run.frame(0);
    const s = run.state['matrix_rain'] as RainState;
    // Pick a column whose whole trail is on screen.
    let col = -1;
    for (let c = 0; c < 20 && col < 0; c++) {
      const h = Math.floor(s.head[c]!);
      if (h < 60 && h - s.length[c]! + 1 >= 0) col = c;
    }
    expect(col).toBeGreaterThanOrEqual(0);
    const h = Math.floor(s.head[col]!);
    const len = s.length[col]!;
    const at = (r: number) => (r * 20 + col) * 3;
    expect(Array.from(run.layer.colors.subarray(at(h), at(h) + 3))).toEqual([229, 255, 229]);
    let prevG = 256;
    for (let i = 1; i < len; i++) {
      const g = run.layer.colors[at(h - i) + 1]!;
      expect(g).toBeLessThanOrEqual(prevG);
      prevG = g;
    }
    // Hue 0.33, s 0.7: green dominates; the cell right behind the head has v = (1 − 1/len)·0.6.
    // Colours come from a 256-step ramp over fade: within one level of converting the cell directly.
    const g1 = run.layer.colors[at(h - 1) + 1]!;
    expect(Math.abs(g1 - Math.trunc((1 - 1 / len) * 0.6 * 255))).toBeLessThanOrEqual(1);
    // Above the trail the column is blank.
    if (h - len >= 0) expect(run.layer.glyphs[(h - len) * 20 + col]).toBe(0);
  });

  it('never picks the palette space and keeps its glyphs fixed per cell', () => {
    const { grid, glyphOf } = testGrid(20, 30);
    const run = new EffectRunner(matrixRain, grid, { palette: ' AB' }, { features: QUIET });
    const s0 = run.frame(0);
    const text0 = layerText(s0, glyphOf);
    expect(text0.replace(/[AB\n ]/g, '')).toBe('');
    const chars = Uint8Array.from((run.state['matrix_rain'] as RainState).chars);
    expect(Math.min(...chars)).toBe(1);
    run.frame(1);
    expect(Array.from((run.state['matrix_rain'] as RainState).chars)).toEqual(Array.from(chars));
  });

  it('re-initialises its state when the column count changes', () => {
    const a = testGrid(20, 30);
    const b = testGrid(20, 45);
    const state: Record<string, unknown> = {};
    new EffectRunner(matrixRain, a.grid, {}, { state }).frame(0);
    const first = state['matrix_rain'] as RainState;
    expect(first.head.length).toBe(30);
    new EffectRunner(matrixRain, b.grid, {}, { state }).frame(1);
    const second = state['matrix_rain'] as RainState;
    expect(second).not.toBe(first);
    expect(second.head.length).toBe(45);
    expect(second.chars.length).toBe(20 * 45);
    new EffectRunner(matrixRain, b.grid, {}, { state }).frame(2);
    expect(state['matrix_rain']).toBe(second);
  });

  it('draws trail lengths within trail_min..trail_max', () => {
    const { grid } = testGrid(20, 200);
    const run = new EffectRunner(matrixRain, grid, { trail_min: 8, trail_max: 35 });
    run.frame(0);
    const lengths = Array.from((run.state['matrix_rain'] as RainState).length);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(8);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(35);
    expect(new Set(lengths).size).toBeGreaterThan(15);
  });
});
