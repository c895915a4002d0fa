import { describe, expect, it } from '@jest/globals';
import { createFrame, GlyphreelError, PAL_DEFAULT, Rng } from '@glyphreel/core';
import { createGrid, mulDiv255, mulTable, render, type Grid } from './index.js';

const quiet = () => undefined;

function randomLayer(g: Grid, seed: number) {
  const rng = new Rng(seed);
  const ids = g.glyphIds(PAL_DEFAULT + '█▓▒░⠿');
  const layer = g.createLayer();
  for (let i = 0; i < layer.glyphs.length; i++) {
    layer.glyphs[i] = ids[rng.int(0, ids.length - 1)]!;
    for (let k = 0; k < 3; k++) layer.colors[i * 3 + k] = rng.int(0, 255);
  }
  return layer;
}

describe('render (max compositing of coverage × colour)', () => {
  it('⌊cov·c/255⌋ is exact for every pair, and equals the reference float32 product', () => {
    let mismatches = 0;
    for (let cov = 0; cov < 256; cov++) {
      for (let c = 0; c < 256; c++) {
        const exact = Math.floor((cov * c) / 255);
        const f32 = Math.trunc(Math.fround(Math.fround(cov / 255) * c));
        if (mulDiv255(cov, c) !== exact || mulTable()[(cov << 8) | c] !== exact || f32 !== exact) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  });

  it('one glyph at a known cell gives exactly the coverage × colour, nothing elsewhere', () => {
    const g = createGrid({ width: 205, height: 100, size: 'md', onWarning: quiet });
    expect([g.cols, g.rows, g.ox, g.oy]).toEqual([20, 5, 2, 2]);
    const layer = g.createLayer();
    const id = g.glyphIds('@')[0]!;
    const [row, col] = [2, 13];
    layer.glyphs[row * g.cols + col] = id;
    layer.colors.set([200, 100, 37], (row * g.cols + col) * 3);
    const frame = createFrame(205, 100);
    render(g, layer, frame);
    const mask = g.atlas.mask(id);
    const expected = new Uint8Array(205 * 100 * 3);
    for (let y = 0; y < g.ch; y++) {
      for (let x = 0; x < g.cw; x++) {
        const cov = mask[y * g.cw + x]!;
        const o = ((g.oy + row * g.ch + y) * 205 + g.ox + col * g.cw + x) * 3;
        expected[o] = Math.floor((cov * 200) / 255);
        expected[o + 1] = Math.floor((cov * 100) / 255);
        expected[o + 2] = Math.floor((cov * 37) / 255);
      }
    }
    expect(Buffer.from(frame.data).equals(Buffer.from(expected))).toBe(true);
    expect(mask.some((v) => v === 255) && mask.some((v) => v > 0 && v < 255)).toBe(true);
  });

  it('never darkens: every byte is max(before, glyph)', () => {
    const g = createGrid({ width: 320, height: 240, size: 'sm', onWarning: quiet });
    const frame = createFrame(320, 240);
    const rng = new Rng(7);
    for (let i = 0; i < frame.data.length; i++) frame.data[i] = rng.int(0, 255);
    const before = Uint8Array.from(frame.data);
    const layer = randomLayer(g, 3);
    g.render(layer, frame);
    const alone = createFrame(320, 240);
    g.render(layer, alone);
    let changed = 0;
    let wrong = 0;
    for (let i = 0; i < before.length; i++) {
      if (frame.data[i] !== Math.max(before[i]!, alone.data[i]!)) wrong++;
      if (frame.data[i] !== before[i]) changed++;
    }
    expect(wrong).toBe(0);
    expect(changed).toBeGreaterThan(1000);
  });

  it('blank cells and black cells leave the frame untouched', () => {
    const g = createGrid({ width: 320, height: 240, size: 'md', onWarning: quiet });
    const layer = g.createLayer();
    layer.colors.fill(255); // glyph 0 everywhere
    const frame = createFrame(320, 240);
    frame.data.fill(17);
    g.render(layer, frame);
    expect(frame.data.every((v) => v === 17)).toBe(true);
    layer.glyphs.fill(g.glyphIds('█')[0]!);
    layer.colors.fill(0);
    frame.data.fill(0);
    g.render(layer, frame);
    expect(frame.data.every((v) => v === 0)).toBe(true);
  });

  it('the same inputs give byte-identical frames; several grids render into one frame', () => {
    const a = createGrid({ width: 640, height: 360, size: 'md', onWarning: quiet });
    const b = createGrid({ width: 640, height: 360, size: 'xs', onWarning: quiet });
    const la = randomLayer(a, 11);
    const lb = randomLayer(b, 12);
    const f1 = createFrame(640, 360);
    const f2 = createFrame(640, 360);
    a.render(la, f1);
    b.render(lb, f1);
    a.render(la, f2);
    b.render(lb, f2);
    expect(Buffer.from(f1.data).equals(Buffer.from(f2.data))).toBe(true);
    const onlyA = a.render(la, createFrame(640, 360));
    const onlyB = b.render(lb, createFrame(640, 360));
    let wrong = 0;
    for (let i = 0; i < f1.data.length; i++) if (f1.data[i] !== Math.max(onlyA.data[i]!, onlyB.data[i]!)) wrong++;
    expect(wrong).toBe(0);
  });

  it('clips at the frame edge: a cell crossing it is not drawn', () => {
    const g = createGrid({ width: 200, height: 190, size: 'md', onWarning: quiet });
    const layer = g.createLayer();
    layer.glyphs.fill(g.glyphIds('█')[0]!);
    layer.colors.fill(255);
    const small = createFrame(195, 100); // 19 whole columns, 5 whole rows (5·19 = 95)
    g.render(layer, small);
    const lit = (x: number, y: number) => small.data[(y * 195 + x) * 3]! > 0;
    expect(lit(5, 5)).toBe(true);
    expect(lit(189, 94)).toBe(true);
    let outside = 0;
    for (let y = 0; y < 100; y++) for (let x = 190; x < 195; x++) if (lit(x, y)) outside++;
    for (let x = 0; x < 195; x++) for (let y = 95; y < 100; y++) if (lit(x, y)) outside++;
    expect(outside).toBe(0);
  });

  it('draws glyphs added lazily after the blit table was built', () => {
    const g = createGrid({ width: 200, height: 190, size: 'md', onWarning: quiet });
    const frame = createFrame(200, 190);
    g.render(g.createLayer(), frame);
    const before = g.atlas.count;
    const id = g.textIds('Ж')[0]!;
    expect(id).toBe(before);
    const layer = g.createLayer();
    layer.glyphs[0] = id;
    layer.colors.set([255, 255, 255]);
    g.render(layer, frame);
    const mask = g.atlas.mask(id);
    let lit = 0;
    let wrong = 0;
    for (let y = 0; y < g.ch; y++) {
      for (let x = 0; x < g.cw; x++) {
        const v = frame.data[((g.oy + y) * 200 + g.ox + x) * 3]!;
        if (v !== mask[y * g.cw + x]) wrong++;
        if (v > 0) lit++;
      }
    }
    expect(wrong).toBe(0);
    expect(lit).toBeGreaterThan(20);
  });

  it('rejects a layer of another size and glyph ids outside the atlas', () => {
    const g = createGrid({ width: 200, height: 190, size: 'md', onWarning: quiet });
    const other = createGrid({ width: 100, height: 190, size: 'md', onWarning: quiet });
    expect(() => g.render(other.createLayer(), createFrame(200, 190))).toThrow('render: the layer is 10×10 cells but the grid is 20×10');
    const layer = g.createLayer();
    layer.glyphs[0] = 60000;
    layer.colors.fill(9);
    const err = (() => {
      try {
        g.render(layer, createFrame(200, 190));
      } catch (e) {
        return e as GlyphreelError;
      }
      return undefined;
    })();
    expect(err?.code).toBe('E_RENDER');
    expect(err?.message).toMatch(/^render: glyph id 60000 is not in this grid's atlas/);
  });
});
