import { describe, expect, it } from '@jest/globals';
import { createFrame, PAL_DENSE } from '@glyphreel/core';
import { bakeBackground, createGrid, renderBackground } from './index.js';

describe('baked backgrounds', () => {
  const g = createGrid({ width: 205, height: 100, size: 'md', onWarning: () => undefined });
  const n = g.rows * g.cols;
  const colors = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) colors.set([(i * 40) % 256, 255, 90], i * 3);

  it('bakes once per palette, deterministically', () => {
    const a = bakeBackground(g, PAL_DENSE);
    expect(bakeBackground(g, PAL_DENSE)).toBe(a);
    expect(bakeBackground(g, 'dense')).not.toBe(a);
    expect(Buffer.from(bakeBackground(g, 'dense').glyphs).equals(Buffer.from(a.glyphs))).toBe(true);
    expect(new Set(a.glyphs).size).toBe(11); // every non-space glyph of PAL_DENSE used, never the blank
    const other = createGrid({ width: 205, height: 100, size: 'md', onWarning: () => undefined });
    expect(Buffer.from(bakeBackground(other, PAL_DENSE).glyphs).equals(Buffer.from(a.glyphs))).toBe(true);
    expect(Buffer.from(bakeBackground(g, PAL_DENSE, 99).glyphs).equals(Buffer.from(a.glyphs))).toBe(false);
  });

  it('every cell shows one palette glyph × its cell colour; margins are black', () => {
    const frame = createFrame(205, 100);
    frame.data.fill(77); // overwritten, as the reference returns a fresh canvas
    renderBackground(g, frame, colors, PAL_DENSE);
    const ids = Array.from(g.glyphIds(PAL_DENSE)).filter((x) => x !== 0);
    for (let r = 0; r < g.rows; r++) {
      for (let c = 0; c < g.cols; c++) {
        const i = r * g.cols + c;
        const col = colors.subarray(i * 3, i * 3 + 3);
        const matches = ids.filter((id) => {
          const m = g.atlas.mask(id);
          for (let y = 0; y < g.ch; y++) {
            for (let x = 0; x < g.cw; x++) {
              const o = ((g.oy + r * g.ch + y) * 205 + g.ox + c * g.cw + x) * 3;
              for (let k = 0; k < 3; k++) if (frame.data[o + k] !== Math.floor((m[y * g.cw + x]! * col[k]!) / 255)) return false;
            }
          }
          return true;
        });
        expect(matches.length).toBeGreaterThanOrEqual(1);
      }
    }
    for (let y = 0; y < 100; y++) {
      for (const x of [0, 1, 202, 203, 204]) expect(frame.data[(y * 205 + x) * 3 + 1]).toBe(0);
    }
  });

  it('checks sizes', () => {
    expect(() => renderBackground(g, createFrame(200, 100), colors, PAL_DENSE)).toThrow('the frame is 200×100, the grid was built for 205×100');
    expect(() => renderBackground(g, createFrame(205, 100), new Uint8Array(3), PAL_DENSE)).toThrow('the colour field has 3 bytes');
    expect(() => bakeBackground(g, '   ')).toThrow('has no glyph this font can draw');
  });
});
