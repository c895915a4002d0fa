import { describe, expect, test } from '@jest/globals';
import { createFrame, type RgbFrame } from '@glyphreel/core';
import { builtinShaderRegistry, createShaderContext, displacementMap, kaleidoscopeMap } from './index.js';

function frameOf(w: number, h: number, fn: (x: number, y: number) => [number, number, number]): RgbFrame {
  const f = createFrame(w, h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) f.data.set(fn(x, y), (y * w + x) * 3);
  return f;
}
const px = (f: RgbFrame, x: number, y: number) => [...f.data.subarray((y * f.width + x) * 3, (y * f.width + x) * 3 + 3)];
/** A pattern where every pixel differs from its neighbours. */
const pattern = (x: number, y: number): [number, number, number] => [(x * 7 + y * 3) & 255, (x * 13 + y * 29) & 255, (x * y + 5) & 255];

function run(name: string, frame: RgbFrame, params: Record<string, unknown> = {}, t = 0): RgbFrame {
  const { entry, params: p } = builtinShaderRegistry().resolve('shaders', name, params);
  (entry.def as { apply: (f: RgbFrame, p: unknown, c: unknown) => void }).apply(frame, p, createShaderContext({ t }));
  return frame;
}

describe('crt', () => {
  test('strength 0 is the identity', () => {
    const f = frameOf(40, 30, pattern);
    const before = f.data.slice();
    run('crt', f, { strength: 0 });
    expect(f.data).toEqual(before);
  });
  test('barrel: the centre stays, samples from outside the frame are black (a bezel), not the clamped edge', () => {
    const f = frameOf(40, 30, pattern);
    const orig = frameOf(40, 30, pattern);
    run('crt', f, { strength: 0.3 });
    expect(px(f, 20, 15)).toEqual(px(orig, 20, 15));
    // (0, 0): f = 0.3·2 → samples (−12, −9): outside, black (the reference clamped it to the corner pixel).
    expect(px(f, 0, 0)).toEqual([0, 0, 0]);
    // x = 30 (nx = 0.5), y = 15 (ny = 0): sx = floor(30 + 10·0.3·0.25) = 30 … at x = 38: floor(38 + 18·0.3·0.81) = 42 → outside.
    expect(px(f, 38, 15)).toEqual([0, 0, 0]);
    expect(px(f, 30, 15)).toEqual(px(orig, 30, 15));
  });
  test('a bright border column is not smeared into the curved-away corners (defaults)', () => {
    const [w, h] = [96, 54];
    // Dim content, the left and right border columns bright white.
    const f = frameOf(w, h, (x) => (x === 0 || x === w - 1 ? [255, 255, 255] : [40, 60, 80]));
    run('crt', f);
    let black = 0;
    let bright = 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const [r] = px(f, x, y);
        if (r === 0) black++;
        if (r === 255) bright++;
      }
    }
    // Each corner is black: k·r² pushes its samples outside, where the old clamp repeated the white border column.
    for (const [x, y] of [[0, 0], [w - 1, 0], [0, h - 1], [w - 1, h - 1], [1, 1], [w - 2, h - 2]] as const) expect(px(f, x, y)).toEqual([0, 0, 0]);
    expect(black).toBeGreaterThan(2 * h);
    // No solid white block: at most the one column of white survives per side, where it still maps onto itself.
    expect(bright).toBeLessThanOrEqual(2 * h);
    expect(px(f, w / 2, h / 2)).toEqual([40, 60, 80]);
  });
});

describe('pixelate', () => {
  test('makes constant block×block tiles taken from each tile’s top-left pixel', () => {
    const f = frameOf(10, 7, pattern);
    const orig = frameOf(10, 7, pattern);
    run('pixelate', f, { block: 4 });
    for (let y = 0; y < 7; y++) for (let x = 0; x < 10; x++) expect(px(f, x, y)).toEqual(px(orig, x - (x % 4), y - (y % 4)));
  });
});

describe('wave_distort', () => {
  test('axis x rolls row y right by trunc(amp·sin(y·freq + 3t)), wrapping', () => {
    const w = 16;
    const f = frameOf(w, 6, pattern);
    const orig = frameOf(w, 6, pattern);
    run('wave_distort', f, { freq: 0.7, amp: 5, axis: 'x' }, 0.4);
    for (let y = 0; y < 6; y++) {
      const s = Math.trunc(5 * Math.sin(y * 0.7 + 1.2));
      for (let x = 0; x < w; x++) expect(px(f, x, y)).toEqual(px(orig, (((x - s) % w) + w) % w, y));
    }
  });
  test('axis y rolls column x down by trunc(amp·sin(x·freq + 3t))', () => {
    const h = 9;
    const f = frameOf(5, h, pattern);
    const orig = frameOf(5, h, pattern);
    run('wave_distort', f, { freq: 1.1, amp: 4, axis: 'y' }, 0);
    for (let x = 0; x < 5; x++) {
      const s = Math.trunc(4 * Math.sin(x * 1.1));
      for (let y = 0; y < h; y++) expect(px(f, x, y)).toEqual(px(orig, x, (((y - s) % h) + h) % h));
    }
  });
});

describe('kaleidoscope', () => {
  test('every output pixel is the input at the folded polar position; the map is symmetric about the wedge axis', () => {
    const f = frameOf(31, 21, pattern);
    const orig = frameOf(31, 21, pattern);
    run('kaleidoscope', f, { folds: 4 });
    const map = kaleidoscopeMap(31, 21, 4);
    for (let i = 0; i < 31 * 21; i++) {
      const s = map[i]!;
      expect(px(f, i % 31, Math.floor(i / 31))).toEqual(px(orig, s % 31, Math.floor(s / 31)));
    }
    // With 4 folds the wedge axis is at 45°: (cx + d, cy + e) and (cx + e, cy + d) fold to the same angle.
    expect(px(f, 15 + 6, 10 + 2)).toEqual(px(f, 15 + 2, 10 + 6));
    // Folding mirrors across quadrants too: (+d, +e) and (−d, −e) land on the same sample.
    expect(px(f, 15 + 5, 10 + 3)).toEqual(px(f, 15 - 5, 10 - 3));
  });
});

describe('mirrors', () => {
  for (const [w, h] of [[12, 8], [13, 9]] as const) {
    test(`mirror_h: right half is the reflection of the left (${w}×${h})`, () => {
      const f = frameOf(w, h, pattern);
      const orig = frameOf(w, h, pattern);
      run('mirror_h', f);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          expect(px(f, x, y)).toEqual(px(f, w - 1 - x, y));
          if (x < Math.ceil(w / 2)) expect(px(f, x, y)).toEqual(px(orig, x, y));
        }
      }
    });
    test(`mirror_v: bottom half is the reflection of the top (${w}×${h})`, () => {
      const f = frameOf(w, h, pattern);
      const orig = frameOf(w, h, pattern);
      run('mirror_v', f);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          expect(px(f, x, y)).toEqual(px(f, x, h - 1 - y));
          if (y < Math.ceil(h / 2)) expect(px(f, x, y)).toEqual(px(orig, x, y));
        }
      }
    });
    test(`mirror_quad: every quadrant reflects the top-left one (${w}×${h})`, () => {
      const f = frameOf(w, h, pattern);
      const orig = frameOf(w, h, pattern);
      run('mirror_quad', f);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const sx = x < Math.ceil(w / 2) ? x : w - 1 - x;
          const sy = y < Math.ceil(h / 2) ? y : h - 1 - y;
          expect(px(f, x, y)).toEqual(px(orig, sx, sy));
        }
      }
    });
  }
  test('mirror_diag: right of the cut each row is the left part reversed, starting at the cut pixel', () => {
    const w = 20;
    const h = 10;
    const f = frameOf(w, h, pattern);
    const orig = frameOf(w, h, pattern);
    run('mirror_diag', f);
    expect(f.data.subarray(0, w * 3)).toEqual(orig.data.subarray(0, w * 3)); // row 0: cut 0, unchanged
    for (let y = 1; y < h; y++) {
      const cut = Math.trunc((w * y) / h);
      for (let x = 0; x < w; x++) {
        const j = x - cut;
        if (x <= cut) expect(px(f, x, y)).toEqual(px(orig, x, y));
        else if (j <= cut) expect(px(f, x, y)).toEqual(px(orig, cut - j, y));
      }
    }
    // Row 5: cut 10, right part (9 px) shorter than the left one → exactly the reversed left part.
    expect(px(f, 19, 5)).toEqual(px(orig, 1, 5));
    // Row 2: cut 4; x = 10 is j = 6 > cut: reflection continues back across the left part → column 1.
    expect(px(f, 10, 2)).toEqual(px(orig, 1, 2));
  });
});

describe('displacementMap', () => {
  test('moves each pixel by trunc(map·strength), clamped', () => {
    const f = frameOf(8, 4, pattern);
    const orig = frameOf(8, 4, pattern);
    const dx = new Float32Array(32).fill(0.25);
    const dy = new Float32Array(32).fill(-0.15);
    displacementMap(f, dx, dy, 10);
    // trunc(2.5) = 2 right, trunc(−1.5) = −1 up
    expect(px(f, 3, 2)).toEqual(px(orig, 5, 1));
    expect(px(f, 7, 0)).toEqual(px(orig, 7, 0));
    expect(() => displacementMap(f, new Float32Array(3), dy)).toThrow(/32 entries/);
  });
});
