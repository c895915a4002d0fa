import { describe, expect, it } from '@jest/globals';
import type { CellEffectDef } from '@glyphreel/core';
import { resolveCharSet } from '../common.js';
import { boids } from './boids.js';
import { dissolve } from './dissolve.js';
import { embers } from './embers.js';
import { explosion } from './explosion.js';
import { flow } from './flow.js';
import { gravityWell } from './gravity-well.js';
import { orbit } from './orbit.js';
import { starfield } from './starfield.js';
import { trails } from './trails.js';

/**
 * East-Asian width W (wide) and F (fullwidth) in the blocks a particle set could plausibly draw from (Unicode 15
 * EastAsianWidth.txt): a terminal and a monospace font give these two cells, and the grid draws each glyph into one
 * cell, cutting them in half.
 */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0], [0x23f3, 0x23f3],
  [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f], [0x2693, 0x2693], [0x26a1, 0x26a1],
  [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5], [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea],
  [0x26f2, 0x26f3], [0x26f5, 0x26f5], [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b],
  [0x2728, 0x2728], [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55], [0x2e80, 0x303e],
  [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xac00, 0xd7a3], [0xf900, 0xfaff],
  [0xfe30, 0xfe4f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x1f300, 0x1f64f], [0x1f900, 0x1f9ff], [0x20000, 0x3fffd],
];

/** Narrow by the table but drawn wider than a cell by monospace fonts (large geometric shapes). */
const OVERWIDE = new Set(['⬤', '◯', '⬛', '⬜', '⭕', '⬮', '⬯']);

const isWide = (ch: string) => {
  const cp = ch.codePointAt(0)!;
  return WIDE.some(([lo, hi]) => cp >= lo && cp <= hi);
};

describe('particle effects\' default character sets', () => {
  const defs = [boids, dissolve, embers, explosion, flow, gravityWell, orbit, starfield, trails] as CellEffectDef<any>[];

  it('the width check itself recognizes wide and overwide glyphs', () => {
    expect(['✨', '♈', '⭐', '中', 'Ａ'].map(isWide)).toEqual([true, true, true, true, true]);
    expect(['·', '•', '●', '◦', '∘', '✦', '★', '⬤'].map(isWide)).toEqual([false, false, false, false, false, false, false, false]);
    expect(OVERWIDE.has('⬤')).toBe(true);
  });

  it('contain only glyphs that fit one monospace cell (no East-Asian W/F, no large geometric shapes)', () => {
    let checked = 0;
    for (const def of defs) {
      for (const [key, spec] of Object.entries(def.params as Record<string, { type: string; default?: unknown }>)) {
        if (spec.type !== 'string' || !/char/.test(key) || typeof spec.default !== 'string') continue;
        const glyphs = Array.from(resolveCharSet(spec.default));
        const bad = glyphs.filter((g) => isWide(g) || OVERWIDE.has(g));
        expect([def.name, key, bad]).toEqual([def.name, key, []]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(defs.length - 1); // starfield may have none
  });

  it('boids draws ● where the reference set had ⬤ (same length, so the seeded draws pick the same slots)', () => {
    const set = (boids.params as { char_set: { default: string } }).char_set.default;
    expect(set).toBe('·•●◦∘●');
    expect(Array.from(set)).toHaveLength(6);
  });
});
