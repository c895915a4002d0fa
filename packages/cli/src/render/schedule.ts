import type { WorkUnit } from '../runtime/plan.js';
import type { FrameClaims } from './claims.js';

export interface Launched<R> {
  unit: WorkUnit;
  /** The unit's slot in the claims and the control block. */
  slot: number;
  /** Undefined when the run failed (the caller records why). */
  result: R | undefined;
}

export interface ScheduleOptions<R> {
  /** Units in dispatch order. */
  units: readonly WorkUnit[];
  workers: number;
  claims: FrameClaims;
  /** Units that may be split while they draw (a unit of a feedback scene may not: it cannot start mid-scene). */
  splittable: (unit: WorkUnit) => boolean;
  /**
   * Whether taking frames [cut, end) of a unit is worth it: the new unit replays its scene from the scene's first
   * frame up to `cut` before it draws (default: always).
   */
  worthSplitting?: (unit: WorkUnit, cut: number, end: number) => boolean;
  /** Neither part of a split gets fewer frames than this. */
  minSplitFrames: number;
  /** Runs one unit on a worker; resolves undefined (not a rejection) when it failed. */
  run: (unit: WorkUnit, slot: number) => Promise<R | undefined>;
  /** True once the render is failing or cancelled: nothing new starts. */
  stopped: () => boolean;
}

/**
 * Keeps `workers` units running. When the queue is empty and a worker comes free, it splits the running unit with
 * the most frames left and gives the back half to that worker, so that the workers finish together instead of one
 * drawing the last unit alone. Splits stop when the claim slots run out (the caller sizes them).
 */
export async function runSchedule<R>(o: ScheduleOptions<R>): Promise<Launched<R>[]> {
  const queue = [...o.units];
  const launched: Launched<R>[] = [];
  const running = new Map<number, WorkUnit>();
  let nextSlot = 0;
  let wake: (() => void) | null = null;

  const launch = (unit: WorkUnit): void => {
    const slot = nextSlot++;
    o.claims.open(slot, unit.frameStart, unit.frameEnd);
    const entry: Launched<R> = { unit, slot, result: undefined };
    launched.push(entry);
    running.set(slot, unit);
    void o.run(unit, slot).then((r) => {
      entry.result = r;
      running.delete(slot);
      wake?.();
    });
  };

  /** The back half of the running splittable unit with the most unclaimed frames, as a new unit. */
  const steal = (): WorkUnit | null => {
    if (nextSlot >= o.claims.slots) return null;
    let best = -1;
    let most = 0;
    for (const [slot, unit] of running) {
      const left = o.splittable(unit) ? o.claims.remaining(slot) : 0;
      if (left > most) {
        most = left;
        best = slot;
      }
    }
    if (best < 0) return null;
    const victim = running.get(best)!;
    const worth = o.worthSplitting;
    const cut = o.claims.split(best, o.minSplitFrames, worth ? (c, e) => worth(victim, c, e) : undefined);
    if (!cut) return null;
    return { ...victim, id: `${victim.id}_f${String(cut[0]).padStart(6, '0')}`, frameStart: cut[0], frameEnd: cut[1] };
  };

  for (;;) {
    while (!o.stopped() && running.size < o.workers) {
      const unit = queue.shift() ?? steal();
      if (!unit) break;
      launch(unit);
    }
    if (running.size === 0) break;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
  }
  return launched;
}

/**
 * The units a schedule drew, in timeline order, each ending where its worker stopped (`drawnEnd`); throws when they
 * do not tile the planned frames exactly (a lost or repeated frame would be a corrupt video).
 */
export function drawnUnits<R>(launched: readonly Launched<R>[], drawnEnd: (r: R) => number, planned: readonly WorkUnit[]): WorkUnit[] {
  const out = launched.map((l) => ({ ...l.unit, frameEnd: l.result === undefined ? l.unit.frameEnd : drawnEnd(l.result) })).sort((a, b) => a.frameStart - b.frameStart);
  const want = [...planned].sort((a, b) => a.frameStart - b.frameStart);
  let k = 0;
  for (const p of want) {
    let at = p.frameStart;
    while (k < out.length && out[k]!.frameStart < p.frameEnd) {
      const u = out[k]!;
      if (u.frameStart !== at || u.frameEnd <= u.frameStart || u.frameEnd > p.frameEnd) {
        throw new Error(`internal: unit ${u.id} drew frames ${u.frameStart}-${u.frameEnd}, expected to start at ${at} within ${p.frameStart}-${p.frameEnd}`);
      }
      at = u.frameEnd;
      k++;
    }
    if (at !== p.frameEnd) throw new Error(`internal: frames ${at}-${p.frameEnd} of unit ${p.id} were not drawn`);
  }
  if (k !== out.length) throw new Error(`internal: unit ${out[k]!.id} lies outside the planned frames`);
  return out;
}
