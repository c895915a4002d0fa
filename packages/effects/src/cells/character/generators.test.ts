import { describe, expect, it } from '@jest/globals';
import { EffectRunner, layerText, nonBlank, testGrid } from '../../test-utils/cells-harness.js';
import { fire, fireIce } from './fire.js';
import { spectrum } from './spectrum.js';
import { waveform } from './waveform.js';

/** Rows from the bottom up to the highest non-blank cell. */
function filledHeight(text: string): number {
  const lines = text.split('\n');
  for (let r = 0; r < lines.length; r++) if (lines[r]!.trim() !== '') return lines.length - r;
  return 0;
}

describe('fire', () => {
  const { grid, glyphOf } = testGrid(40, 80);
  const draw = (def: typeof fire, features: Record<string, number>) => {
    const run = new EffectRunner(def, grid, {}, { features });
    return run.frame(0);
  };

  it('grows with the bass: height = ⌊(0.4·bass + 0.3·sub_r + 0.3·rms)·0.7·rows⌋', () => {
    const quiet = layerText(draw(fire, { bass: 0.2, sub_r: 0.2, rms: 0.2 }), glyphOf);
    const loud = layerText(draw(fire, { bass: 0.9, sub_r: 0.2, rms: 0.2 }), glyphOf);
    expect(filledHeight(quiet)).toBe(Math.floor((0.08 + 0.06 + 0.06) * 0.7 * 40));
    expect(filledHeight(loud)).toBe(Math.floor((0.36 + 0.06 + 0.06) * 0.7 * 40));
    expect(filledHeight(loud)).toBeGreaterThan(filledHeight(quiet));
  });

  it('flicker gives the columns their own heights (tongues of flame); at 0 every column is the catalog\'s height', () => {
    const heights = (flicker: number) => {
      const lines = layerText(new EffectRunner(fire, grid, { flicker, n_base: 20 }, { features: { bass: 1, sub_r: 0, rms: 1 } }).frame(0), glyphOf).split('\n');
      // Height of the fire in each column: rows from the bottom up to its highest drawn cell.
      return Array.from({ length: 80 }, (_, c) => {
        for (let r = 0; r < 40; r++) if (lines[r]![c] !== ' ') return 40 - r;
        return 0;
      });
    };
    const flat = new Set(heights(0).filter((h) => h > 0));
    expect([...flat]).toEqual([Math.floor(0.7 * 0.7 * 40)]);
    const tongues = new Set(heights(0.6).filter((h) => h > 0));
    expect(tongues.size).toBeGreaterThanOrEqual(4);
    expect(Math.max(...tongues)).toBeLessThanOrEqual(Math.floor(0.7 * 0.7 * 40));
  });

  it('uses █ ▓ ▒ ░ by height fraction and fire hues', () => {
    const layer = draw(fire, { bass: 1, sub_r: 1, rms: 1 });
    const lines = layerText(layer, glyphOf).split('\n');
    // Height 28: rows 39..34 are fraction < 0.2 (█), 33..29 < 0.4 (▓), 28..23 < 0.6 (▒), the rest ░.
    const glyphsOf = (r: number) => new Set(lines[r]!.replace(/ /g, ''));
    expect(glyphsOf(39)).toEqual(new Set(['█']));
    expect(glyphsOf(30)).toEqual(new Set(['▓']));
    expect(glyphsOf(25)).toEqual(new Set(['▒']));
    expect(glyphsOf(14)).toEqual(new Set(['░']));
    expect(lines[11]!.trim()).toBe('');
    const at = (39 * 80 + lines[39]!.indexOf('█')) * 3;
    const [r, g, b] = layer.colors.subarray(at, at + 3);
    expect(r).toBeGreaterThan(g!);
    expect(g).toBeGreaterThan(b!);
  });

  it('the ice preset is blue and dimmer', () => {
    const hot = draw(fire, { bass: 1, sub_r: 1, rms: 1 });
    const ice = draw(fireIce, { bass: 1, sub_r: 1, rms: 1 });
    const col = layerText(ice, glyphOf).split('\n')[39]!.indexOf('█');
    const at = (39 * 80 + col) * 3;
    expect(ice.colors[at + 2]).toBeGreaterThan(ice.colors[at]!);
    expect(Math.max(...ice.colors.subarray(at, at + 3))).toBeLessThan(Math.max(...hot.colors.subarray(at, at + 3)));
  });

  it('draws nothing in silence', () => {
    expect(nonBlank(draw(fire, { bass: 0, sub_r: 0, rms: 0 }))).toBe(0);
  });
});

describe('spectrum', () => {
  const { grid, glyphOf } = testGrid(40, 64);

  it('mirrored bars follow the bands: a louder bass makes the left bars taller', () => {
    const bars = (bass: number) => {
      const run = new EffectRunner(spectrum, grid, { n_bars: 16 }, { features: { sub: bass, bass, lomid: 0.1, mid: 0.1, himid: 0.1, hi: 0.1 } });
      const lines = layerText(run.frame(0), glyphOf).split('\n');
      // Bar 0 spans columns 0..2 (width 4 with a one-column gap); count its cells above the middle.
      let up = 0;
      let down = 0;
      for (let r = 0; r < 20; r++) if (lines[r]![0] !== ' ') up++;
      for (let r = 20; r < 40; r++) if (lines[r]![0] !== ' ') down++;
      expect(lines.every((l) => l[3] === ' ')).toBe(true);
      return [up, down];
    };
    const [quietUp, quietDown] = bars(0.2);
    const [loudUp, loudDown] = bars(0.5);
    expect(quietUp).toBe(quietDown);
    expect(loudUp).toBe(loudDown);
    // Height = ⌊(rows/2 − 2)·min(1, 1.8·v)⌋: 18·0.36 → 6 and 18·0.9 → 16.
    expect(quietUp).toBe(6);
    expect(loudUp).toBe(16);
  });

  it('a narrow (portrait) grid gets fewer bars, each at least 3 columns with a gap, not one solid block', () => {
    const narrow = testGrid(60, 30);
    const run = new EffectRunner(spectrum, narrow.grid, {}, { features: { sub: 1, bass: 1, lomid: 1, mid: 1, himid: 1, hi: 1 } });
    const middle = layerText(run.frame(0), narrow.glyphOf).split('\n')[29]!;
    // 64 bars asked, 30 columns: 10 bars of 3 columns, 2 drawn and 1 blank each.
    expect(middle.match(/[^ ]+/g)!.map((r) => r.length)).toEqual(Array(10).fill(2));
  });

  it('unmirrored bars rise from the bottom row and never use the palette space', () => {
    const run = new EffectRunner(spectrum, grid, { n_bars: 8, mirror: false }, { features: { sub: 1, bass: 1, lomid: 1, mid: 1, himid: 1, hi: 1 } });
    const lines = layerText(run.frame(0), glyphOf).split('\n');
    expect(lines[39]![0]).not.toBe(' ');
    expect(filledHeight(lines.join('\n'))).toBe(36);
    expect(lines[3]!.trim()).toBe('');
  });
});

describe('waveform', () => {
  it('draws a flat line of ~ at rows/2 + row_offset in silence, coloured 120 + 135·rms', () => {
    const { grid, glyphOf } = testGrid(30, 50);
    const run = new EffectRunner(waveform, grid, {}, { features: { bass: 0, mid: 0, hi: 0, rms: 1 } });
    const lines = layerText(run.frame(0), glyphOf).split('\n');
    expect(lines[10]).toBe('~'.repeat(50));
    expect(lines.filter((l) => l.trim() !== '').length).toBe(1);
    expect(Array.from(run.layer.colors.subarray(10 * 50 * 3, 10 * 50 * 3 + 3))).toEqual([255, 193, 102]);
  });

  it('swings by up to amp rows with the bass', () => {
    const { grid, glyphOf } = testGrid(30, 120);
    const run = new EffectRunner(waveform, grid, {}, { features: { bass: 1, mid: 0, hi: 0 } });
    const lines = layerText(run.frame(0), glyphOf).split('\n');
    const used = lines.map((l, r) => (l.includes('~') ? r : -1)).filter((r) => r >= 0);
    expect(Math.min(...used)).toBe(8);
    expect(Math.max(...used)).toBe(12);
  });
});
