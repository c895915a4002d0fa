import { describe, expect, it } from '@jest/globals';
import { hsvToRgb } from '@glyphreel/core';
import { EffectRunner, nonBlank, testGrid } from '../../test-utils/cells-harness.js';
import { dissolve } from './dissolve.js';
import { embers } from './embers.js';
import { explosion } from './explosion.js';
import { gravityWell } from './gravity-well.js';
import { starfield } from './starfield.js';
import { getParticlePool } from './system.js';

describe('explosion', () => {
  it('bursts only on beats (> 0.5) or on every_s, from the centre, coloured HSV(hue + range·(1 − life), sat, life)', () => {
    const { grid } = testGrid(40, 100);
    const quiet = new EffectRunner(explosion, grid, {}, { features: { beat: 0.5 } });
    quiet.run(5);
    expect(getParticlePool(quiet.state, 'explosion')!.count).toBe(0);

    const timed = new EffectRunner(explosion, grid, { every_s: 1, count_base: 10, count_rms: 0 }, { fps: 10, features: { beat: 0 } });
    timed.run(25);
    // Bursts at frames 0, 10 and 20.
    expect(getParticlePool(timed.state, 'explosion')!.nextId).toBe(30);

    const run = new EffectRunner(explosion, grid, { speed_min: 0, speed_max: 0, count_base: 5, count_rms: 0 }, { features: { beat: 1 } });
    run.frame(0);
    const pool = getParticlePool(run.state, 'explosion')!;
    expect(Array.from(pool.x.subarray(0, 5))).toEqual([50, 50, 50, 50, 50]);
    // Life after one frame: 1 − 0.015; the colour comes from the ramp at that life.
    const l = 1 - 0.015;
    const at = 20 * 100 + 50;
    const expected = hsvToRgb(0.08 + 0.15 * (1 - Math.round(l * 255) / 255), 0.95, Math.round(l * 255) / 255);
    expect(Array.from(run.layer.colors.subarray(at * 3, at * 3 + 3))).toEqual(expected);
  });
});

describe('embers', () => {
  it('spawn on the bottom row, rise, and are culled above the top', () => {
    const { grid } = testGrid(30, 60);
    const run = new EffectRunner(embers, grid, { rise_min: 2, rise_max: 2, drift: 0, jitter: 0, rate: 3, rate_bass: 0, beat_burst: 0 }, { features: { beat: 0 } });
    run.frame(0);
    const pool = getParticlePool(run.state, 'embers')!;
    expect(pool.count).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < pool.count; i++) {
      expect(pool.y[i]).toBeGreaterThanOrEqual(27);
      expect(pool.y[i]).toBeLessThan(28);
    }
    run.run(40);
    let minY = Infinity;
    for (let i = 0; i < pool.count; i++) minY = Math.min(minY, pool.y[i]!);
    expect(minY).toBeGreaterThanOrEqual(0);
    // 15 frames from bottom to top at 2 rows per frame: about 3–4 embers per frame × 15 frames alive.
    expect(pool.count).toBeLessThan(4 * 16);
  });
});

describe('dissolve', () => {
  it('starts as a full cloud and empties, faster with accel', () => {
    const { grid } = testGrid(30, 80);
    const slow = new EffectRunner(dissolve, grid, { accel: 0 }, { fps: 24 });
    const fast = new EffectRunner(dissolve, grid, { accel: 1 }, { fps: 24 });
    slow.frame(0);
    // 600 seeded; the few that start on the top row and drift off it are gone after the first step.
    expect(getParticlePool(slow.state, 'dissolve')!.nextId).toBe(600);
    expect(getParticlePool(slow.state, 'dissolve')!.count).toBeGreaterThan(590);
    slow.run(200);
    fast.run(200);
    const ns = getParticlePool(slow.state, 'dissolve')!.count;
    const nf = getParticlePool(fast.state, 'dissolve')!.count;
    expect(nf).toBeLessThan(ns);
    const respawning = new EffectRunner(dissolve, grid, { respawn: true, accel: 5 }, { fps: 24 });
    respawning.run(300);
    expect(getParticlePool(respawning.state, 'dissolve')!.count).toBe(600);
  });
});

describe('starfield', () => {
  it('keeps its star count, respawns at depth 1 and streaks bright stars', () => {
    const { grid } = testGrid(40, 120);
    const run = new EffectRunner(starfield, grid, { count: 300, streak_len: 0 }, { features: { bass: 0.5 } });
    const noStreaks = nonBlank(run.run(30));
    const pool = getParticlePool(run.state, 'starfield')!;
    expect(pool.count).toBe(300);
    // A star at depth ≤ 0.01 respawns at depth 1 within the same frame.
    const depths = Array.from(pool.aux.subarray(0, pool.count));
    expect(Math.min(...depths)).toBeGreaterThan(0.01);
    expect(Math.max(...depths)).toBeLessThanOrEqual(1);
    const streaky = new EffectRunner(starfield, grid, { count: 300, streak_len: 4, streak_above: 0 }, { features: { bass: 0.5 } });
    expect(nonBlank(streaky.run(30))).toBeGreaterThan(noStreaks);
  });
});

describe('gravity_well', () => {
  it('pulls particles in and respawns the captured ones on the edge', () => {
    const { grid } = testGrid(40, 100);
    const run = new EffectRunner(gravityWell, grid, { count: 200, wells: 1, ring: 0, capture: 3, strength: 40 }, { features: { bass: 1 } });
    run.frame(0);
    const pool = getParticlePool(run.state, 'gravity_well')!;
    const meanDist = () => {
      let d = 0;
      for (let i = 0; i < pool.count; i++) d += Math.hypot((pool.x[i]! - 50) / 2.5, pool.y[i]! - 20);
      return d / pool.count;
    };
    const d0 = meanDist();
    run.run(6);
    expect(meanDist()).toBeLessThan(d0);
    let onEdge = 0;
    run.run(60);
    for (let i = 0; i < pool.count; i++) {
      if (pool.vx[i] === 0 && pool.vy[i] === 0) {
        onEdge++;
        const edge = pool.x[i] === 0 || pool.y[i] === 0 || pool.x[i]! > 99.9 || pool.y[i]! > 39.9;
        expect(edge).toBe(true);
      }
    }
    expect(onEdge).toBeGreaterThan(0);
    expect(pool.count).toBe(200);
  });
});
