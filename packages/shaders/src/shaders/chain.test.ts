import { describe, expect, test } from '@jest/globals';
import {
  createFrame,
  defineShader,
  definePlugin,
  featureFrame,
  GlyphreelError,
  PLUGIN_API_VERSION,
  Registry,
  Rng,
  type RgbFrame,
} from '@glyphreel/core';
import { shadersPlugin } from '../plugin.js';
import { AUDIO_SCALING, builtinShaderRegistry, createShaderChain, createShaderContext, shaderChain, shaderDefs } from './index.js';

function frameOf(w: number, h: number, fn: (x: number, y: number) => [number, number, number]): RgbFrame {
  const f = createFrame(w, h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) f.data.set(fn(x, y), (y * w + x) * 3);
  return f;
}
const pattern = (x: number, y: number): [number, number, number] => [(x * 7 + y * 3) & 255, (x * 13 + y * 29) & 255, (x * y + 5) & 255];

function applyDirect(name: string, frame: RgbFrame, params: Record<string, unknown>, rng = new Rng(0), t = 0) {
  const { entry, params: p } = builtinShaderRegistry().resolve('shaders', name, params);
  (entry.def as { apply: (f: RgbFrame, p: unknown, c: unknown) => void }).apply(frame, p, createShaderContext({ rng, t }));
}

describe('ShaderChain', () => {
  test('applies steps in order, equal to applying each shader by hand', () => {
    const chain = shaderChain([['invert'], ['posterize', { levels: 3 }], { name: 'mirror_h' }]);
    const a = chain.apply(frameOf(20, 9, pattern));
    const b = frameOf(20, 9, pattern);
    applyDirect('invert', b, {});
    applyDirect('posterize', b, { levels: 3 });
    applyDirect('mirror_h', b, {});
    expect(a.data).toEqual(b.data);
    expect(chain.steps.map((s) => s.name)).toEqual(['invert', 'posterize', 'mirror_h']);
    expect(chain.steps[1]!.params).toEqual({ levels: 3 });
  });

  test('an unknown shader fails to build with a message naming it (and a suggestion)', () => {
    let err: unknown;
    try {
      shaderChain([['bloom'], ['kaleidoscop', { folds: 6 }]]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GlyphreelError);
    expect((err as GlyphreelError).code).toBe('E_UNKNOWN');
    expect((err as GlyphreelError).message).toBe('Shader chain step 2: Unknown shader "kaleidoscop"');
    expect((err as GlyphreelError).hint).toContain('"kaleidoscope"');
    expect(() => shaderChain().add('nope')).toThrow(/Unknown shader "nope"/);
  });

  test('a bad parameter fails to build naming the shader and the parameter', () => {
    expect(() => shaderChain([['vignette', { s: -1 }]])).toThrow(/shaders\/vignette \(shader\): parameter "s" = -1 is invalid; expected a number in \[0, 10\]/);
    expect(() => shaderChain([['bloom', { threshold: 100 }]])).toThrow(/shaders\/bloom \(shader\): unknown parameter "threshold"/);
    expect(() => shaderChain([['wave_distort', { axis: 'z' }]])).toThrow(/parameter "axis" = "z" is invalid; expected one of x, y/);
    expect(() => shaderChain([['pixelate', { block: 2.5 }]])).toThrow(/parameter "block" = 2.5 is invalid; expected an integer/);
  });

  test('audio scaling: chromatic amount follows bdecay, min 1 px', () => {
    const chain = shaderChain([['chromatic', { amt: 5 }]]);
    expect(chain.steps[0]!.audioReactive).toBe(true);
    const shiftFor = (bdecay: number) => {
      const f = frameOf(30, 1, (x) => [x * 8, 0, 0]);
      chain.apply(f, { features: featureFrame({ bdecay }) });
      return f.data[29 * 3]! / 8 === 29 ? 0 : 29 - f.data[29 * 3]! / 8;
    };
    expect(shiftFor(0)).toBe(2); // trunc(5·0.4)
    expect(shiftFor(1)).toBe(6); // trunc(5·1.2)
    expect(shiftFor(0.5)).toBe(4); // trunc(5·0.8)
    // The base params never change.
    expect(chain.steps[0]!.params).toEqual({ amt: 5 });
    // amt 0 still shifts 1 px in a chain (reference dispatch), but not when applied directly.
    const zero = shaderChain([['chromatic', { amt: 0 }]]);
    const f = frameOf(5, 1, (x) => [x * 10, 0, 0]);
    zero.apply(f);
    expect(f.data[3]).toBe(0);
  });

  test('audio scaling: grain amplitude is trunc(amt·(0.5 + 0.8·rms)), color_wobble amt·(0.5 + 0.8·rms)', () => {
    const spread = (rms: number) => {
      const f = frameOf(64, 64, () => [128, 128, 128]);
      shaderChain([['grain', { amt: 10 }]]).apply(f, { features: featureFrame({ rms }), rng: new Rng(1) });
      let m = 0;
      for (const v of f.data) m = Math.max(m, Math.abs(v - 128));
      return m;
    };
    expect(spread(0)).toBe(5);
    expect(spread(1)).toBe(13);
    expect(spread(0.3)).toBe(7); // the default rms (absent feature) is 0.3 → trunc(10·0.74)
    const wob = (rms: number) => {
      const f = frameOf(1, 1, () => [100, 100, 100]);
      shaderChain([['color_wobble', { amt: 0.5 }]]).apply(f, { t: 0.1, features: featureFrame({ rms }) });
      return f.data[0];
    };
    expect(wob(1)).toBe(Math.trunc(100 * (1 + 0.5 * 1.3 * Math.sin(0.5))));
    expect(wob(0)).toBe(Math.trunc(100 * (1 + 0.5 * 0.5 * Math.sin(0.5))));
    // Turning scaling off applies the base amounts.
    const f = frameOf(1, 1, () => [100, 100, 100]);
    createShaderChain(builtinShaderRegistry(), [['color_wobble', { amt: 0.5 }]], { audioReactive: false }).apply(f, { t: 0.1 });
    expect(f.data[0]).toBe(Math.trunc(100 * (1 + 0.5 * Math.sin(0.5))));
    expect(Object.keys(AUDIO_SCALING).sort()).toEqual(['chromatic', 'color_wobble', 'grain']);
  });

  test('works with a third-party plugin shader through a registry, by qualified name', () => {
    const redden = defineShader({
      name: 'redden',
      params: { by: { type: 'integer', default: 10, min: 0, max: 255 } },
      apply(frame, p) {
        for (let i = 0; i < frame.data.length; i += 3) frame.data[i] = Math.min(255, frame.data[i]! + p.by);
      },
    });
    const registry = new Registry()
      .register(shadersPlugin, { builtin: true })
      .register(definePlugin({ name: 'vhs', version: '1.0.0', apiVersion: PLUGIN_API_VERSION, shaders: [redden] }));
    const chain = createShaderChain(registry).add('vhs/redden', { by: 20 }).add('invert');
    const f = chain.apply(frameOf(2, 1, () => [100, 50, 0]));
    expect([...f.data]).toEqual([135, 205, 255, 135, 205, 255]);
    expect(chain.steps[0]!.qualifiedName).toBe('vhs/redden');
    expect(() => createShaderChain(registry, [['redden']])).toThrow(/Unknown shader "redden"/);
    expect(() => createShaderChain(registry, [['vhs/redden', { by: 300 }]])).toThrow(/vhs\/redden \(shader\): parameter "by" = 300/);
  });

  test('is deterministic per rng seed and reuses its scratch buffers across frames', () => {
    const steps = [['bloom', { thr: 100 }], ['grain', { amt: 12 }], ['static', { density: 0.1 }], ['glitch_bands'], ['block_glitch']] as const;
    const run = (seed: number) => {
      const chain = shaderChain(steps);
      const rng = new Rng(seed);
      const out: Uint8Array[] = [];
      for (let i = 0; i < 3; i++) out.push(chain.apply(frameOf(48, 32, pattern), { t: i / 24, rng, features: featureFrame({ bdecay: 0.7 }) }).data.slice());
      return out;
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3)[0]).not.toEqual(run(4)[0]);
  });

  test('rejects a frame whose buffer does not match its size', () => {
    expect(() => shaderChain([['invert']]).apply({ width: 4, height: 4, data: new Uint8Array(10) })).toThrow(/4×4·3 bytes, got 10/);
  });

  test('the built-in registry exposes all 38 shaders by bare and qualified name', () => {
    const reg = builtinShaderRegistry();
    expect(reg.names('shaders')).toHaveLength(shaderDefs.length);
    expect(reg.get('shaders', 'shaders/bloom').name).toBe('bloom');
  });
});
