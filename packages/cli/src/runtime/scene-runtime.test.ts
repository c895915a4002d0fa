import { describe, expect, it } from '@jest/globals';
import { featureFrame, meanBrightness, type RgbFrame } from '@glyphreel/core';
import { createSceneRenderer, prepareAtlases } from '@glyphreel/grid';
import { validateProject } from '../project/validate.js';
import { buildRegistry } from './plugins.js';
import { projectChars, projectGridSizes, SceneRuntime } from './scene-runtime.js';

const registry = await buildRegistry();
const W = 192;
const H = 108;
const budget = { particlesMax: 500, shaders: 'full' as const, gridScale: 1 };

function runtime(scene: Record<string, unknown>, seed = 1): SceneRuntime {
  const p = validateProject({ scenes: [{ name: 's', end: 4, grid: 'sm', ...scene }] }, registry, 'test');
  return new SceneRuntime({ registry, renderer: createSceneRenderer({ width: W, height: H }), scene: p.scenes[0]!, fps: 12, seed, budget, sceneFrameStart: 0 });
}
const copy = (f: RgbFrame) => Uint8Array.from(f.data);
const loud = featureFrame({ bass: 0.9, bdecay: 0.9, beat: 1, rms: 0.8 });
const quiet = featureFrame({ bass: 0.1, bdecay: 0, beat: 0, rms: 0.1 });
const bright = { effect: 'sdf', params: { radius: 5 }, palette: 'binary', hue: 0.1, saturation: 0, threshold: 0 };

describe('SceneRuntime', () => {
  it('draws a layer only while its feature condition holds', () => {
    const rt = runtime({ gamma: 1, layers: [{ ...bright, when: { feature: 'bass', gt: 0.5 } }] });
    expect(meanBrightness(rt.render(0, quiet))).toBeLessThan(5); // tonemap floor of an empty frame
    expect(meanBrightness(rt.render(1, loud))).toBeGreaterThan(200);
  });

  it('applies beat-conditional extras only while they hold', () => {
    const rt = runtime({ layers: [{ effect: 'plasma' }], extras: [{ when: { feature: 'bdecay', gt: 0.4 }, shaders: ['invert'] }] });
    const plain = copy(rt.render(3, quiet));
    const inverted = copy(rt.render(3, loud));
    // Same frame index and a layer that ignores these features: the only difference is the invert.
    const quietAgain = copy(runtime({ layers: [{ effect: 'plasma' }] }).render(3, loud));
    expect(quietAgain).toEqual(plain);
    let exact = 0;
    for (let i = 0; i < plain.length; i++) if (inverted[i] === 255 - plain[i]!) exact++;
    expect(exact).toBe(plain.length);
  });

  it('masks scale the layer by cell: a small circle darkens the corners, not the centre', () => {
    const open = copy(runtime({ gamma: 1, layers: [bright] }).render(0, quiet));
    const masked = copy(runtime({ gamma: 1, layers: [{ ...bright, mask: { name: 'circle', params: { radius: 0.2, feather: 0 } } }] }).render(0, quiet));
    const at = (d: Uint8Array, x: number, y: number) => d[(y * W + x) * 3]!;
    expect(at(open, 4, 4)).toBeGreaterThan(100);
    expect(at(masked, 4, 4)).toBeLessThan(5);
    let centre = 0;
    for (let y = 44; y < 64; y++) for (let x = 86; x < 106; x++) centre = Math.max(centre, at(masked, x, y));
    expect(centre).toBeGreaterThan(100);
  });

  it('blends a layer with its mode and opacity instead of max compositing', () => {
    const base = { effect: 'plasma', hue: 0.6 };
    const lighten = copy(runtime({ layers: [base, { ...bright, opacity: 1 }] }).render(0, quiet));
    const half = copy(runtime({ layers: [base, { ...bright, blend: 'normal', opacity: 0.5 }] }).render(0, quiet));
    expect(half).not.toEqual(lighten);
    expect(meanBrightness({ width: W, height: H, data: half })).toBeLessThan(meanBrightness({ width: W, height: H, data: lighten }));
  });

  it('samples a value layer through a coordinate transform', () => {
    // diamond reads only the column and row coordinates (a transformed grid renormalizes distN, catalog make_tgrid).
    const plain = copy(runtime({ layers: [{ effect: 'diamond' }] }).render(2, quiet));
    const identity = copy(runtime({ layers: [{ effect: 'diamond', transform: { name: 'rotate', params: { angle: 0 } } }] }).render(2, quiet));
    const turned = copy(runtime({ layers: [{ effect: 'diamond', transform: ['tile', { nx: 2, ny: 2 }] }] }).render(2, quiet));
    expect(identity).toEqual(plain);
    expect(turned).not.toEqual(plain);
  });

  it('replaying state without drawing gives the same frame as drawing every frame', () => {
    const scene = { layers: [{ effect: 'matrix_rain' }, { effect: 'explosion', blend: 'screen' }], shaders: ['grain'] };
    const drawn = runtime(scene);
    for (let i = 0; i < 10; i++) drawn.render(i, i % 4 ? quiet : loud);
    const a = copy(drawn.render(10, loud));
    const replayed = runtime(scene);
    for (let i = 0; i < 10; i++) replayed.advance(i, i % 4 ? quiet : loud);
    expect(copy(replayed.render(10, loud))).toEqual(a);
    const otherSeed = runtime(scene, 2);
    for (let i = 0; i < 10; i++) otherSeed.advance(i, i % 4 ? quiet : loud);
    expect(copy(otherSeed.render(10, loud))).not.toEqual(a);
  });

  it('skips pure value fields while replaying, and only those (simulations still advance)', () => {
    const plasma = registry.resolve('effects', 'plasma').entry.def as { fill: (...a: unknown[]) => void };
    const life = registry.resolve('effects', 'game_of_life').entry.def as { fill: (...a: unknown[]) => void };
    const calls = { plasma: 0, life: 0 };
    const [pf, lf] = [plasma.fill, life.fill];
    plasma.fill = (...a) => (calls.plasma++, pf(...a));
    life.fill = (...a) => (calls.life++, lf(...a));
    try {
      const scene = { layers: [{ effect: 'plasma' }, { effect: 'game_of_life', blend: 'screen' }] };
      const replayed = runtime(scene);
      for (let i = 0; i < 6; i++) replayed.advance(i, quiet);
      expect(calls).toEqual({ plasma: 0, life: 6 });
      const a = copy(replayed.render(6, loud));
      const drawn = runtime(scene);
      for (let i = 0; i < 6; i++) drawn.render(i, quiet);
      expect(copy(drawn.render(6, loud))).toEqual(a);
    } finally {
      plasma.fill = pf;
      life.fill = lf;
    }
  });

  it('names the grid sizes and palette characters the main thread prepares atlases for', () => {
    const p = validateProject(
      {
        scenes: [
          { name: 'a', end: 1, grid: 'sm', layers: [{ effect: 'plasma', palette: 'blocks' }, { effect: 'plasma', grid: 'lg', palette: 'binary' }] },
          { name: 'b', end: 2, grid: 'sm', layers: [{ effect: 'plasma', palette: 'blocks' }] },
        ],
      },
      registry,
      'test',
    );
    expect(projectGridSizes(p)).toEqual(['sm', 'lg']);
    const snaps = prepareAtlases({ initChars: projectChars(p) }, projectGridSizes(p));
    expect(snaps.map((s) => s.metrics.px)).toEqual([10, 20]);
    for (const s of snaps) for (const c of '░▒▓█') expect(s.chars).toContain(c);
  });
});
