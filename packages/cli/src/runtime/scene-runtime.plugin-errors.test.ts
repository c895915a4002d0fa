import { describe, expect, it } from '@jest/globals';
import { defineCellEffect, defineHue, definePlugin, defineShader, defineValueEffect, featureFrame, GlyphreelError, PLUGIN_API_VERSION } from '@glyphreel/core';
import { createSceneRenderer } from '@glyphreel/grid';
import { validateProject } from '../project/validate.js';
import { buildRegistry } from './plugins.js';
import { SceneRuntime } from './scene-runtime.js';

// What a plugin's code does wrong at render time is reported naming the entry and the layer (the render adds the
// scene and the frame), and a value effect's out-of-range output is warned about once per layer.
const registry = await buildRegistry();
registry.register(
  definePlugin({
    name: 'mine',
    version: '1.0.0',
    apiVersion: PLUGIN_API_VERSION,
    effects: [
      defineValueEffect({ name: 'ok', params: {}, fill: (out) => void out.fill(0.7) }),
      defineValueEffect({ name: 'nan', params: {}, fill: (out) => void out.forEach((_, i) => (out[i] = i % 2 ? NaN : 0.8)) }),
      defineValueEffect({ name: 'big', params: {}, fill: (out) => void out.fill(7) }),
      defineValueEffect({
        name: 'waves',
        params: {},
        fill() {
          throw new Error('fill exploded');
        },
      }),
      defineCellEffect({
        name: 'glitch',
        params: {},
        draw() {
          throw new TypeError('cannot read x of undefined');
        },
      }),
      defineCellEffect({
        name: 'video',
        params: {},
        draw() {},
        async prepare() {
          throw new GlyphreelError('E_INPUT', 'cannot open clip.mp4', { hint: 'check the path' });
        },
      }),
    ],
    hues: [
      defineHue({
        name: 'h',
        params: {},
        fill() {
          throw new Error('hue broke');
        },
      }),
    ],
    shaders: [
      defineShader({
        name: 'invert',
        params: {},
        apply() {
          throw new Error('boom in shader');
        },
      }),
    ],
  }),
);

function runtime(scene: Record<string, unknown>, warnings: string[] = []): SceneRuntime {
  const p = validateProject({ scenes: [{ name: 'w', end: 2, grid: 'sm', ...scene }] }, registry, 'test');
  const renderer = createSceneRenderer({ width: 96, height: 54, onWarning: (m) => warnings.push(m) });
  return new SceneRuntime({ registry, renderer, scene: p.scenes[0]!, fps: 12, seed: 1, budget: { particlesMax: 100, shaders: 'full', gridScale: 1 }, sceneFrameStart: 0 });
}
const quiet = featureFrame({});

function failure(fn: () => unknown): GlyphreelError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GlyphreelError);
    return e as GlyphreelError;
  }
  throw new Error('expected an error');
}

describe('SceneRuntime: exceptions from plugin code name the entry and the layer', () => {
  it('a value effect, a hue, a post effect and a shader', () => {
    const fill = failure(() => runtime({ layers: [{ effect: 'mine/waves' }] }).render(6, quiet));
    expect([fill.code, fill.message]).toEqual(['E_RENDER', 'layers[0] effect mine/waves: fill exploded']);
    expect((fill.cause as Error).message).toBe('fill exploded');
    const hue = failure(() => runtime({ layers: [{ effect: 'plasma' }, { effect: 'mine/ok', hue: 'mine/h' }] }).render(0, quiet));
    expect(hue.message).toBe('layers[1] hue mine/h: hue broke');
    const post = failure(() => runtime({ layers: [{ effect: 'plasma', post: ['mine/glitch'] }] }).render(0, quiet));
    expect(post.message).toBe('layers[0] post[0] effect mine/glitch: cannot read x of undefined');
    const shader = failure(() => runtime({ layers: [{ effect: 'plasma' }], shaders: ['invert', 'mine/invert'] }).render(6, quiet));
    expect([shader.code, shader.message]).toEqual(['E_RENDER', 'shader mine/invert: boom in shader']);
  });

  it('also while replaying, and in prepare, where a GlyphreelError keeps its code and hint', async () => {
    expect(failure(() => runtime({ layers: [{ effect: 'mine/waves' }] }).advance(3, quiet)).message).toBe('layers[0] effect mine/waves: fill exploded');
    const rt = runtime({ layers: [{ effect: 'plasma' }, { effect: 'mine/video' }] });
    const e = await rt.prepare(0, quiet).then(
      () => undefined,
      (err: unknown) => err as GlyphreelError,
    );
    expect([e?.code, e?.message, e?.hint]).toEqual(['E_INPUT', 'layers[1] effect mine/video (prepare): cannot open clip.mp4', 'check the path']);
  });
});

describe('SceneRuntime: a value effect writing outside [0, 1]', () => {
  it('warns once per layer, through the grid warning channel, naming the layer, the effect and the cell', () => {
    const warnings: string[] = [];
    const rt = runtime({ layers: [{ effect: 'mine/nan' }, { effect: 'mine/big' }, { effect: 'mine/ok' }] }, warnings);
    rt.render(0, quiet);
    rt.render(1, quiet);
    expect(warnings).toEqual([
      'layer 0 (mine/nan) wrote NaN at cell 1: a value effect writes values in [0, 1]; NaN draws a blank cell and values outside are clamped',
      'layer 1 (mine/big) wrote 7 at cell 0: a value effect writes values in [0, 1]; NaN draws a blank cell and values outside are clamped',
    ]);
  });

  it('says nothing for valid output or while replaying', () => {
    const warnings: string[] = [];
    runtime({ layers: [{ effect: 'mine/ok' }, { effect: 'plasma' }] }, warnings).render(0, quiet);
    runtime({ layers: [{ effect: 'mine/big' }] }, warnings).advance(0, quiet);
    expect(warnings).toEqual([]);
  });
});
