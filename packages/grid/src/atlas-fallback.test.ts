import { describe, expect, it } from '@jest/globals';
import { canvasApi, DEFAULT_INIT_CHARS, GlyphAtlas, resolveFontChain } from './index.js';

const chain = resolveFontChain();

/** Per column of a cw×ch mask: summed coverage. */
function columns(m: Uint8Array, cw: number, ch: number): number[] {
  const out = new Array<number>(cw).fill(0);
  for (let y = 0; y < ch; y++) for (let x = 0; x < cw; x++) out[x]! += m[y * cw + x]!;
  return out;
}

/** What the atlas drew before fallback fitting (and still draws for the primary font): fillText at (0, ascent). */
function plainMask(a: GlyphAtlas, c: string, css: string): Uint8Array {
  const ctx = canvasApi().createCanvas(a.cw, a.ch).getContext('2d');
  ctx.font = css;
  ctx.fillStyle = '#ffffff';
  ctx.fillText(c, 0, a.metrics.ascent);
  const rgba = ctx.getImageData(0, 0, a.cw, a.ch).data;
  return Uint8Array.from({ length: a.cw * a.ch }, (_, i) => rgba[i * 4 + 3]!);
}

/** Total coverage and ink width (columns) of `c` drawn at its natural size with room on both sides (nothing cut). */
function natural(a: GlyphAtlas, c: string, css: string): { ink: number; width: number } {
  const w = a.cw * 6;
  const ctx = canvasApi().createCanvas(w, a.ch).getContext('2d');
  ctx.font = css;
  ctx.fillStyle = '#ffffff';
  ctx.fillText(c, 2 * a.cw, a.metrics.ascent);
  const rgba = ctx.getImageData(0, 0, w, a.ch).data;
  let ink = 0;
  let x0 = w;
  let x1 = -1;
  for (let i = 0; i < w * a.ch; i++) {
    const v = rgba[i * 4 + 3]!;
    ink += v;
    if (v > 0) [x0, x1] = [Math.min(x0, i % w), Math.max(x1, i % w)];
  }
  return { ink, width: x1 - x0 + 1 };
}

/** How far a column profile is from its mirror image: Σ|p[x] − p[cw − 1 − x]| / (2·Σp), 0 = symmetric. */
function asymmetry(cols: number[]): number {
  const n = cols.length;
  let d = 0;
  let s = 0;
  for (let x = 0; x < n; x++) [d, s] = [d + Math.abs(cols[x]! - cols[n - 1 - x]!), s + cols[x]!];
  return d / (2 * s);
}

const css = (px: number, f: number) => `${px}px "${[chain.primary, ...chain.fallbacks][f]!.family}"`;

describe('GlyphAtlas fallback glyphs', () => {
  it.each([8, 12, 16, 20, 24, 32])('squeezes the wide hermes glyphs ⎔ ⌬ ⏣ ⟡ into the cell, centred and uncut (%i px)', (px) => {
    const a = new GlyphAtlas(chain, px);
    for (const c of '⎔⌬⏣⟡') {
      const id = a.id(c, () => undefined);
      expect(a.fontIndex[id]).toBeGreaterThan(0); // DejaVu Sans Mono lacks them
      const cols = columns(a.mask(id), a.cw, a.ch);
      const total = cols.reduce((s, v) => s + v, 0);
      // Ink in the right third: the glyph's right side is there, not cut away.
      const third = Math.floor((2 * a.cw) / 3);
      expect(cols.slice(third).reduce((s, v) => s + v, 0) / total).toBeGreaterThan(0.15);
      // Roughly symmetric about the cell centre: the ink centroid within a pixel of it.
      const centroid = cols.reduce((s, v, x) => s + v * (x + 0.5), 0) / total;
      expect(Math.abs(centroid - a.cw / 2)).toBeLessThan(1);
      // Nothing cut: the column profile is close to its mirror image (⎔ and ⟡ are symmetric shapes; ⌬'s alternating
      // bonds and ⏣'s inner ring less so). The plain drawing at (0, ascent) that the atlas used to make is cut on the
      // right (⎔ read as "C", ⟡ as "<") and fails this.
      const f = a.fontIndex[id]!;
      const symmetric = c === '⎔' || c === '⟡';
      expect(asymmetry(cols)).toBeLessThan(symmetric ? 0.17 : 0.25);
      if (symmetric && px >= 12) expect(asymmetry(columns(plainMask(a, c, css(px, f)), a.cw, a.ch))).toBeGreaterThan(0.25);
      // …and a horizontal squeeze by k = (cw − 1)/(ink width) keeps ≈ k of the natural ink.
      const nat = natural(a, c, css(px, f));
      const k = (a.cw - 1) / nat.width;
      expect(total / (k * nat.ink)).toBeGreaterThan(0.85);
    }
  });

  it('keeps every glyph the primary font draws byte-identical to fillText at (0, ascent)', () => {
    for (const px of [12, 16, 20]) {
      const a = new GlyphAtlas(chain, px);
      a.ensure(DEFAULT_INIT_CHARS + 'M#@Wg|');
      let checked = 0;
      for (let id = 1; id < a.count; id++) {
        const c = a.charOf(id);
        if (a.fontIndex[id] !== 0 || (c.length === 1 && c >= '\u2580' && c <= '\u259f')) continue; // block elements are geometric
        expect([c, Buffer.from(a.mask(id)).equals(Buffer.from(plainMask(a, c, css(px, 0))))]).toEqual([c, true]);
        checked++;
      }
      expect(checked).toBeGreaterThan(200);
      for (const c of 'M#') expect(a.fontIndex[a.id(c)]).toBe(0);
    }
  });

  it('shifts narrower fallback glyphs by whole pixels, keeping braille dot positions apart', () => {
    for (const px of [8, 12, 16, 24]) {
      const a = new GlyphAtlas(chain, px);
      // Braille comes from DejaVu Sans, 1.2 cells wide with its ink inside one cell: shifted, never scaled, never cut.
      const full = a.id('⣿');
      expect(a.fontIndex[full]).toBeGreaterThan(0);
      const plain = plainMask(a, '⣿', css(px, a.fontIndex[full]!));
      const inkOf = (m: Uint8Array) => m.reduce((s, v) => s + v, 0);
      expect(inkOf(a.mask(full))).toBe(natural(a, '⣿', css(px, a.fontIndex[full]!)).ink);
      expect(inkOf(a.mask(full))).toBeGreaterThanOrEqual(inkOf(plain));
      // ⠁ (left column) and ⠈ (right column) stay on their sides of the cell.
      const centroid = (c: string) => {
        const cols = columns(a.mask(a.id(c)), a.cw, a.ch);
        return cols.reduce((s, v, x) => s + v * (x + 0.5), 0) / cols.reduce((s, v) => s + v, 0);
      };
      expect(centroid('⠁')).toBeLessThan(a.cw / 2);
      expect(centroid('⠈')).toBeGreaterThan(a.cw / 2);
      expect(Math.abs(centroid('⣿') - a.cw / 2)).toBeLessThanOrEqual(1);
    }
  });
});
