import { defineValueEffect, Rng, type ArrayParam } from '@glyphreel/core';
import { int, num, oneOf } from '../schema.js';
import { keyOf } from '../util.js';

/** Birth / survive neighbour counts of the reference's presets. */
export const LIFE_RULES = {
  life: [[3], [2, 3]],
  coral: [[3], [4, 5, 6, 7, 8]],
  maze: [[3], [1, 2, 3, 4, 5]],
  anneal: [[4, 6, 7, 8], [3, 5, 6, 7, 8]],
  day_night: [[3, 6, 7, 8], [3, 4, 6, 7, 8]],
} as const satisfies Record<string, readonly [readonly number[], readonly number[]]>;

type Rule = keyof typeof LIFE_RULES;

const counts = (description: string): ArrayParam => ({
  type: 'array',
  items: { type: 'integer', default: 3, min: 0, max: 8 },
  default: [],
  maxItems: 9,
  description,
});

interface LifeState {
  alive: Uint8Array;
  next: Uint8Array;
  display: Float32Array;
}

const mask = (list: readonly number[]) => list.reduce((m, k) => m | (1 << k), 0);

/**
 * Birth/survive automaton on a torus with an analog fade: live cells show 1, dead ones decay ×fade per frame.
 * State per grid ("gol_<grid id>"); the initial soup comes from an Rng seeded with `seed`. On a beat (> 0.5) 2 % of
 * cells are set alive, drawn from ctx.rng (the reference used NumPy's unseeded global RNG).
 * `birth`/`survive` override the preset when either is non-empty (an empty list then means "never").
 */
export const gameOfLife = defineValueEffect({
  name: 'game_of_life',
  description: 'Cellular automaton (life, coral, maze, anneal, day_night) with fading trails',
  params: {
    rule: oneOf(Object.keys(LIFE_RULES) as Rule[], 'life', 'B/S preset'),
    birth: counts('neighbour counts that give birth (overrides the preset)'),
    survive: counts('neighbour counts that survive (overrides the preset)'),
    steps_per_frame: int(1, 0, 64, 'generations per frame (0 = read only)'),
    density: num(0.3, 0, 1, 'initial live fraction'),
    fade: num(0.92, 0, 1, 'per-frame multiplier of dead cells'),
    seed: int(42, 0, 4294967295, 'seed of the initial soup'),
  },
  fill(out, grid, ctx, p) {
    const { rows, cols } = grid;
    const n = rows * cols;
    const key = keyOf('gol_', grid.id);
    const state = ctx.state as Record<string, unknown>;
    let s = state[key] as LifeState | undefined;
    if (!s || s.alive.length !== n) {
      const rng = new Rng(p.seed);
      const alive = new Uint8Array(n);
      const display = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        alive[i] = rng.next() < p.density ? 1 : 0;
        display[i] = alive[i];
      }
      s = { alive, next: new Uint8Array(n), display };
      state[key] = s;
    }
    const custom = p.birth.length > 0 || p.survive.length > 0;
    const [b, sv] = custom ? [p.birth as number[], p.survive as number[]] : LIFE_RULES[p.rule as Rule];
    const birth = mask(b);
    const survive = mask(sv);
    if (ctx.features.get('beat') > 0.5) {
      const alive = s.alive;
      const rng = ctx.rng;
      for (let i = 0; i < n; i++) if (rng.next() < 0.02) alive[i] = 1;
    }
    for (let k = 0; k < p.steps_per_frame; k++) {
      const cur = s.alive;
      const nxt = s.next;
      for (let r = 0; r < rows; r++) {
        const up = ((r + rows - 1) % rows) * cols;
        const mid = r * cols;
        const dn = ((r + 1) % rows) * cols;
        for (let c = 0; c < cols; c++) {
          const l = c === 0 ? cols - 1 : c - 1;
          const rt = c === cols - 1 ? 0 : c + 1;
          const nb =
            cur[up + l] + cur[up + c] + cur[up + rt] + cur[mid + l] + cur[mid + rt] + cur[dn + l] + cur[dn + c] + cur[dn + rt];
          nxt[mid + c] = ((cur[mid + c] ? survive : birth) >> nb) & 1;
        }
      }
      s.alive = nxt;
      s.next = cur;
    }
    const alive = s.alive;
    const display = s.display;
    const fade = p.fade;
    for (let i = 0; i < n; i++) {
      const v = alive[i] ? 1 : display[i] * fade;
      display[i] = v;
      out[i] = v;
    }
  },
});
