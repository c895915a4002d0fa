import { describe, expect, test } from '@jest/globals';
import { createFrame, featureFrame, Rng, ScratchPool, validateParams, type RgbFrame } from '@glyphreel/core';
import { createShaderContext, shaderDefs } from './index.js';

const CATALOG = [
  'crt', 'pixelate', 'wave_distort', 'kaleidoscope', 'mirror_h', 'mirror_v', 'mirror_quad', 'mirror_diag',
  'chromatic', 'channel_shift', 'channel_swap', 'rgb_split_radial',
  'invert', 'posterize', 'threshold', 'solarize', 'hue_rotate', 'saturation', 'color_grade', 'color_wobble', 'color_ramp',
  'bloom', 'edge_glow', 'soft_focus', 'radial_blur',
  'grain', 'static',
  'scanlines', 'halftone',
  'vignette', 'contrast', 'gamma', 'levels', 'brightness',
  'glitch_bands', 'block_glitch', 'pixel_sort', 'data_bend',
];

/** Sparse bright strokes over a dim gradient, like a rendered glyph frame. */
function glyphLike(w: number, h: number): RgbFrame {
  const f = createFrame(w, h);
  const rng = new Rng(11);
  const d = f.data;
  for (let y = 0, o = 0; y < h; y++) {
    for (let x = 0; x < w; x++, o += 3) {
      d[o] = (x * 40) / w;
      d[o + 1] = (y * 40) / h;
      d[o + 2] = 20;
    }
  }
  for (let k = 0; k < (w * h) / 60; k++) {
    const o = (rng.int(0, h - 1) * w + rng.int(0, w - 1)) * 3;
    d[o] = rng.int(100, 255);
    d[o + 1] = rng.int(100, 255);
    d[o + 2] = rng.int(100, 255);
  }
  return f;
}

describe('every registered shader', () => {
  test('the registry holds exactly the 38 catalog shaders, each with a valid schema whose defaults validate', () => {
    expect(shaderDefs.map((d) => d.name)).toEqual(CATALOG);
    for (const def of shaderDefs) {
      expect(typeof def.description).toBe('string');
      const defaults = validateParams(def.params, {}, { plugin: 'shaders', kind: 'shader', entry: def.name });
      for (const [k, spec] of Object.entries(def.params as Record<string, { default: unknown }>)) expect(defaults[k]).toEqual(spec.default);
    }
  });

  // 480×270 is 1080p's shape at a quarter of the size (word-aligned rows, like 1920): code under jest's VM runs
  // ~10–100× slower than plain node, so full 1080p belongs to the benchmark, not the suite.
  for (const [w, h] of [[480, 270], [33, 17], [1, 1]] as const) {
    test(`all 38 keep a ${w}×${h} frame's size, run twice with one scratch, and change a glyph-like frame where they should`, () => {
      const scratch = new ScratchPool();
      const unchanged: string[] = [];
      for (const def of shaderDefs) {
        const params = validateParams(def.params, {}, { plugin: 'shaders', kind: 'shader', entry: def.name });
        const frame = glyphLike(w, h);
        const before = frame.data.slice();
        const data = frame.data;
        const ctx = createShaderContext({ t: 0.7, features: featureFrame({ bdecay: 0.8, rms: 0.6, sub: 0.5 }), rng: new Rng(2), scratch });
        def.apply(frame, params, ctx);
        if (Buffer.compare(Buffer.from(before), Buffer.from(frame.data)) === 0) unchanged.push(def.name);
        def.apply(frame, params, ctx); // again, with the scratch buffers and caches of the first call
        expect([def.name, frame.width, frame.height, frame.data.length]).toEqual([def.name, w, h, w * h * 3]);
        expect(frame.data).toBe(data);
      }
      if (w === 480) {
        // With defaults on a busy frame, only shaders whose default is the identity leave it unchanged.
        expect(unchanged.sort()).toEqual(['channel_shift', 'color_grade', 'levels']);
      }
    });
  }

  test('word paths and byte paths agree: every shader gives the same bytes on an unaligned view of the same frame', () => {
    for (const [w, h] of [[64, 36], [36, 9], [33, 17]] as const) {
      for (const def of shaderDefs) {
        const params = validateParams(def.params, {}, { plugin: 'shaders', kind: 'shader', entry: def.name });
        const aligned = glyphLike(w, h);
        const buf = new Uint8Array(aligned.data.length + 1);
        buf.set(aligned.data, 1);
        const unaligned: RgbFrame = { width: w, height: h, data: buf.subarray(1) };
        const features = featureFrame({ bdecay: 0.8, rms: 0.6, sub: 0.5 });
        def.apply(aligned, params, createShaderContext({ t: 0.7, features, rng: new Rng(5) }));
        def.apply(unaligned, params, createShaderContext({ t: 0.7, features, rng: new Rng(5) }));
        expect([def.name, w, Buffer.from(unaligned.data).equals(Buffer.from(aligned.data))]).toEqual([def.name, w, true]);
      }
    }
  });
});
