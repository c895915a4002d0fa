import { describe, expect, it } from '@jest/globals';
import { PALETTES, PARTICLE_SETS, Registry } from '@glyphreel/core';
import { GRID_PALETTES, gridPlugin } from './index.js';

const LENGTHS: Record<string, number> = {
  default: 29, dense: 12, minimal: 8, binary: 2, gradient: 5, blocks: 9, blocks_ext: 15, shade: 12, math: 24, box: 23,
  circuit: 17, rune: 14, alchemic: 14, zodiac: 13, arrows: 15, music: 10, kata: 20, greek: 22, cyrillic: 25, arabic: 17,
  dots: 10, braille: 33, stars: 10, halffill: 10, hatch: 8, hermes: 18, ocean: 11, organic: 11, machine: 13,
};
const PARTICLES: Record<string, number> = {
  energy: 9, spark: 7, leaf: 7, snow: 7, rain: 6, bubble: 7, data: 11, hex: 16, binary: 2, rune: 14, zodiac: 12, dot: 3, dash: 5,
};

describe('palettes', () => {
  it('has the 29 catalogued palettes with their lengths (space included), space first', () => {
    expect(Object.keys(PALETTES).sort()).toEqual(Object.keys(LENGTHS).sort());
    for (const [name, len] of Object.entries(LENGTHS)) {
      const cps = Array.from(PALETTES[name]!);
      expect([name, cps.length]).toEqual([name, len]);
      expect(cps[0]).toBe(' ');
    }
    expect(new Set(Array.from(PALETTES['ocean']!.slice(1))).size).toBe(6);
  });

  it('has the 13 particle sets with their sizes', () => {
    expect(Object.fromEntries(Object.entries(PARTICLE_SETS).map(([k, v]) => [k, Array.from(v).length]))).toEqual(PARTICLES);
  });

  it('gridPlugin registers every palette by name', () => {
    expect(GRID_PALETTES).toHaveLength(29);
    const reg = new Registry().register(gridPlugin, { builtin: true });
    for (const name of Object.keys(LENGTHS)) {
      const entry = reg.get('palettes', name);
      expect(entry.qualifiedName).toBe(`grid/${name}`);
      expect((entry.def as { glyphs: string }).glyphs).toBe(PALETTES[name]);
    }
  });
});
