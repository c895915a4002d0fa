import { describe, expect, it } from '@jest/globals';
import { createGeometry, GlyphreelError } from '@glyphreel/core';
import { createSceneRenderer } from './index.js';

describe('createSceneRenderer', () => {
  it('builds grids lazily per size key and caches them', () => {
    const r = createSceneRenderer({ width: 1080, height: 1920, onWarning: () => undefined });
    const md = r.grid('md');
    expect(r.grid('md')).toBe(md);
    expect([md.cols, md.rows]).toEqual([108, 101]);
    expect(r.grid('lg').cols).toBe(90);
    expect(() => r.grid('giant')).toThrow('Unknown grid size "giant"');
  });

  it('applies the grid scale and per-size fonts', () => {
    const r = createSceneRenderer({ width: 640, height: 360, gridScale: 0.5, fonts: { lg: 'DejaVu Sans Mono Bold' }, onWarning: () => undefined });
    expect(r.grid('md').px).toBe(8);
    expect(r.grid('lg').font.primary.name).toBe('DejaVu Sans Mono Bold');
    expect(r.grid('md').font.primary.name).toBe('DejaVu Sans Mono');
  });

  it('pools cleared layers and frames, recycled by beginFrame', () => {
    const r = createSceneRenderer({ width: 320, height: 180, onWarning: () => undefined });
    const g = r.grid('md');
    const l1 = r.layer(g);
    const l2 = r.layer(g);
    expect(l1).not.toBe(l2);
    l1.glyphs.fill(g.glyphIds('█')[0]!);
    l1.colors.fill(255);
    const f = r.frame();
    r.render(g, l1, f);
    expect(f.data.some((v) => v === 255)).toBe(true);
    r.beginFrame();
    const again = r.layer(g);
    expect(again).toBe(l1);
    expect(again.glyphs.every((v) => v === 0) && again.colors.every((v) => v === 0)).toBe(true);
    const f2 = r.frame();
    expect(f2).toBe(f);
    expect(f2.data.every((v) => v === 0)).toBe(true);
    expect([f2.width, f2.height]).toEqual([320, 180]);
  });

  it('allocates pooled frames with options.createFrame (e.g. in WebAssembly memory) and checks their size', () => {
    const shared = new Uint8Array(new SharedArrayBuffer(8 * 4 * 3 + 6));
    let calls = 0;
    let clears = 0;
    const r = createSceneRenderer({
      width: 8,
      height: 4,
      createFrame: (w, h) => {
        calls++;
        return { width: w, height: h, data: shared.subarray(6) };
      },
      clearFrame: (f) => {
        clears++;
        f.data.fill(0);
      },
    });
    const f = r.frame();
    expect(f.data.buffer).toBe(shared.buffer);
    f.data.fill(9);
    r.beginFrame();
    expect(r.frame()).toBe(f); // pooled, cleared, not reallocated
    expect([calls, clears, f.data[0]]).toEqual([1, 1, 0]);
    const bad = createSceneRenderer({ width: 8, height: 4, createFrame: () => ({ width: 8, height: 4, data: new Uint8Array(5) }) });
    expect(() => bad.frame()).toThrow('options.createFrame returned a 8×4 frame of 5 bytes, expected 8×4·3');
  });

  it('validates sizes and foreign grids with clear errors', () => {
    expect(() => createSceneRenderer({ width: 1920.5, height: 1080 })).toThrow('Frame width must be a positive integer number of pixels (at most 32768), got 1920.5');
    expect(() => createSceneRenderer({ width: 1920, height: -1 })).toThrow('Frame height must be a positive integer');
    expect(() => createSceneRenderer({ width: 1920, height: 1080, gridScale: 0 })).toThrow('gridScale must be a positive number, got 0');
    const r = createSceneRenderer({ width: 320, height: 180, onWarning: () => undefined });
    const foreign = createGeometry({ rows: 2, cols: 2 });
    try {
      r.layer(foreign);
      throw new Error('expected an error');
    } catch (e) {
      expect((e as GlyphreelError).code).toBe('E_PARAM');
      expect((e as Error).message).toMatch(/was not built by @glyphreel\/grid/);
    }
  });
});
