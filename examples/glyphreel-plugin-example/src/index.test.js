import { expect, test } from '@jest/globals';
import { createField, createFrame, createGeometry, featureFrame, Registry, Rng } from '@glyphreel/core';
import plugin from './index.js';

const ctx = (t, bass) => ({ t, frame: 0, fps: 24, progress: 0, durationS: 1, features: featureFrame({ bass }), state: {}, rng: new Rng(1), budget: { particlesMax: 100, shaders: 'full', gridScale: 1 }, replaying: false });

test('registers under its namespace with schemas', () => {
  const reg = new Registry().register(plugin);
  expect(reg.get('effects', 'example/stripes').def.kind).toBe('value');
  expect(reg.resolve('shaders', 'example/swap-rb').params).toEqual({ amount: 1 });
  expect(() => reg.resolve('effects', 'example/stripes', { period: 1 })).toThrow(/parameter "period" = 1 is invalid/);
});

test('stripes stay in [0,1] and widen with the bass', () => {
  const grid = createGeometry({ rows: 20, cols: 30 });
  const lit = (bass) => {
    const f = createField(grid);
    plugin.effects[0].fill(f, grid, ctx(0.5, bass), { period: 10, speed: 8 });
    expect(f.every((v) => v >= 0 && v <= 1)).toBe(true);
    return f.filter((v) => v > 0).length;
  };
  expect(lit(1)).toBeGreaterThan(lit(0));
});

test('swap-rb swaps red and blue exactly at amount 1', () => {
  const frame = createFrame(2, 1);
  frame.data.set([10, 20, 30, 200, 100, 0]);
  plugin.shaders[0].apply(frame, { amount: 1 });
  expect([...frame.data]).toEqual([30, 20, 10, 0, 100, 200]);
});
