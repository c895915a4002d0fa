import { describe, expect, it } from '@jest/globals';
import { ParticlePool } from './pool.js';
import { CAPS, capLevel, particleCap } from './system.js';

describe('ParticlePool', () => {
  it('drops the oldest when a spawn overflows the cap', () => {
    const pool = new ParticlePool(5);
    let r = pool.spawn(3);
    expect([r.start, r.count]).toEqual([0, 3]);
    for (let i = 0; i < 3; i++) pool.x[i] = 10 + i;
    r = pool.spawn(4);
    // 3 + 4 = 7 > 5: the two oldest (ids 0, 1) go; id 2 moves to slot 0, the new ones fill slots 1..4.
    expect([r.start, r.count]).toEqual([1, 4]);
    expect(Array.from(pool.id.subarray(0, pool.count))).toEqual([2, 3, 4, 5, 6]);
    expect(pool.x[0]).toBe(12);
  });

  it('keeps only `capacity` particles of a burst larger than the cap', () => {
    const pool = new ParticlePool(4);
    pool.spawn(2);
    const r = pool.spawn(10);
    expect([r.start, r.count]).toEqual([0, 4]);
    expect(Array.from(pool.id)).toEqual([2, 3, 4, 5]);
  });

  it('culls the dead in birth order', () => {
    const pool = new ParticlePool(6);
    pool.spawn(6);
    pool.life.set([1, 0, 0.5, -0.1, 0.2, 0]);
    pool.glyph.set([10, 11, 12, 13, 14, 15]);
    pool.cullDead();
    expect(pool.count).toBe(3);
    expect(Array.from(pool.id.subarray(0, 3))).toEqual([0, 2, 4]);
    expect(Array.from(pool.glyph.subarray(0, 3))).toEqual([10, 12, 14]);
    pool.enforceCap(2);
    expect(Array.from(pool.id.subarray(0, pool.count))).toEqual([2, 4]);
  });
});

describe('particle caps', () => {
  it('maps budgets to the catalogued quality levels', () => {
    expect([200, 500, 800, 1200, 3000].map(capLevel)).toEqual([0, 0, 1, 1, 2]);
  });

  it('takes the per-system cap of the level, never above the budget or the count', () => {
    expect(particleCap(1200, CAPS.explosion)).toBe(1000);
    expect(particleCap(3000, CAPS.explosion)).toBe(2500);
    expect(particleCap(3000, CAPS.embers)).toBe(3000);
    expect(particleCap(1200, CAPS.embers)).toBe(1200);
    expect(particleCap(500, CAPS.starfield)).toBe(300);
    expect(particleCap(800, CAPS.dissolve)).toBe(600);
    expect(particleCap(200, CAPS.explosion)).toBe(200);
    expect(particleCap(1200, CAPS.dissolve, 150)).toBe(150);
    expect(particleCap(50)).toBe(50);
  });
});
