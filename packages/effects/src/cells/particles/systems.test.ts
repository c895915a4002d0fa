import { describe, expect, it } from '@jest/globals';
import { CHARS_TRAILS, isGlyphreelError, PART_ENERGY } from '@glyphreel/core';
import { EffectRunner, layerText, nonBlank, testGrid } from '../../test-utils/cells-harness.js';
import { particleSystems } from '../index.js';
import { boids } from './boids.js';
import { embers } from './embers.js';
import { explosion } from './explosion.js';
import { flow } from './flow.js';
import { orbit } from './orbit.js';
import { getParticlePool } from './system.js';
import { trails } from './trails.js';

const LOUD = { rms: 0.8, bass: 0.8, sub: 0.7, sub_r: 0.6, mid: 0.6, hi: 0.5, flux: 0.6, beat: 1, bdecay: 0.8 };

describe('particle caps hold and keep the newest', () => {
  it('explosion: bursts larger than a small budget leave exactly the newest particles', () => {
    const { grid } = testGrid(40, 120);
    // Gravity 0 and slow speeds: nothing dies or leaves during the test, so only the cap removes particles.
    const run = new EffectRunner(explosion, grid, { gravity: 0, speed_min: 0.1, speed_max: 0.2 }, { particlesMax: 50, features: LOUD });
    run.run(3);
    const pool = getParticlePool(run.state, 'explosion')!;
    expect(pool.count).toBe(50);
    // 80 + 150·0.8 = 200 per burst, but a burst larger than the cap only spawns the cap: ids 0..149, survivors 100..149.
    expect(pool.nextId).toBe(150);
    expect(Array.from(pool.id.subarray(0, pool.count))).toEqual(Array.from({ length: 50 }, (_, k) => 100 + k));
  });

  it('embers stay under the budget with continuous emission and beat bursts', () => {
    const { grid } = testGrid(60, 100);
    const run = new EffectRunner(embers, grid, { rise_min: 0.01, rise_max: 0.02 }, { particlesMax: 100, features: LOUD });
    for (let i = 0; i < 30; i++) {
      run.frame(i);
      const pool = getParticlePool(run.state, 'embers')!;
      expect(pool.count).toBeLessThanOrEqual(100);
    }
    const pool = getParticlePool(run.state, 'embers')!;
    expect(pool.count).toBe(100);
    expect(pool.id[pool.count - 1]).toBe(pool.nextId - 1);
    for (let i = 1; i < pool.count; i++) expect(pool.id[i]).toBeGreaterThan(pool.id[i - 1]!);
  });

  it('the catalogued per-system cap applies below the budget (explosion 1000 at production)', () => {
    const { grid } = testGrid(40, 120);
    const run = new EffectRunner(explosion, grid, { gravity: 0, speed_min: 0.1, speed_max: 0.2, count_base: 900 }, { particlesMax: 1200, features: LOUD });
    run.run(2);
    expect(getParticlePool(run.state, 'explosion')!.count).toBe(1000);
  });
});

describe('every particle system', () => {
  const { grid, glyphOf } = testGrid(30, 80);
  for (const def of particleSystems) {
    it(`${def.name}: valid glyphs inside the grid, deterministic per seed`, () => {
      const a = new EffectRunner(def as never, grid, {}, { seed: 7, features: LOUD });
      const b = new EffectRunner(def as never, grid, {}, { seed: 7, features: LOUD });
      const c = new EffectRunner(def as never, grid, {}, { seed: 8, features: LOUD });
      const la = a.run(12);
      const lb = b.run(12);
      const lc = c.run(12);
      expect(la.glyphs.length).toBe(30 * 80);
      expect(nonBlank(la)).toBeGreaterThan(0);
      for (let i = 0; i < la.glyphs.length; i++) {
        const id = la.glyphs[i]!;
        if (id !== 0) expect(glyphOf(id)).not.toBe('\uFFFD');
      }
      expect(Buffer.from(la.glyphs.buffer).equals(Buffer.from(lb.glyphs.buffer))).toBe(true);
      expect(Buffer.from(la.colors).equals(Buffer.from(lb.colors))).toBe(true);
      if (def.name === 'boids') {
        // The flock is seeded by its own `seed` parameter (the reference's 42), not by the scene seed.
        expect(Buffer.from(lc.glyphs.buffer).equals(Buffer.from(la.glyphs.buffer))).toBe(true);
        const d = new EffectRunner(boids, grid, { seed: 43 }, { seed: 7, features: LOUD }).run(12);
        expect(Buffer.from(d.colors).equals(Buffer.from(la.colors))).toBe(false);
      } else {
        expect(Buffer.from(lc.colors).equals(Buffer.from(la.colors))).toBe(false);
      }
    });
  }

  it('replaying frames advances state exactly as drawing them does', () => {
    for (const def of particleSystems) {
      const params = def.name === 'trails' ? { max_trail: 3 } : { trail: 3 };
      const drawn = new EffectRunner(def as never, grid, params, { seed: 3, features: (f) => ({ ...LOUD, beat: f % 4 === 0 ? 1 : 0 }) });
      const replayed = new EffectRunner(def as never, grid, params, {
        seed: 3,
        features: (f) => ({ ...LOUD, beat: f % 4 === 0 ? 1 : 0 }),
        replaying: (f) => f < 9,
      });
      const la = drawn.run(10);
      const lb = replayed.run(10);
      expect([def.name, Buffer.from(lb.colors).equals(Buffer.from(la.colors))]).toEqual([def.name, true]);
      expect(Buffer.from(lb.glyphs.buffer).equals(Buffer.from(la.glyphs.buffer))).toBe(true);
    }
  });
});

describe('boids', () => {
  it('speeds stay at or under max_speed and positions wrap inside the world', () => {
    const { grid } = testGrid(40, 100);
    const run = new EffectRunner(boids, grid, { max_speed: 1.5, n_boids: 150 }, { features: { bass: 0.9 } });
    const W = 100 / 2.5;
    for (let f = 0; f < 80; f++) {
      run.frame(f);
      const pool = getParticlePool(run.state, 'boids')!;
      expect(pool.count).toBe(150);
      let maxSpeed = 0;
      let minXY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (let i = 0; i < pool.count; i++) {
        maxSpeed = Math.max(maxSpeed, Math.hypot(pool.vx[i]!, pool.vy[i]!));
        minXY = Math.min(minXY, pool.x[i]!, pool.y[i]!);
        maxX = Math.max(maxX, pool.x[i]!);
        maxY = Math.max(maxY, pool.y[i]!);
      }
      expect(maxSpeed).toBeLessThanOrEqual(1.5 + 1e-5);
      expect(minXY).toBeGreaterThanOrEqual(0);
      expect(maxX).toBeLessThan(W);
      expect(maxY).toBeLessThan(40);
    }
    // The push at bass 0.9 saturates the speed: the clamp was exercised, not just never reached.
    const pool = getParticlePool(run.state, 'boids')!;
    expect(Math.hypot(pool.vx[0]!, pool.vy[0]!)).toBeCloseTo(1.5, 4);
  });

  it('the bass push drives the flock outward', () => {
    const { grid } = testGrid(40, 100);
    const spread = (bass: number) => {
      const run = new EffectRunner(boids, grid, {}, { features: { bass } });
      run.run(3);
      const pool = getParticlePool(run.state, 'boids')!;
      let d = 0;
      for (let i = 0; i < pool.count; i++) d += Math.hypot(pool.x[i]! - 20, pool.y[i]! - 20);
      return d / pool.count;
    };
    expect(spread(0.9)).toBeGreaterThan(spread(0.3) + 1);
  });
});

describe('trails', () => {
  it('the trails entry draws history glyphs behind its heads, only into empty cells', () => {
    const { grid, glyphOf } = testGrid(30, 80);
    const run = new EffectRunner(trails, grid, { count: 10 }, { features: { bass: 0 } });
    const layer = run.run(10);
    const text = layerText(layer, glyphOf);
    const trailGlyphs = Array.from(CHARS_TRAILS);
    const trailCells = Array.from(text).filter((ch) => trailGlyphs.includes(ch)).length;
    // 10 heads, up to 8 frames of history each (overlaps possible); fade 0.7 keeps ages 1..8.
    expect(trailCells).toBeGreaterThan(20);
    const heads = Array.from(text).filter((ch) => PART_ENERGY.includes(ch)).length;
    expect(heads).toBeLessThanOrEqual(10);
    expect(heads).toBeGreaterThan(0);
  });

  it('every system takes the companion: trail > 0 adds fading cells (v, v, 0.8v)', () => {
    const { grid } = testGrid(30, 80);
    const plain = new EffectRunner(orbit, grid, { count: 12 }, { features: LOUD }).run(8);
    const run = new EffectRunner(orbit, grid, { count: 12, trail: 4 }, { features: LOUD });
    const withTrail = run.run(8);
    expect(nonBlank(withTrail)).toBeGreaterThan(nonBlank(plain));
    // Age-1 trail colour: v = 180·0.7 = 125.99… truncated like the reference's int() → (125, 125, 100).
    let found = false;
    for (let i = 0; i < withTrail.glyphs.length; i++) {
      const o = i * 3;
      if (withTrail.colors[o] === 125 && withTrail.colors[o + 1] === 125 && withTrail.colors[o + 2] === 100) found = true;
    }
    expect(found).toBe(true);
  });
});

describe('flow', () => {
  it('follows a scene-supplied field uphill', () => {
    const { grid } = testGrid(20, 60);
    const field = new Float32Array(20 * 60);
    // Rising to the right except at the wrap seam.
    for (let r = 0; r < 20; r++) for (let c = 0; c < 60; c++) field[r * 60 + c] = c / 60;
    const run = new EffectRunner(flow, grid, { field: 'state', emit_rate: 50, count: 50 }, { state: { flow_field: field } });
    run.run(4);
    const pool = getParticlePool(run.state, 'flow')!;
    let right = 0;
    for (let i = 0; i < pool.count; i++) if (pool.vx[i]! > 0) right++;
    expect(right).toBeGreaterThan(pool.count * 0.8);
  });

  it('names the missing state field in its error', () => {
    const { grid } = testGrid(20, 60);
    const run = new EffectRunner(flow, grid, { field: 'state', state_key: 'wind' });
    let err: unknown;
    try {
      run.frame(0);
    } catch (e) {
      err = e;
    }
    expect(isGlyphreelError(err)).toBe(true);
    expect((err as Error).message).toContain('under "wind"');
    expect((err as Error).message).toContain('20×60 = 1200 values');
  });
});
