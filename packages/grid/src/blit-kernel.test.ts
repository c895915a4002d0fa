import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { Rng, wasmArena } from '@glyphreel/core';
import { blitLayer, createGrid } from './index.js';
import { arenaFrame, randomFrame, randomLayer } from './test-utils/layers.js';

const quiet = () => undefined;

describe('wasm glyph blit', () => {
  it('the committed src/blit-wasm.ts matches wasm/blit.wat.mjs', async () => {
    const buildUrl = pathToFileURL(fileURLToPath(new URL('../wasm/build.mjs', import.meta.url))).href;
    const { buildAll } = (await import(buildUrl)) as { buildAll(): Promise<Array<{ name: string; target: string; expected: string }>> };
    const modules = await buildAll();
    expect(modules.map((m) => m.name)).toEqual(['blit', 'mapping']);
    for (const m of modules) expect(readFileSync(m.target, 'utf8')).toBe(m.expected);
  });

  it.each([
    ['960×540 md over a busy frame', 960, 540, 'md', 0],
    ['a frame that cuts the last row and column of cells', 203, 97, 'sm', 0],
    ['a frame shorter than the grid (cells clipped at the bottom)', 320, 180, 'lg', 40],
    ['portrait xl', 360, 640, 'xl', 0],
  ] as const)('draws the same bytes as the JavaScript loop: %s', (_name, width, height, size, cropPx) => {
    const rng = new Rng(7 + width);
    const grid = createGrid({ width, height, size, onWarning: quiet });
    // every glyph a palette can hold, so full and partial runs of many shapes are drawn
    const ids = grid.glyphIds(' .:-=+*#%@░▒▓█▀▄▌▐╬╳○●◆◇abcxyzABCXYZ0123456789');
    const layer = randomLayer(grid, rng, ids);
    const base = randomFrame(width, height - cropPx, rng);
    const plain = { ...base, data: base.data.slice() };
    const inArena = arenaFrame(base);
    expect(wasmArena().ptrOf(inArena.data)).toBeGreaterThan(0);
    expect(wasmArena().ptrOf(plain.data)).toBe(-1);
    const table = grid.blitTable(width);
    blitLayer(table, grid, layer, plain);
    blitLayer(table, grid, layer, inArena);
    expect(Buffer.from(inArena.data).equals(Buffer.from(plain.data))).toBe(true);
    // and the blit did draw: some bytes changed
    expect(Buffer.from(plain.data).equals(Buffer.from(base.data))).toBe(false);
  });

  it('re-copies the table when the atlas grows, and reuses it otherwise', () => {
    const rng = new Rng(3);
    const grid = createGrid({ width: 400, height: 240, size: 'md', onWarning: quiet });
    const first = grid.glyphIds('.:#');
    const base = randomFrame(400, 240, rng);
    const a = arenaFrame(base);
    const p = { ...base, data: base.data.slice() };
    blitLayer(grid.blitTable(400), grid, randomLayer(grid, rng, first), a);
    const used = wasmArena().stats.usedBytes;
    blitLayer(grid.blitTable(400), grid, randomLayer(grid, new Rng(3), first), a);
    expect(wasmArena().stats.usedBytes).toBe(used);
    // glyphs added after the first blit: the kernel must see their runs
    const more = grid.glyphIds('%@█▓ж');
    const layer = randomLayer(grid, rng, more);
    const b = arenaFrame(base);
    blitLayer(grid.blitTable(400), grid, layer, b);
    blitLayer(grid.blitTable(400), grid, layer, p);
    expect(Buffer.from(b.data).equals(Buffer.from(p.data))).toBe(true);
  });

  it('an unknown glyph id is the same error on both paths, after the same cells are drawn', () => {
    const rng = new Rng(5);
    const grid = createGrid({ width: 300, height: 200, size: 'md', onWarning: quiet });
    const ids = grid.glyphIds('#@');
    const layer = randomLayer(grid, rng, ids);
    // in the tenth row of cells: past the kernel's first band of rows, so the bands before it are drawn too
    const bad = 9 * grid.cols + 5;
    expect(grid.rows).toBeGreaterThan(9);
    layer.glyphs[bad] = 60000;
    layer.colors.fill(200, 3 * bad, 3 * bad + 3);
    const base = randomFrame(300, 200, rng);
    const plain = { ...base, data: base.data.slice() };
    const inArena = arenaFrame(base);
    const table = grid.blitTable(300);
    const messages = [plain, inArena].map((f) => {
      try {
        blitLayer(table, grid, layer, f);
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    });
    expect(messages[0]).toMatch(/^render: glyph id 60000 is not in this grid's atlas/);
    expect(messages[1]).toBe(messages[0]);
    expect(Buffer.from(inArena.data).equals(Buffer.from(plain.data))).toBe(true);
  });
});
