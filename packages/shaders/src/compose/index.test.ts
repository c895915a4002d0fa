import { describe, expect, it } from '@jest/globals';
import { createField, createFrame, createGeometry, definePlugin, featureFrame, PLUGIN_API_VERSION, Registry, Rng, ScratchPool, type FrameContext, type MaskDef, type TransitionDef } from '@glyphreel/core';
import { blendDefs, maskDefs, transitionDefs } from './index.js';

const plugin = definePlugin({
  name: 'compose-test',
  version: '0.0.0',
  apiVersion: PLUGIN_API_VERSION,
  blends: blendDefs,
  masks: maskDefs,
  transitions: transitionDefs,
});

describe('compose entries', () => {
  const registry = new Registry().register(plugin, { builtin: true });

  it('register through the plugin API with valid schemas and answer to bare names', () => {
    expect(registry.names('blends')).toHaveLength(20);
    expect(registry.names('masks').sort()).toEqual(
      ['circle', 'dissolve', 'gradient_h', 'gradient_radial', 'gradient_v', 'iris', 'rect', 'ring', 'wipe_h', 'wipe_v'],
    );
    expect(registry.names('transitions').sort()).toEqual(['crossfade', 'dissolve', 'glitch_cut', 'iris', 'wipe']);
    expect(registry.get('blends', 'compose-test/screen').def.fn(0.5, 0.5)).toBe(0.75);
    expect(() => registry.resolve('masks', 'circle', { radius: -1 })).toThrow('parameter "radius" = -1 is invalid');
  });

  it('every mask fills values in [0, 1] with its defaults, and every transition runs with its defaults', () => {
    const grid = createGeometry({ rows: 9, cols: 16 });
    const ctx: FrameContext = {
      t: 0.5, frame: 12, fps: 24, progress: 0.1, durationS: 5, features: featureFrame(), state: {}, rng: new Rng(1),
      budget: { particlesMax: 100, shaders: 'standard', gridScale: 1 }, replaying: false,
    };
    for (const name of registry.names('masks')) {
      const { entry, params } = registry.resolve('masks', name);
      const out = createField(grid).fill(-1);
      (entry.def as MaskDef<any>).fill(out, grid, ctx, params as Parameters<MaskDef<any>['fill']>[3]);
      expect([name, out.every((v) => v >= 0 && v <= 1)]).toEqual([name, true]);
    }
    const from = createFrame(16, 8).data.fill(0);
    const to = createFrame(16, 8).data.fill(200);
    for (const name of registry.names('transitions')) {
      const { entry, params } = registry.resolve('transitions', name);
      const out = createFrame(16, 8);
      (entry.def as TransitionDef<any>).apply(
        { width: 16, height: 8, data: from }, { width: 16, height: 8, data: to }, 0.75, out,
        { t: 0, features: featureFrame(), rng: new Rng(2), scratch: new ScratchPool() },
        params as Parameters<TransitionDef<any>['apply']>[5],
      );
      expect([name, out.data.some((v) => v > 0)]).toEqual([name, true]);
    }
  });
});
