import { describe, expect, it } from '@jest/globals';
import { planFrames, planUnits, unitSizeFor } from './plan.js';

describe('planUnits', () => {
  const scenes = [
    { name: 'intro', start: 0, end: 2.51 },
    { name: 'drop zone', start: 2.51, end: 7.333 },
    { name: 'outro', start: 7.333, end: 10.02 },
  ];

  it('makes frame-exact units that add up to round(duration·fps)', () => {
    for (const fps of [12, 15, 24, 25, 29.97, 30, 60]) {
      const units = planUnits(scenes, { fps });
      expect(planFrames(units)).toBe(Math.round(10.02 * fps));
      for (let k = 1; k < units.length; k++) expect(units[k]!.frameStart).toBe(units[k - 1]!.frameEnd);
      expect(units[0]!.frameStart).toBe(0);
    }
  });

  it('names units like the reference segments', () => {
    expect(planUnits(scenes, { fps: 24 }).map((u) => [u.id, u.frameStart, u.frameEnd])).toEqual([
      ['s00_intro', 0, 60],
      ['s01_drop_zone', 60, 176],
      ['s02_outro', 176, 240],
    ]);
  });

  it('splits long scenes into near-equal parts that remember the scene start', () => {
    const units = planUnits([{ name: 'long', start: 0, end: 10 }], { fps: 24, maxUnitFrames: 100 });
    expect(units.map((u) => [u.id, u.frameStart, u.frameEnd, u.sceneFrameStart])).toEqual([
      ['s00_long_p00', 0, 80, 0],
      ['s00_long_p01', 80, 160, 0],
      ['s00_long_p02', 160, 240, 0],
    ]);
  });

  it.each([
    [[{ name: 'a', start: 0, end: 2 }, { name: 'b', start: 3, end: 4 }], 'scene 1 "b" starts at 3s and leaves a gap after the previous scene, which ends at 2s'],
    [[{ name: 'a', start: 0, end: 2 }, { name: 'b', start: 1.5, end: 4 }], 'overlaps the previous scene'],
    [[{ name: 'a', start: 1, end: 2 }], 'scene 0 "a" starts at 1s and leaves a gap'],
    [[{ name: 'a', start: 0, end: 0 }], 'scene 0 "a": end (0) must be after start (0)'],
    [[{ name: 'a', start: 0, end: 0.01 }], 'shorter than one frame at 24 fps'],
    [[], 'There are no scenes to render'],
  ])('rejects a bad timeline %#', (sc, message) => {
    expect(() => planUnits(sc, { fps: 24 })).toThrow(message);
  });

  it('sizes units for the workers', () => {
    expect(unitSizeFor(240, 1)).toBe(120);
    expect(unitSizeFor(240, 16)).toBe(48);
    expect(unitSizeFor(10000, 4)).toBe(1250);
    expect(unitSizeFor(240, 2, { unitsPerWorker: 1 })).toBe(120);
    expect(unitSizeFor(240, 1, { unitsPerWorker: 1 })).toBe(240);
    expect(unitSizeFor(240, 8, { unitsPerWorker: 1, minFrames: 12 })).toBe(30);
  });
});
