import { describe, expect, test } from '@jest/globals';
import { featureFrame, Rng, type RgbFrame } from '@glyphreel/core';
import { firstDiff, randomBytes } from '../test-utils/bytes.js';
import { AUDIO_SCALING } from './audio-scaling.js';
import { createShaderContext } from './context.js';
import { bandStageOf, BAND_ROWS } from './internal/bands.js';
import { createSimdFrame, releaseSimdFrame } from './internal/simd/frame.js';
import { builtinShaderRegistry, shaderChain } from './standalone.js';

type Step = readonly [string, Record<string, unknown>];

/** The steps applied one after another with each shader's own apply (audio scaling as the chain does it). */
function sequential(frame: RgbFrame, steps: readonly Step[], seed: number, features = featureFrame()): void {
  const rng = new Rng(seed);
  const ctx = createShaderContext({ rng, features });
  for (const [name, params] of steps) {
    const { entry, params: base } = builtinShaderRegistry().resolve('shaders', name, params);
    const live = { ...base };
    AUDIO_SCALING[name]?.(base, live, features);
    (entry.def as { apply: (f: RgbFrame, p: unknown, c: unknown) => void }).apply(frame, live, ctx);
  }
}

const STANDARD: Step[] = [['bloom', { thr: 100 }], ['vignette', { s: 0.4 }], ['grain', { amt: 20 }], ['scanlines', { intensity: 0.3, spacing: 3 }]];

describe('banded chains', () => {
  test('the four row-local shaders run in bands', () => {
    for (const name of ['bloom', 'vignette', 'grain', 'scanlines']) {
      expect([name, bandStageOf(builtinShaderRegistry().get('shaders', name).def as never) !== undefined]).toEqual([name, true]);
    }
    expect(bandStageOf(builtinShaderRegistry().get('shaders', 'invert').def as never)).toBeUndefined();
    expect(BAND_ROWS % 4).toBe(0);
  });

  test('give the same bytes as the steps one after another, for sizes around the band height and odd ones', () => {
    const rng = new Rng(3);
    const chains: Step[][] = [
      STANDARD,
      // bloom later in the list reads the frame, so it starts a second run; grain twice; scanlines spacing 5
      [['vignette', { s: 1.2 }], ['bloom', { thr: 60 }], ['grain', { amt: 7 }], ['grain', { amt: 3 }], ['scanlines', { intensity: 0.5, spacing: 5 }]],
      // a step that does nothing this frame (s = 0) inside a run, and a non-band step between runs
      [['grain', { amt: 9 }], ['vignette', { s: 0 }], ['scanlines', { intensity: 0.1, spacing: 1 }], ['invert', {}], ['vignette', { s: 0.3 }], ['grain', { amt: 4 }]],
    ];
    for (const [w, h] of [[1, 1], [5, 15], [17, 16], [33, 17], [40, 33], [97, 50]] as const) {
      const src = randomBytes(rng, w * h * 3);
      for (const [k, steps] of chains.entries()) {
        const want = createSimdFrame(w, h);
        want.data.set(src);
        sequential(want, steps, 11 + k);
        const got = createSimdFrame(w, h);
        got.data.set(src);
        shaderChain(steps).apply(got, { rng: new Rng(11 + k) });
        expect([w, h, k, firstDiff(got.data, want.data, w)]).toEqual([w, h, k, null]);
        // A frame on the JS heap goes through the chain's arena copy and gives the same bytes.
        const heap = { width: w, height: h, data: Uint8Array.from(src) };
        shaderChain(steps).apply(heap, { rng: new Rng(11 + k) });
        expect([w, h, k, 'heap', firstDiff(heap.data, want.data, w)]).toEqual([w, h, k, 'heap', null]);
        releaseSimdFrame(want);
        releaseSimdFrame(got);
      }
    }
  });

  test('audio scaling reaches banded steps (the scaled values, not the base ones, are used)', () => {
    const loud = featureFrame({ rms: 0.9, bdecay: 0.8, sub: 0.7 });
    const [w, h] = [64, 40];
    const src = randomBytes(new Rng(5), w * h * 3);
    const want = createSimdFrame(w, h);
    want.data.set(src);
    sequential(want, STANDARD, 2, loud);
    const unscaled = createSimdFrame(w, h);
    unscaled.data.set(src);
    sequential(unscaled, STANDARD, 2);
    expect(firstDiff(want.data, unscaled.data)).not.toBeNull(); // the features change the result
    const got = createSimdFrame(w, h);
    got.data.set(src);
    shaderChain(STANDARD).apply(got, { rng: new Rng(2), features: loud });
    expect(firstDiff(got.data, want.data, w)).toBeNull();
  });
});
