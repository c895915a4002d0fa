import { defineCellEffect, type GridGeometry } from '@glyphreel/core';
import { centredCol, stampIds } from '../common.js';

interface WrapCache {
  cols: number;
  lines: Map<string, string[]>;
}

/**
 * Fading messages (catalog 2.6 `eff_fading_messages`): message ⌊t/period⌋ mod n is shown with
 * fade = min(1, phase)·min(1, period − phase), phase = t mod period, hidden when fade ≤ 0.05; colour
 * color_base·fade. Messages wider than the grid (minus a two-cell margin) are word-wrapped onto centred lines
 * around row ⌊rows·row_center⌋, which the reference leaves to `layout_text_portrait` (catalog 5.4).
 */
export const fadingMessages = defineCellEffect({
  name: 'fading_messages',
  description: 'Messages that fade in and out in turn (catalog 2.6)',
  params: {
    messages: {
      type: 'array',
      items: { type: 'string' },
      minItems: 1,
      default: ['signal acquired', 'decoding the noise', 'everything is glyphs'],
    },
    period: { type: 'number', default: 4, min: 0.1, max: 600, description: 'seconds per message' },
    row_center: { type: 'number', default: 0.5, min: 0, max: 1 },
    color_base: { type: 'color', default: [220, 220, 220] },
  },
  draw(layer, grid, ctx, p) {
    if (ctx.replaying) return;
    const t = Math.max(0, ctx.t);
    const idx = Math.floor(t / p.period) % p.messages.length;
    const phase = t % p.period;
    const fade = Math.min(1, phase) * Math.min(1, p.period - phase);
    if (fade <= 0.05) return;
    const lines = wrapped(ctx.state, grid, p.messages[idx]!);
    const top = Math.floor(grid.rows * p.row_center) - Math.floor(lines.length / 2);
    const [r, g, b] = p.color_base;
    for (let k = 0; k < lines.length; k++) {
      const ids = grid.glyphIds(lines[k]!);
      stampIds(layer, ids, top + k, centredCol(grid, ids.length), r * fade, g * fade, b * fade);
    }
  },
});

/** Word-wrapped lines of a message for this grid width, computed once per (message, width). */
function wrapped(state: Record<string, unknown>, grid: GridGeometry, message: string): string[] {
  let cache = state['fading_messages:wrap'] as WrapCache | undefined;
  if (!cache || cache.cols !== grid.cols) {
    cache = { cols: grid.cols, lines: new Map() };
    state['fading_messages:wrap'] = cache;
  }
  let lines = cache.lines.get(message);
  if (!lines) {
    lines = wrapText(message, Math.max(1, grid.cols - 4));
    cache.lines.set(message, lines);
  }
  return lines;
}

/** Greedy word wrap by code points; a word longer than the width is cut. */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  let line: string[] = [];
  let len = 0;
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    const cps = Array.from(word);
    if (len > 0 && len + 1 + cps.length > width) {
      out.push(line.join(' '));
      line = [];
      len = 0;
    }
    for (let i = 0; i + width < cps.length; i += width) out.push(cps.slice(i, i + width).join(''));
    const rest = cps.slice(Math.floor(Math.max(0, cps.length - 1) / width) * width).join('');
    line.push(rest);
    len += (len > 0 ? 1 : 0) + Array.from(rest).length;
  }
  if (line.length > 0) out.push(line.join(' '));
  return out.length > 0 ? out : [''];
}
