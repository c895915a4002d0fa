import { describe, expect, it } from '@jest/globals';
import { createCellLayer, createFrame, featureFrame, Rng, ScratchPool, validateParams, type RgbFrame, type ShaderContext, type TransitionDef } from '@glyphreel/core';
import { crossfadeCells } from './cell-crossfade.js';
import { crossfadeTransition } from './crossfade.js';
import { dissolveTransition } from './dissolve.js';
import { glitchCutTransition } from './glitch-cut.js';
import { irisTransition } from './iris.js';
import { WIPE_DIRECTIONS, wipeTransition } from './wipe.js';

const W = 40;
const H = 30;
const ctx = (seed = 1): ShaderContext => ({ t: 0, features: featureFrame(), rng: new Rng(seed), scratch: new ScratchPool() });
const solid = (v: number): RgbFrame => {
  const f = createFrame(W, H);
  f.data.fill(v);
  return f;
};
const A = solid(10);
const B = solid(250);

function run(def: TransitionDef<any>, progress: number, params: Record<string, unknown> = {}, seed = 1): RgbFrame {
  const p = validateParams(def.params, params, { plugin: 'shaders', kind: 'transition', entry: def.name });
  const out = createFrame(W, H);
  def.apply(A, B, progress, out, ctx(seed), p);
  return out;
}
const px = (f: RgbFrame, x: number, y: number) => f.data[(y * W + x) * 3] as number;
const count = (f: RgbFrame, v: number) => f.data.filter((b) => b === v).length / 3;

describe('transitions', () => {
  const defs: [TransitionDef<any>, Record<string, unknown>][] = [
    [crossfadeTransition, {}],
    ...WIPE_DIRECTIONS.map((direction) => [wipeTransition, { direction }] as [TransitionDef<any>, Record<string, unknown>]),
    [wipeTransition, { direction: 'left', feather: 0.2 }],
    [dissolveTransition, {}],
    [irisTransition, {}],
    [glitchCutTransition, {}],
  ];

  it.each(defs.map(([d, p]) => [`${d.name} ${JSON.stringify(p)}`, d, p] as const))('%s: progress 0 is `from`, 1 is `to`', (_n, def, params) => {
    expect(count(run(def, 0, params), 10)).toBe(W * H);
    expect(count(run(def, 1, params), 250)).toBe(W * H);
  });

  it('crossfade lerps pixels', () => {
    expect(px(run(crossfadeTransition, 0.5), 3, 3)).toBe(130);
    expect(px(run(crossfadeTransition, 0.25), 3, 3)).toBe(70);
  });

  it('each wipe reveals `to` from its own side', () => {
    const at = (direction: string, x: number, y: number) => px(run(wipeTransition, 0.25, { direction }), x, y);
    expect([at('right', 0, 15), at('right', W - 1, 15)]).toEqual([250, 10]);
    expect([at('left', 0, 15), at('left', W - 1, 15)]).toEqual([10, 250]);
    expect([at('down', 20, 0), at('down', 20, H - 1)]).toEqual([250, 10]);
    expect([at('up', 20, 0), at('up', 20, H - 1)]).toEqual([10, 250]);
    expect([at('radial', 20, 15), at('radial', 0, 0)]).toEqual([250, 10]);
    expect([at('diagonal', 0, 0), at('diagonal', W - 1, H - 1), at('diagonal', W - 1, 0)]).toEqual([250, 10, 10]);
    // A hard wipe at p = 0.25 shows `to` on exactly a quarter of the columns.
    expect(count(run(wipeTransition, 0.25, { direction: 'right' }), 250)).toBe(10 * H);
    // A feathered edge has intermediate values and still moves monotonically.
    const soft = run(wipeTransition, 0.5, { direction: 'right', feather: 0.2 });
    const row = Array.from({ length: W }, (_, x) => px(soft, x, 0));
    expect(row.some((v) => v > 10 && v < 250)).toBe(true);
    for (let x = 1; x < W; x++) expect(row[x]).toBeLessThanOrEqual(row[x - 1] as number);
  });

  it('dissolve is deterministic per seed and monotonic in progress', () => {
    const a = run(dissolveTransition, 0.5, { block: 4, seed: 3 });
    const b = run(dissolveTransition, 0.5, { block: 4, seed: 3 });
    const c = run(dissolveTransition, 0.5, { block: 4, seed: 4 });
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(true);
    expect(Buffer.from(a.data).equals(Buffer.from(c.data))).toBe(false);
    let prev: RgbFrame | null = null;
    for (const p of [0.1, 0.3, 0.6, 0.9]) {
      const f = run(dissolveTransition, p, { block: 4, seed: 3 });
      if (prev) for (let i = 0; i < f.data.length; i++) if (prev.data[i] === 250) expect(f.data[i]).toBe(250);
      prev = f;
    }
    // Tiles switch as a whole.
    const t = Array.from({ length: 4 }, (_, k) => px(a, 8 + k, 12));
    expect(new Set(t).size).toBe(1);
  });

  it('iris opens from its centre', () => {
    const f = run(irisTransition, 0.4);
    expect(px(f, 20, 15)).toBe(250);
    expect(px(f, 0, 0)).toBe(10);
  });

  it('glitch cut switches at 0.5 and rolls bands only between 0.3 and 0.7, deterministically per rng', () => {
    const grad = createFrame(W, H);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) grad.data.fill(x * 5, (y * W + x) * 3, (y * W + x) * 3 + 3);
    const p = validateParams(glitchCutTransition.params, { band_px: 3, shift_px: 1 }, { plugin: 'shaders', kind: 'transition', entry: 'glitch_cut' });
    const go = (progress: number, seed: number) => {
      const out = createFrame(W, H);
      glitchCutTransition.apply(grad, B, progress, out, ctx(seed), p);
      return out;
    };
    expect(Buffer.from(go(0.2, 1).data).equals(Buffer.from(grad.data))).toBe(true);
    const g = go(0.45, 1);
    expect(Buffer.from(g.data).equals(Buffer.from(grad.data))).toBe(false);
    expect(Buffer.from(g.data).equals(Buffer.from(go(0.45, 1).data))).toBe(true);
    // Rolled rows keep their pixels (a permutation of the row), only shifted.
    for (let y = 0; y < H; y++) {
      const row = Array.from({ length: W }, (_, x) => px(g, x, y)).sort((a, b) => a - b);
      expect(row).toEqual(Array.from({ length: W }, (_, x) => x * 5));
    }
    expect(count(go(0.5, 2), 250)).toBe(W * H); // solid `to`: rolling changes nothing
  });
});

describe('crossfadeCells', () => {
  const grid = { rows: 20, cols: 30 };
  const a = createCellLayer(grid);
  const b = createCellLayer(grid);
  a.glyphs.fill(1);
  b.glyphs.fill(2);
  a.colors.fill(0);
  b.colors.fill(200);

  it('lerps colours and takes B glyphs with probability p, deterministically per rng', () => {
    const out = crossfadeCells(a, b, 0.25, new Rng(5), createCellLayer(grid));
    expect(out.colors.every((v) => v === 50)).toBe(true);
    const fromB = out.glyphs.filter((g) => g === 2).length / out.glyphs.length;
    expect(fromB).toBeGreaterThan(0.15);
    expect(fromB).toBeLessThan(0.35);
    const again = crossfadeCells(a, b, 0.25, new Rng(5), createCellLayer(grid));
    expect(Array.from(again.glyphs)).toEqual(Array.from(out.glyphs));
  });

  it('is A at 0 and B at 1', () => {
    expect(crossfadeCells(a, b, 0, new Rng(1), createCellLayer(grid)).glyphs.every((g) => g === 1)).toBe(true);
    const full = crossfadeCells(a, b, 1, new Rng(1), createCellLayer(grid));
    expect(full.glyphs.every((g) => g === 2) && full.colors.every((v) => v === 200)).toBe(true);
    expect(() => crossfadeCells(a, createCellLayer({ rows: 2, cols: 2 }), 0.5, new Rng(1), a)).toThrow('layer sizes differ');
  });
});
