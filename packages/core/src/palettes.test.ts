import { describe, expect, it } from '@jest/globals';
import { PALETTES, PARTICLE_SETS, PAL_OCEAN } from './palettes.js';

const LENGTHS: Record<string, number> = {
  default: 29, dense: 12, minimal: 8, binary: 2, gradient: 5, blocks: 9, blocks_ext: 15, shade: 12, math: 24, box: 23,
  circuit: 17, rune: 14, alchemic: 14, zodiac: 13, arrows: 15, music: 10, kata: 20, greek: 22, cyrillic: 25,
  arabic: 17, dots: 10, braille: 33, stars: 10, halffill: 10, hatch: 8, hermes: 18, ocean: 11, organic: 11,
  machine: 13,
};
const PART: Record<string, number> = {
  energy: 9, spark: 7, leaf: 7, snow: 7, rain: 6, bubble: 7, data: 11, hex: 16, binary: 2, rune: 14, zodiac: 12,
  dot: 3, dash: 5,
};

describe('palettes', () => {
  it('has the 29 catalogued palettes with their lengths, index 0 a space, no other space', () => {
    expect(Object.keys(PALETTES).sort()).toEqual(Object.keys(LENGTHS).sort());
    for (const [name, pal] of Object.entries(PALETTES)) {
      const cps = Array.from(pal);
      expect([name, cps.length]).toEqual([name, LENGTHS[name]]);
      expect(cps[0]).toBe(' ');
      expect(cps.slice(1).includes(' ')).toBe(false);
    }
  });
  it('keeps the ocean palette repeats (6 distinct glyphs)', () => {
    expect(new Set(Array.from(PAL_OCEAN).slice(1)).size).toBe(6);
  });
  it('has the 13 particle sets with their sizes', () => {
    expect(Object.keys(PARTICLE_SETS)).toHaveLength(13);
    for (const [name, set] of Object.entries(PARTICLE_SETS)) expect([name, Array.from(set).length]).toEqual([name, PART[name]]);
  });
});
