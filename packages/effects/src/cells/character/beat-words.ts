import { defineCellEffect } from '@glyphreel/core';
import { centredCol, isBeat, stampIds } from '../common.js';

interface BeatWordState {
  word: number;
  row: number;
  since: number;
}

/**
 * Beat words (catalog 2.6 `eff_beat_words`): on each beat a random word of `words`, centred horizontally on row
 * ⌊rows·row_center⌋ + randint(−5, 5). The reference shows it on the beat frame only, which at 24 fps is a single-frame
 * flash; here it stays for hold_s seconds, dimming to 30 % (hold_s = 0 gives the reference's one frame).
 */
export const beatWords = defineCellEffect({
  name: 'beat_words',
  description: 'A random word flashed on every beat (catalog 2.6)',
  params: {
    words: {
      type: 'array',
      items: { type: 'string', nonEmpty: true },
      minItems: 1,
      default: ['PULSE', 'DROP', 'SURGE', 'BOOM', 'RISE', 'FLUX', 'WAVE', 'GLOW'],
    },
    row_center: { type: 'number', default: 0.5, min: 0, max: 1, description: 'centre row, fraction of the rows' },
    spread: { type: 'integer', default: 5, min: 0, max: 1000, description: 'random row offset ± this' },
    hold_s: { type: 'number', default: 0.25, min: 0, max: 10 },
    color: { type: 'color', default: [255, 240, 220] },
  },
  draw(layer, grid, ctx, p) {
    let s = ctx.state['beat_words'] as BeatWordState | undefined;
    if (!s) {
      s = { word: -1, row: 0, since: 0 };
      ctx.state['beat_words'] = s;
    }
    if (isBeat(ctx)) {
      s.word = ctx.rng.int(0, p.words.length - 1);
      s.row = Math.floor(grid.rows * p.row_center) + ctx.rng.int(-p.spread, p.spread);
      s.since = ctx.t;
    }
    if (ctx.replaying || s.word < 0 || s.word >= p.words.length) return;
    const age = ctx.t - s.since;
    if (age > p.hold_s) return;
    const k = p.hold_s > 0 ? 1 - (0.7 * age) / p.hold_s : 1;
    const ids = grid.glyphIds(p.words[s.word]!);
    const [r, g, b] = p.color;
    stampIds(layer, ids, s.row, centredCol(grid, ids.length), r * k, g * k, b * k);
  },
});
