import { GlyphreelError, type CellLayer, type Rng } from '@glyphreel/core';

/**
 * tr_crossfade at character level (catalog 3.6): colours lerp, ⌊a·(1 − p) + b·p⌋ per channel, and each cell takes
 * B's glyph with probability p. The reference drew that mask from NumPy's unseeded global RNG (9.2 item 15); here it
 * comes from the caller's stream, one draw per cell in row-major order, so a replayed frame is identical. `out` may
 * alias `a` or `b`.
 */
export function crossfadeCells(a: CellLayer, b: CellLayer, progress: number, rng: Rng, out: CellLayer): CellLayer {
  if (a.rows !== b.rows || a.cols !== b.cols || out.rows !== a.rows || out.cols !== a.cols) {
    throw new GlyphreelError('E_PARAM', `crossfadeCells: layer sizes differ (${a.rows}×${a.cols}, ${b.rows}×${b.cols}, out ${out.rows}×${out.cols})`);
  }
  const p = progress < 0 ? 0 : progress > 1 ? 1 : progress;
  const q = 1 - p;
  const n = a.rows * a.cols;
  for (let i = 0, c = 0; i < n; i++, c += 3) {
    out.glyphs[i] = rng.next() < p ? (b.glyphs[i] as number) : (a.glyphs[i] as number);
    out.colors[c] = (a.colors[c] as number) * q + (b.colors[c] as number) * p;
    out.colors[c + 1] = (a.colors[c + 1] as number) * q + (b.colors[c + 1] as number) * p;
    out.colors[c + 2] = (a.colors[c + 2] as number) * q + (b.colors[c + 2] as number) * p;
  }
  return out;
}
