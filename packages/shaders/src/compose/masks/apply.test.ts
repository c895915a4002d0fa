import { describe, expect, it } from '@jest/globals';
import { createFrame, createGeometry } from '@glyphreel/core';
import { applyMask } from './apply.js';

// 3×4 cells of 5×4 px inside a 27×17 frame: offsets ox = 3, oy = 2, margins on every side.
const grid = createGeometry({ rows: 3, cols: 4, cellWidthPx: 5, cellHeightPx: 4, frameWidthPx: 27, frameHeightPx: 17 });
const mask = Float32Array.from({ length: 12 }, (_, i) => i / 11);

function cellOf(x: number, y: number): [number, number] {
  const r = Math.min(2, Math.max(0, Math.floor((y - 2) / 4)));
  const c = Math.min(3, Math.max(0, Math.floor((x - 3) / 5)));
  return [r, c];
}

describe('applyMask', () => {
  it('uses the grid offsets and exact cell size: every pixel of cell (r, c) takes mask[r, c]', () => {
    expect([grid.offsetXPx, grid.offsetYPx]).toEqual([3, 2]);
    const f = createFrame(27, 17);
    f.data.fill(200);
    applyMask(f, mask, grid);
    for (let y = 0; y < 17; y++) {
      for (let x = 0; x < 27; x++) {
        const [r, c] = cellOf(x, y);
        const want = Math.trunc(200 * (mask[r * 4 + c] as number));
        const p = (y * 27 + x) * 3;
        expect([f.data[p], f.data[p + 1], f.data[p + 2], `${x},${y}`]).toEqual([want, want, want, `${x},${y}`]);
      }
    }
    // Spot checks: the first pixel of cell (0, 0) is (3, 2) and is black (mask 0); (8, 2) starts cell (0, 1).
    expect(f.data[(2 * 27 + 7) * 3]).toBe(0);
    expect(f.data[(2 * 27 + 8) * 3]).toBe(Math.trunc(200 / 11));
    expect(f.data[(6 * 27 + 8) * 3]).toBe(Math.trunc((200 * 5) / 11));
  });

  it('mixes with a background frame where one is given', () => {
    const f = createFrame(27, 17);
    f.data.fill(200);
    const bg = createFrame(27, 17);
    bg.data.fill(100);
    applyMask(f, mask, grid, bg);
    const p = (10 * 27 + 20) * 3; // cell (2, 3): mask 1 → frame
    expect(f.data[p]).toBe(200);
    const q = (3 * 27 + 4) * 3; // cell (0, 0): mask 0 → background
    expect(f.data[q]).toBe(100);
    const s = (7 * 27 + 14) * 3; // cell (1, 2) → m = 6/11
    const m = mask[6] as number;
    expect(f.data[s]).toBe(Math.trunc(200 * m + 100 * (1 - m)));
    expect(() => applyMask(f, new Float32Array(5), grid)).toThrow('mask has 5 values');
    expect(() => applyMask(f, mask, grid, createFrame(2, 2))).toThrow('background is 2×2');
  });
});
