import { defineCellEffect } from '@glyphreel/core';
import { isBeat, stampIds } from '../common.js';

/** Short terminal-style error lines (catalog 2.6 names the three vocabularies and their sizes; the words are ours). */
export const ERRORS_TECH: readonly string[] = Object.freeze([
  'SEGFAULT AT 0x0000DEAD',
  'KERNEL PANIC: NOT SYNCING',
  'BUFFER OVERFLOW',
  'STACK SMASHING DETECTED',
  'I/O ERROR ON /dev/sda1',
  'NULL POINTER DEREFERENCE',
  'CHECKSUM MISMATCH',
  'HEAP CORRUPTION',
  'BUS ERROR (CORE DUMPED)',
  'TIMEOUT: NO CARRIER',
]);
export const ERRORS_COSMIC: readonly string[] = Object.freeze([
  'SIGNAL LOST BEYOND HELIOPAUSE',
  'ENTROPY LIMIT REACHED',
  'STAR MAP CORRUPTED',
  'EVENT HORIZON BREACH',
  'REDSHIFT OUT OF RANGE',
  'VOID RETURNED NULL',
  'ORBIT DECAY DETECTED',
  'DARK MATTER OVERFLOW',
]);
export const ERRORS_ORGANIC: readonly string[] = Object.freeze([
  'ROOT SYSTEM FAILURE',
  'SPORE COUNT EXCEEDED',
  'CELL DIVISION HALTED',
  'MYCELIUM DESYNC',
  'PHOTOSYNTHESIS TIMEOUT',
  'GENOME CHECKSUM ERROR',
]);
const ERRORS_ALL: readonly string[] = Object.freeze([...ERRORS_TECH, ...ERRORS_COSMIC, ...ERRORS_ORGANIC]);
const VOCABULARIES = { tech: ERRORS_TECH, cosmic: ERRORS_COSMIC, organic: ERRORS_ORGANIC, all: ERRORS_ALL } as const;

const SLOTS = 16;

interface ErrorState {
  phrase: Int16Array;
  row: Int32Array;
  col: Int32Array;
  until: Float64Array;
}

/**
 * Error messages (catalog 2.6): phrases of a vocabulary stamped as text at random places. The reference only names
 * the stamping; the timing is ours: `per_beat` new messages on each beat plus `rate` per second at random, each
 * shown for hold_s seconds, at most max_active at once (a new one replaces the one closest to expiry).
 */
export const errorMessages = defineCellEffect({
  name: 'error_messages',
  description: 'Terminal error messages popping up on beats (catalog 2.6)',
  params: {
    vocabulary: { type: 'enum', values: ['tech', 'cosmic', 'organic', 'all'] as const, default: 'tech' as keyof typeof VOCABULARIES },
    per_beat: { type: 'integer', default: 2, min: 0, max: SLOTS },
    rate: { type: 'number', default: 0.5, min: 0, max: 100, description: 'random messages per second' },
    hold_s: { type: 'number', default: 1.5, min: 0, max: 60 },
    max_active: { type: 'integer', default: 6, min: 1, max: SLOTS },
    color: { type: 'color', default: [255, 70, 60] },
  },
  draw(layer, grid, ctx, p) {
    let s = ctx.state['error_messages'] as ErrorState | undefined;
    if (!s) {
      s = { phrase: new Int16Array(SLOTS).fill(-1), row: new Int32Array(SLOTS), col: new Int32Array(SLOTS), until: new Float64Array(SLOTS) };
      ctx.state['error_messages'] = s;
    }
    const vocab = VOCABULARIES[p.vocabulary];
    const rng = ctx.rng;
    const t = ctx.t;
    let spawn = isBeat(ctx) ? p.per_beat : 0;
    if (rng.chance(p.rate / ctx.fps)) spawn++;
    for (let k = 0; k < spawn; k++) {
      // Free slot first, otherwise the one closest to expiry, among the first max_active.
      let slot = 0;
      for (let j = 1; j < p.max_active; j++) if (s.until[j]! < s.until[slot]!) slot = j;
      const phrase = rng.int(0, vocab.length - 1);
      const len = grid.glyphIds(vocab[phrase]!).length;
      s.phrase[slot] = phrase;
      s.row[slot] = rng.int(0, grid.rows - 1);
      s.col[slot] = rng.int(0, Math.max(0, grid.cols - len));
      s.until[slot] = t + p.hold_s;
    }
    if (ctx.replaying) return;
    const [r, g, b] = p.color;
    for (let j = 0; j < p.max_active; j++) {
      const ph = s.phrase[j]!;
      if (ph < 0 || ph >= vocab.length || s.until[j]! < t) continue;
      stampIds(layer, grid.glyphIds(vocab[ph]!), s.row[j]!, s.col[j]!, r, g, b);
    }
  },
});
