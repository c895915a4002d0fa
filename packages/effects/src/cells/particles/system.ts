import type { FrameContext, GridGeometry } from '@glyphreel/core';
import { HsvRamp } from '../common.js';
import { ParticlePool } from './pool.js';
import { TrailHistory } from './trail-history.js';

/** Per-system caps of the seed's "Particle System Performance" table: [low, standard, high]. */
export type CapTable = readonly [number, number, number];
export const CAPS = {
  explosion: [300, 1000, 2500],
  embers: [500, 1500, 3000],
  starfield: [300, 800, 1500],
  dissolve: [200, 600, 1200],
} as const satisfies Record<string, CapTable>;

/**
 * The quality level a particle budget stands for. The profiles' budgets are 200 (draft), 500 (preview / low-end
 * auto), 800 (downgraded auto), 1200 (production) and 3000 (max): below 800 is "low", below 2000 "standard", above
 * that "high".
 */
export function capLevel(particlesMax: number): 0 | 1 | 2 {
  return particlesMax < 800 ? 0 : particlesMax < 2000 ? 1 : 2;
}

/**
 * The particle cap of a system: the catalogued cap for the budget's quality level, never above the budget itself
 * (`budget.particlesMax` is a hard per-system limit), and never above the system's own count parameter.
 */
export function particleCap(particlesMax: number, table?: CapTable, count?: number): number {
  let cap = Math.max(0, Math.floor(particlesMax));
  if (table) cap = Math.min(cap, table[capLevel(particlesMax)]);
  if (count !== undefined) cap = Math.min(cap, Math.max(0, Math.floor(count)));
  return cap;
}

/** Parameters every particle system shares: the trails companion and the horizontal velocity stretch. */
export const TRAIL_PARAMS = {
  trail: {
    type: 'integer',
    default: 0,
    min: 0,
    max: 32,
    description: 'frames of particle trail to draw behind each particle (0 = none)',
  },
  trail_fade: {
    type: 'number',
    default: 0.7,
    min: 0.05,
    max: 0.99,
    description: 'trail brightness factor per frame of age (drawing stops below 0.05)',
  },
} as const;

export const STRETCH_PARAM = {
  stretch: {
    type: 'number',
    default: 2.5,
    min: 0.5,
    max: 5,
    description: 'horizontal velocity stretch compensating for tall cells (catalog 9.3 item 30)',
  },
} as const;

/** What a system keeps in `ctx.state` between frames. */
export interface SystemState {
  readonly gridId: string;
  readonly cap: number;
  readonly pool: ParticlePool;
  readonly trails: TrailHistory;
  /** The system's colour table (see HsvRamp). */
  readonly ramp: HsvRamp;
  /** True on the frame the state was (re)created: the system seeds its initial particles then. */
  fresh: boolean;
}

/** The layer-state key of a system: `particles:<name>`. */
export function stateKeyOf(system: string): string {
  return `particles:${system}`;
}

/**
 * The state of one particle system on one layer, kept under `key` = `particles:<name>` (each system passes the
 * literal, so no key string is built per frame, and two systems can share a layer's state object). It is rebuilt
 * when the grid, the cap or the trail depth changes: a new grid means new coordinates, so old particles would be
 * meaningless.
 */
export function systemState(ctx: FrameContext, key: string, grid: GridGeometry, cap: number, trail: number): SystemState {
  let s = ctx.state[key] as SystemState | undefined;
  const depth = trail > 0 ? trail + 1 : 0;
  if (!s || s.gridId !== grid.id || s.cap !== cap || s.trails.depth !== depth) {
    s = { gridId: grid.id, cap, pool: new ParticlePool(cap), trails: new TrailHistory(depth, cap), ramp: new HsvRamp(), fresh: true };
    ctx.state[key] = s;
  } else {
    s.fresh = false;
  }
  return s;
}

/** The pool of a system on a layer, for scenes and tests that inspect particles (undefined before its first frame). */
export function getParticlePool(state: Record<string, unknown>, system: string): ParticlePool | undefined {
  return (state[stateKeyOf(system)] as SystemState | undefined)?.pool;
}

/**
 * Projects particle positions to cells: column = floor(x), row = floor(y), −1 when off the grid. Systems whose
 * coordinates are not cell units project themselves.
 */
export function projectToCells(pool: ParticlePool, grid: GridGeometry): void {
  const { x, y, cell } = pool;
  const rows = grid.rows;
  const cols = grid.cols;
  for (let i = 0; i < pool.count; i++) {
    const c = Math.floor(x[i]!);
    const r = Math.floor(y[i]!);
    cell[i] = c >= 0 && c < cols && r >= 0 && r < rows ? r * cols + c : -1;
  }
}
