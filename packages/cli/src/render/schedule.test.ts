import { describe, expect, it } from '@jest/globals';
import type { WorkUnit } from '../runtime/plan.js';
import { FrameClaims } from './claims.js';
import { drawnUnits, runSchedule, type ScheduleOptions } from './schedule.js';

const unit = (id: string, frameStart: number, frameEnd: number, sceneFrameStart = frameStart): WorkUnit => ({ id, sceneIndex: 0, sceneId: 's00_x', sceneFrameStart, frameStart, frameEnd });

interface Drawn {
  frameEnd: number;
  frames: number[];
}

/**
 * Runs a schedule with simulated workers: each claims and "draws" one frame per tick of `msPerFrame(unit)`, the way
 * renderUnit does, so splits race real claims.
 */
async function simulate(units: WorkUnit[], workers: number, msPerFrame: (u: WorkUnit) => number, over: Partial<ScheduleOptions<Drawn>> = {}) {
  const claims = FrameClaims.create(units.length + 8);
  const started: string[] = [];
  const launched = await runSchedule<Drawn>({
    units,
    workers,
    claims,
    splittable: () => true,
    minSplitFrames: 2,
    stopped: () => false,
    run: async (u, slot) => {
      started.push(u.id);
      const frames: number[] = [];
      for (let f = claims.claim(slot); f >= 0; f = claims.claim(slot)) {
        frames.push(f);
        await new Promise((r) => setTimeout(r, msPerFrame(u)));
      }
      return { frameEnd: u.frameStart + frames.length, frames };
    },
    ...over,
  });
  const drawn = launched.flatMap((l) => l.result!.frames).sort((a, b) => a - b);
  return { launched, started, drawn };
}

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

describe('runSchedule', () => {
  it('splits the unit left running when a worker comes free, and every frame is drawn once', async () => {
    const units = [unit('a', 0, 4), unit('b', 4, 40)];
    const { launched, drawn } = await simulate(units, 2, () => 2);
    expect(drawn).toEqual(range(0, 40));
    const ids = launched.map((l) => l.unit.id);
    expect(ids.slice(0, 2)).toEqual(['a', 'b']);
    expect(ids.length).toBeGreaterThan(2);
    expect(ids[2]).toMatch(/^b_f0000\d\d$/);
    // b was cut where its back half starts.
    const b = launched[1]!;
    expect(b.result!.frameEnd).toBe(launched[2]!.unit.frameStart);
    const tiles = drawnUnits(launched, (r) => r.frameEnd, units);
    expect(tiles.map((u) => u.frameStart)).toEqual([0, ...tiles.slice(0, -1).map((u) => u.frameEnd)]);
    expect(tiles.at(-1)!.frameEnd).toBe(40);
  });

  it('does not split units that may not be split, or when the split is not worth it', async () => {
    const units = [unit('a', 0, 4), unit('b', 4, 40)];
    const none = await simulate(units, 2, () => 1, { splittable: (u) => u.id !== 'b' });
    expect(none.launched.map((l) => l.unit.id)).toEqual(['a', 'b']);
    expect(none.drawn).toEqual(range(0, 40));
    const asked: Array<[string, number, number]> = [];
    const refused = await simulate(units, 2, () => 1, { worthSplitting: (u, cut, end) => (asked.push([u.id, cut, end]), false) });
    expect(refused.launched.map((l) => l.unit.id)).toEqual(['a', 'b']);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked[0]![0]).toBe('b');
    expect(asked[0]![2]).toBe(40);
  });

  it('keeps the workers count and runs queued units before splitting', async () => {
    const units = [unit('a', 0, 10), unit('b', 10, 20), unit('c', 20, 30), unit('d', 30, 40)];
    let running = 0;
    let most = 0;
    const claims = FrameClaims.create(12);
    const launched = await runSchedule<number>({
      units,
      workers: 2,
      claims,
      splittable: () => true,
      minSplitFrames: 2,
      stopped: () => false,
      run: async (u, slot) => {
        most = Math.max(most, ++running);
        let f = u.frameStart;
        while (claims.claim(slot) >= 0) {
          f++;
          await new Promise((r) => setTimeout(r, 1));
        }
        running--;
        return f;
      },
    });
    expect(most).toBe(2);
    expect(launched.slice(0, 4).map((l) => l.unit.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(drawnUnits(launched, (end) => end, units).reduce((n, u) => n + u.frameEnd - u.frameStart, 0)).toBe(40);
  });

  it('starts nothing new once stopped', async () => {
    let stop = false;
    const claims = FrameClaims.create(8);
    const started: string[] = [];
    await runSchedule<number>({
      units: [unit('a', 0, 2), unit('b', 2, 40), unit('c', 40, 50)],
      workers: 2,
      claims,
      splittable: () => true,
      minSplitFrames: 2,
      stopped: () => stop,
      run: async (u, slot) => {
        started.push(u.id);
        if (u.id === 'a') {
          await new Promise((r) => setTimeout(r, 5));
          stop = true; // a fails while b runs
          return undefined;
        }
        while (claims.claim(slot) >= 0) await new Promise((r) => setTimeout(r, 1));
        return 0;
      },
    });
    expect(started).toEqual(['a', 'b']);
  });
});

describe('drawnUnits', () => {
  const planned = [unit('a', 0, 10), unit('b', 10, 20)];
  const launch = (u: WorkUnit, end: number) => ({ unit: u, slot: 0, result: end });
  it('puts split units in timeline order', () => {
    const out = drawnUnits([launch(planned[1]!, 15), launch(planned[0]!, 10), launch(unit('b_f000015', 15, 20, 10), 20)], (e) => e, planned);
    expect(out.map((u) => `${u.id}:${u.frameStart}-${u.frameEnd}`)).toEqual(['a:0-10', 'b:10-15', 'b_f000015:15-20']);
  });
  it('throws on a lost or a repeated frame', () => {
    expect(() => drawnUnits([launch(planned[0]!, 10), launch(planned[1]!, 14), launch(unit('b2', 15, 20, 10), 20)], (e) => e, planned)).toThrow('unit b2 drew frames 15-20, expected to start at 14');
    expect(() => drawnUnits([launch(planned[0]!, 10), launch(planned[1]!, 16), launch(unit('b2', 15, 20, 10), 20)], (e) => e, planned)).toThrow('unit b2 drew frames 15-20, expected to start at 16');
    expect(() => drawnUnits([launch(planned[0]!, 10), launch(planned[1]!, 18)], (e) => e, planned)).toThrow('frames 18-20 of unit b were not drawn');
  });
});
