import { describe, expect, it } from '@jest/globals';
import type { CellLayer } from '@glyphreel/core';
import { EffectRunner, layerText, nonBlank, testGrid } from '../../test-utils/cells-harness.js';
import { BLOCK_CORRUPT_POOL, blockCorrupt } from './block-corrupt.js';
import { glitchDisplace } from './glitch-displace.js';
import { scanbars } from './scanbars.js';
import { shake } from './shake.js';

/** Fills a layer with a recognisable pattern: a sparse diagonal of letters, each cell coloured by its index. */
function pattern(layer: CellLayer, glyphIds: (t: string) => Uint16Array): void {
  const ids = glyphIds('ABCDEFGH');
  for (let i = 0; i < layer.glyphs.length; i++) {
    const r = Math.floor(i / layer.cols);
    const c = i % layer.cols;
    layer.glyphs[i] = (r + c) % 3 === 0 ? ids[(r * 7 + c) % 8]! : 0;
    layer.colors[i * 3] = i % 251;
    layer.colors[i * 3 + 1] = r;
    layer.colors[i * 3 + 2] = c;
  }
}

/** Sorted (glyph, r, g, b) of every cell of a row: what a horizontal roll must conserve. */
function rowMultiset(layer: CellLayer, r: number): string[] {
  const out: string[] = [];
  for (let c = 0; c < layer.cols; c++) {
    const i = r * layer.cols + c;
    out.push(`${layer.glyphs[i]}:${layer.colors[i * 3]}:${layer.colors[i * 3 + 1]}:${layer.colors[i * 3 + 2]}`);
  }
  return out.sort();
}

describe('glitch_displace', () => {
  it('rolls bands sideways: content moves, every row keeps its cells', () => {
    const { grid } = testGrid(30, 60);
    const run = new EffectRunner(glitchDisplace, grid, {}, { features: { flux: 0.8, bdecay: 0.8, rms: 0.9, sub: 0.5 } });
    pattern(run.layer, grid.glyphIds);
    const before = { glyphs: Uint16Array.from(run.layer.glyphs), colors: Uint8Array.from(run.layer.colors) };
    const rowsBefore = Array.from({ length: 30 }, (_, r) => rowMultiset(run.layer, r));
    run.frame(0, true);
    expect(nonBlank(run.layer)).toBe(before.glyphs.filter((g) => g !== 0).length);
    for (let r = 0; r < 30; r++) expect(rowMultiset(run.layer, r)).toEqual(rowsBefore[r]);
    expect(Buffer.from(run.layer.colors).equals(Buffer.from(before.colors))).toBe(false);
  });

  it('leaves the layer alone at intensity 0', () => {
    const { grid } = testGrid(10, 20);
    const run = new EffectRunner(glitchDisplace, grid, { intensity: 0 }, { features: { flux: 1, rms: 1 } });
    pattern(run.layer, grid.glyphIds);
    const before = Uint8Array.from(run.layer.colors);
    run.frame(0, true);
    expect(Buffer.from(run.layer.colors).equals(Buffer.from(before))).toBe(true);
  });
});

describe('shake', () => {
  it('rolls the whole layer by one (dx, dy), losing nothing', () => {
    const { grid } = testGrid(20, 40);
    const run = new EffectRunner(shake, grid, {}, { features: { sub: 1, bass: 1, bdecay: 1 }, seed: 5 });
    pattern(run.layer, grid.glyphIds);
    const before = Uint16Array.from(run.layer.glyphs);
    const beforeColors = Uint8Array.from(run.layer.colors);
    run.frame(0, true);
    const after = run.layer;
    let match: [number, number] | undefined;
    for (let dy = 0; dy < 20 && !match; dy++) {
      for (let dx = 0; dx < 40 && !match; dx++) {
        let ok = true;
        for (let i = 0; i < 800 && ok; i++) {
          const r = Math.floor(i / 40);
          const c = i % 40;
          const j = ((r + dy) % 20) * 40 + ((c + dx) % 40);
          ok = after.glyphs[j] === before[i] && after.colors[j * 3] === beforeColors[i * 3] && after.colors[j * 3 + 2] === beforeColors[i * 3 + 2];
        }
        if (ok) match = [dx, dy];
      }
    }
    expect(match).toBeDefined();
    expect(match).not.toEqual([0, 0]);
  });

  it('does not move anything in silence', () => {
    const { grid } = testGrid(20, 40);
    const run = new EffectRunner(shake, grid, {}, { features: { sub: 0, bass: 0, bdecay: 0 } });
    pattern(run.layer, grid.glyphIds);
    const before = Uint16Array.from(run.layer.glyphs);
    run.frame(0, true);
    expect(Array.from(run.layer.glyphs)).toEqual(Array.from(before));
  });
});

describe('block_corrupt', () => {
  it('stamps 2–6 × 1–4 blocks of pool glyphs in reddish colours', () => {
    const { grid, glyphOf } = testGrid(40, 100);
    const run = new EffectRunner(blockCorrupt, grid, {}, { features: { flux: 0, bdecay: 0 } });
    run.frame(0);
    expect(BLOCK_CORRUPT_POOL).toBe('▀▌▐▓█ｦｧｨｩｪｫ');
    const layer = run.layer;
    expect(nonBlank(layer)).toBeGreaterThan(20);
    for (let i = 0; i < layer.glyphs.length; i++) {
      if (layer.glyphs[i] === 0) continue;
      expect(BLOCK_CORRUPT_POOL).toContain(glyphOf(layer.glyphs[i]!));
      const [r, g, b] = layer.colors.subarray(i * 3, i * 3 + 3);
      expect(r! >= 100 && g! <= 100 && b! <= 80).toBe(true);
    }
    // 20 blocks of at most 24 cells at flux = bdecay = 0.
    expect(nonBlank(layer)).toBeLessThanOrEqual(20 * 24);
  });

  it('makes more blocks with flux', () => {
    const { grid } = testGrid(40, 100);
    const quiet = nonBlank(new EffectRunner(blockCorrupt, grid, {}, { features: { flux: 0, bdecay: 0 } }).frame(0));
    const loud = nonBlank(new EffectRunner(blockCorrupt, grid, {}, { features: { flux: 1, bdecay: 1 } }).frame(0));
    expect(loud).toBeGreaterThan(quiet * 2);
  });
});

describe('scanbars', () => {
  it('draws only in the bar columns ⌊50t(1 + 0.3i) + 37i⌋ mod cols, about 70 % of their cells', () => {
    const { grid, glyphOf } = testGrid(100, 97);
    const run = new EffectRunner(scanbars, grid, { n_base: 2 }, { features: { himid_r: 0 } });
    const layer = run.frame(12); // t = 0.5
    const cols = new Set([Math.floor(25) % 97, Math.floor(25 * 1.3 + 37) % 97]);
    const lines = layerText(layer, glyphOf).split('\n');
    let drawn = 0;
    for (const line of lines) {
      for (let c = 0; c < 97; c++) {
        if (line[c] === ' ') continue;
        expect(cols.has(c)).toBe(true);
        expect('|║|!1l').toContain(line[c]);
        drawn++;
      }
    }
    expect(drawn).toBeGreaterThan(200 * 0.6);
    expect(drawn).toBeLessThan(200 * 0.8);
  });
});
