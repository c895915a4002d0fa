import { Worker } from 'node:worker_threads';
import { describe, expect, it } from '@jest/globals';
import { createCellLayer, createFrame, GEOMETRY_FIELDS, PAL_BLOCKS, PAL_DEFAULT } from '@glyphreel/core';
import { adoptAtlasSnapshots, clearAtlasCache, createGrid, createSceneRenderer, GlyphAtlas, prepareAtlases, resolveFontChain } from './index.js';

const quiet = () => undefined;

/** Every glyph of the palette in a row, coloured by position: a frame that shows any difference in any mask. */
function paint(ids: Uint16Array, rows: number, cols: number): ReturnType<typeof createCellLayer> {
  const layer = createCellLayer({ rows, cols });
  for (let i = 0; i < rows * cols; i++) {
    layer.glyphs[i] = ids[i % ids.length]!;
    layer.colors[i * 3] = 255;
    layer.colors[i * 3 + 1] = (i * 7) & 255;
    layer.colors[i * 3 + 2] = 128 + (i & 127);
  }
  return layer;
}

describe('atlas snapshots', () => {
  it('an atlas started from a snapshot has the same ids, masks, ink, missing glyphs and metrics', () => {
    const chain = resolveFontChain('DejaVu Sans Mono', []);
    const a = new GlyphAtlas(chain, 17);
    a.ensure(PAL_DEFAULT + PAL_BLOCKS);
    const warnings: string[] = [];
    expect(a.id('ᚠ', (w) => warnings.push(w))).toBe(-1);
    const snap = a.toSnapshot();
    expect(snap.masks.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(snap.missing).toEqual(['ᚠ']);

    const b = new GlyphAtlas(chain, 17, snap);
    expect(b.metrics).toEqual(a.metrics);
    expect(b.count).toBe(a.count);
    expect(Buffer.compare(b.masks.subarray(0, b.count * b.cellSize), a.masks.subarray(0, a.count * a.cellSize))).toBe(0);
    expect(Array.from(b.ink.subarray(0, b.count))).toEqual(Array.from(a.ink.subarray(0, a.count)));
    for (const c of PAL_DEFAULT + PAL_BLOCKS) expect(b.id(c, quiet)).toBe(a.id(c, quiet));
    // Known missing: reported (once, here) without being rasterized again.
    expect(b.id('ᚠ', (w) => warnings.push(w))).toBe(-1);
    expect(b.id('ᚠ', (w) => warnings.push(w))).toBe(-1);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toBe(warnings[0]);
    // New glyphs are added after the adopted ones, exactly as the original atlas adds them.
    const [ia, ib] = [a.id('Ж', quiet), b.id('Ж', quiet)];
    expect(ib).toBe(ia);
    expect(Array.from(b.mask(ib))).toEqual(Array.from(a.mask(ia)));
    expect(b.mask(ib).some((v) => v > 0)).toBe(true);
  });

  it('a snapshot of another size or font chain is ignored', () => {
    const chain = resolveFontChain('DejaVu Sans Mono', []);
    const small = new GlyphAtlas(chain, 12);
    small.ensure('AB');
    const big = new GlyphAtlas(chain, 20, small.toSnapshot());
    expect(big.metrics.px).toBe(20);
    expect(big.cw).toBeGreaterThan(small.cw);
    expect(big.count).toBe(1);
    const other = new GlyphAtlas(resolveFontChain('DejaVu Sans', []), 12, small.toSnapshot());
    expect(other.count).toBe(1);
  });

  it('prepareAtlases returns one snapshot per distinct atlas, for the font of each size key', () => {
    const snaps = prepareAtlases({ initChars: PAL_DEFAULT, fonts: { lg: 'DejaVu Sans' } }, ['md', 'md', 'sm', 'lg']);
    expect(snaps).toHaveLength(3);
    expect(snaps.map((s) => s.metrics.px)).toEqual([16, 10, 20]);
    expect(snaps[2]!.key.startsWith(resolveFontChain('DejaVu Sans').key)).toBe(true);
    for (const s of snaps) for (const c of PAL_DEFAULT.trim()) expect(s.chars).toContain(c);
    expect(() => prepareAtlases({}, ['huge'])).toThrow('Unknown grid size "huge"');
  });

  it('grids built from a snapshot’s grid seed have the fields and blit table a grid computes, and grow like one', () => {
    const palette = PAL_DEFAULT;
    const snaps = prepareAtlases({ initChars: palette }, ['md', 'sm'], { width: 333, height: 187 });
    expect(snaps.map((s) => s.grids?.length)).toEqual([1, 1]);
    const fresh = createGrid({ width: 333, height: 187, size: 'md', initChars: palette, onWarning: quiet });
    const freshTable = fresh.blitTable();
    const shared = snaps[0]!.grids![0]!.table;
    const sharedBefore = [Array.from(shared.runStart), Array.from(shared.runOff), Array.from(shared.cov)];
    clearAtlasCache();
    try {
      adoptAtlasSnapshots(snaps);
      const seeded = createGrid({ width: 333, height: 187, size: 'md', initChars: palette, onWarning: quiet });
      expect(seeded.dist.buffer).toBeInstanceOf(SharedArrayBuffer);
      for (const k of GEOMETRY_FIELDS) expect(Array.from(seeded[k])).toEqual(Array.from(fresh[k]));
      expect([seeded.rows, seeded.cols, seeded.ox, seeded.oy, seeded.id]).toEqual([fresh.rows, fresh.cols, fresh.ox, fresh.oy, fresh.id]);
      const t = seeded.blitTable();
      expect(t.built).toBe(freshTable.built);
      expect(t.runs).toBe(freshTable.runs);
      expect(Array.from(t.runStart.subarray(0, t.built + 1))).toEqual(Array.from(freshTable.runStart.subarray(0, t.built + 1)));
      for (const k of ['runOff', 'runLen', 'runCov'] as const) expect(Array.from(t[k].subarray(0, t.runs))).toEqual(Array.from(freshTable[k].subarray(0, t.runs)));
      expect(Array.from(t.cov.subarray(0, t.covs))).toEqual(Array.from(freshTable.cov.subarray(0, freshTable.covs)));
      // A glyph beyond the seed extends this thread's own copy of the table, never the shared one.
      const [idFresh, idSeeded] = [fresh.charId('Ж'), seeded.charId('Ж')];
      expect(idSeeded).toBe(idFresh);
      expect(seeded.blitTable().built).toBe(fresh.blitTable().built);
      expect([Array.from(shared.runStart), Array.from(shared.runOff), Array.from(shared.cov)]).toEqual(sharedBefore);
      const a = createFrame(333, 187);
      const b = createFrame(333, 187);
      const layerOf = (g: typeof fresh) => paint(Uint16Array.of(...g.glyphIds(palette), idFresh), g.rows, g.cols);
      fresh.render(layerOf(fresh), a);
      seeded.render(layerOf(seeded), b);
      expect(Buffer.compare(Buffer.from(a.data), Buffer.from(b.data))).toBe(0);
      // A table for another frame width does not start from the seed (its run offsets are for 333-pixel rows).
      const [wide, wideFresh] = [seeded.blitTable(334), fresh.blitTable(334)];
      expect(wide.runs).toBe(wideFresh.runs);
      expect(Array.from(wide.runOff.subarray(0, wide.runs))).toEqual(Array.from(wideFresh.runOff.subarray(0, wide.runs)));
      // Another frame size does not use the seed.
      expect(createGrid({ width: 334, height: 187, size: 'md', initChars: palette, onWarning: quiet }).dist.buffer instanceof SharedArrayBuffer).toBe(false);
    } finally {
      // The next test snapshots this thread's atlases: they must not keep the glyphs added here.
      clearAtlasCache();
    }
  });

  it('a worker that adopts the snapshots draws the same bytes without loading the rasterizer, until a new glyph needs it', async () => {
    const palette = PAL_DEFAULT;
    const atlases = prepareAtlases({ initChars: palette }, ['md'], { width: 320, height: 120 });
    const main = createSceneRenderer({ width: 320, height: 120, initChars: palette, onWarning: quiet });
    const g = main.grid('md');
    const expected = createFrame(320, 120);
    g.render(paint(g.glyphIds(palette), g.rows, g.cols), expected);
    const withText = createFrame(320, 120);
    g.render(paint(g.textIds('Жx'), g.rows, g.cols), withText);

    // The worker runs the compiled package (the build precedes the tests).
    const compiled = new URL('../dist/bundle.js', import.meta.url).href;
    const core = import.meta.resolve('@glyphreel/core');
    const worker = new Worker(
      `const { workerData: w, parentPort } = require('node:worker_threads');
       const canvasLoaded = () => Object.keys(require.cache).some((k) => k.includes('@napi-rs'));
       Promise.all([import(w.compiled), import(w.core)]).then(([grid, core]) => {
         const r = grid.createSceneRenderer({ width: 320, height: 120, initChars: w.palette, atlases: w.atlases, onWarning: () => {} });
         const g = r.grid('md');
         const paint = (ids) => {
           const layer = core.createCellLayer(g);
           for (let i = 0; i < g.rows * g.cols; i++) {
             layer.glyphs[i] = ids[i % ids.length];
             layer.colors[i * 3] = 255; layer.colors[i * 3 + 1] = (i * 7) & 255; layer.colors[i * 3 + 2] = 128 + (i & 127);
           }
           return layer;
         };
         const a = core.createFrame(320, 120);
         g.render(paint(g.glyphIds(w.palette)), a);
         const before = canvasLoaded();
         const b = core.createFrame(320, 120);
         g.render(paint(g.textIds('Жx')), b);
         parentPort.postMessage({ a: a.data, b: b.data, before, after: canvasLoaded(), seeded: g.dist.buffer instanceof SharedArrayBuffer, dist: g.dist.slice() });
       });`,
      { eval: true, workerData: { compiled, core, palette, atlases } },
    );
    const got = await new Promise<{ a: Uint8Array; b: Uint8Array; before: boolean; after: boolean; seeded: boolean; dist: Float32Array }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(got.before).toBe(false);
    // The worker's grid took its coordinate fields from the snapshot (they are the main thread's, shared).
    expect(got.seeded).toBe(true);
    expect(Array.from(got.dist)).toEqual(Array.from(g.dist));
    expect(Buffer.compare(Buffer.from(got.a), Buffer.from(expected.data))).toBe(0);
    expect(expected.data.some((v) => v > 0)).toBe(true);
    // 'Ж' was not in the snapshot: the worker rasterized it, the same as the main thread did.
    expect(got.after).toBe(true);
    expect(Buffer.compare(Buffer.from(got.b), Buffer.from(withText.data))).toBe(0);
  }, 30000);
});
