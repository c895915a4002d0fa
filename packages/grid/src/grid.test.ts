import { describe, expect, it } from '@jest/globals';
import { GlyphreelError } from '@glyphreel/core';
import { createGrid, fontPx } from './index.js';

const quiet = () => undefined;

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GlyphreelError);
    return `${(e as GlyphreelError).code}: ${(e as Error).message}`;
  }
  throw new Error('expected an error');
}

describe('Grid layout', () => {
  it('landscape 1080p md: 192×56 cells of 10×19, centred vertically', () => {
    const g = createGrid({ width: 1920, height: 1080, size: 'md', onWarning: quiet });
    expect([g.cols, g.rows, g.cellWidthPx, g.cellHeightPx, g.offsetXPx, g.offsetYPx]).toEqual([192, 56, 10, 19, 0, 8]);
    expect(g.isLandscape).toBe(true);
    expect(g.id).toMatch(/^md-16px-DejaVu_Sans_Mono-[0-9a-f]{8}-1920x1080$/);
    const other = createGrid({ width: 1920, height: 1080, size: 'md', fallbackFonts: [], onWarning: quiet });
    expect(other.id).not.toBe(g.id);
  });

  it('portrait 1080×1920 grids have the computed rows/cols and centring', () => {
    const md = createGrid({ width: 1080, height: 1920, size: 'md', onWarning: quiet });
    expect([md.cols, md.rows, md.offsetXPx, md.offsetYPx, md.isPortrait]).toEqual([108, 101, 0, 0, true]);
    const lg = createGrid({ width: 1080, height: 1920, size: 'lg', onWarning: quiet });
    expect([lg.cols, lg.rows, lg.offsetXPx, lg.offsetYPx]).toEqual([90, 80, 0, 0]);
    const xl = createGrid({ width: 1080, height: 1920, size: 'xl', onWarning: quiet });
    // 1080/14 = 77.1, 1920/29 = 66.2
    expect([xl.cols, xl.rows, xl.offsetXPx, xl.offsetYPx]).toEqual([77, 66, 1, 3]);
  });

  it('square and odd sizes centre with floor((W − cols·cw)/2)', () => {
    const g = createGrid({ width: 1085, height: 1085, size: 'md', onWarning: quiet });
    expect([g.cols, g.rows, g.offsetXPx, g.offsetYPx]).toEqual([108, 57, 2, 1]);
  });

  it('size keys times the grid scale', () => {
    expect(['xs', 'sm', 'md', 'lg', 'xl', 'xxl'].map((k) => fontPx(k))).toEqual([8, 10, 16, 20, 24, 40]);
    expect(fontPx('md', 0.5)).toBe(8);
    expect(fontPx('xxl', 1.5)).toBe(60);
    const half = createGrid({ width: 1920, height: 1080, size: 'lg', gridScale: 0.8, onWarning: quiet });
    expect(half.px).toBe(16);
    expect(half.cols).toBe(192);
  });

  it('caches full coordinate matrices with the reference definitions', () => {
    const g = createGrid({ width: 200, height: 190, size: 'md', onWarning: quiet });
    expect([g.cols, g.rows]).toEqual([20, 10]);
    const i = 3 * g.cols + 7;
    // Round on screen (core README, Decisions): rows count ch/cw column widths; normalized by the columns.
    const asp = 10 / 19;
    expect(g.row[i]).toBe(3);
    expect(g.col[i]).toBe(7);
    expect(g.dx[i]).toBeCloseTo(7 - 10, 6);
    expect(g.dy[i]).toBeCloseTo((3 - 5) / asp, 5);
    expect(g.dist[i]).toBeCloseTo(Math.hypot(-3, -2 / asp), 5);
    expect(g.angle[i]).toBeCloseTo(Math.atan2(-2 / asp, -3), 5);
    expect(g.distN[i]).toBeCloseTo(Math.hypot(-3 / 20, -2 / asp / 20), 6);
    expect(g.dist.length).toBe(200);
  });

  it('rejects bad sizes with clear errors', () => {
    expect(codeOf(() => createGrid({ width: 0, height: 100 }))).toBe('E_PARAM: Frame width must be a positive integer number of pixels (at most 32768), got 0');
    expect(codeOf(() => createGrid({ width: 100.5, height: 100 }))).toMatch(/^E_PARAM: Frame width .* got 100\.5$/);
    expect(codeOf(() => createGrid({ width: 100, height: '100' as unknown as number }))).toMatch(/^E_PARAM: Frame height .* got "100"$/);
    expect(codeOf(() => createGrid({ width: 100, height: 100, size: 'huge' }))).toMatch(/^E_UNKNOWN: Unknown grid size "huge"/);
    expect(codeOf(() => createGrid({ width: 100, height: 100, gridScale: -1 }))).toMatch(/^E_PARAM: gridScale must be a positive number/);
    expect(codeOf(() => createGrid({ width: 8, height: 8, size: 'xxl' }))).toMatch(/^E_PARAM: A 8×8 frame is smaller than one 24×48 px cell/);
  });
});
