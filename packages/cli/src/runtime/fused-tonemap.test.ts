import { describe, expect, it } from '@jest/globals';
import { featureFrame, type CellLayer, type GridGeometry, type RgbFrame } from '@glyphreel/core';
import { createSceneRenderer, type GridSceneRenderer } from '@glyphreel/grid';
import { clearSimdFrame, createSimdFrame } from '@glyphreel/shaders';
import { validateProject } from '../project/validate.js';
import { buildRegistry } from './plugins.js';
import { SceneRuntime } from './scene-runtime.js';

const registry = await buildRegistry();
const budget = { particlesMax: 500, shaders: 'full' as const, gridScale: 1 };
const loud = featureFrame({ bass: 0.9, bdecay: 0.9, beat: 1, rms: 0.8, onset: 1 });
const quiet = featureFrame({ bass: 0.1, bdecay: 0, beat: 0, rms: 0.1 });
const BENCH_SHADERS = [['bloom', { thr: 130 }], ['vignette', { s: 0.22 }], ['grain', { amt: 10 }], ['scanlines', { intensity: 0.08 }]];

/** A real renderer that counts the fused draws (so a test knows which path a frame took). */
function counting(r: GridSceneRenderer): GridSceneRenderer & { fused: number } {
  const c = Object.assign(Object.create(r) as GridSceneRenderer, { fused: 0 });
  c.renderMapped = (g: GridGeometry, l: CellLayer, f: RgbFrame, m: Uint8Array) => {
    c.fused++;
    r.renderMapped(g, l, f, m);
  };
  return c;
}

function frames(scene: Record<string, unknown>, fuse: boolean, simd: boolean, width: number, height: number): { frames: Buffer[]; fused: number } {
  const p = validateProject({ scenes: [{ name: 's', end: 4, grid: 'md', ...scene }] }, registry, 'test');
  const renderer = counting(createSceneRenderer({ width, height, ...(simd ? { createFrame: createSimdFrame, clearFrame: clearSimdFrame } : {}) }));
  const rt = new SceneRuntime({ registry, renderer, scene: p.scenes[0]!, fps: 12, seed: 3, budget, sceneFrameStart: 0, fuseTonemap: fuse });
  const out: Buffer[] = [];
  // Loud and quiet frames alternate, so layers with a `when` come and go, and the pooled frame is reused dirty.
  for (let i = 0; i < 6; i++) out.push(Buffer.from(rt.render(i, i % 2 ? loud : quiet).data));
  return { frames: out, fused: renderer.fused };
}

const plasma = { effect: 'plasma', palette: 'default', hue: 'angle' };
const sdf = { effect: 'sdf', params: { radius: 5 }, palette: 'binary', hue: 0.1, saturation: 0, threshold: 0 };

describe('tonemap fused into the draw of a single layer', () => {
  it.each([
    ['the benchmark scene (plasma, bloom, vignette, grain, scanlines)', { layers: [plasma], shaders: BENCH_SHADERS }, 6],
    ['gamma 0.5 on a sparse layer', { gamma: 0.5, layers: [sdf] }, 6],
    ['a masked layer', { layers: [{ ...plasma, mask: { name: 'circle', params: { radius: 0.3, feather: 0.1 } } }] }, 6],
    ['a layer drawn only on loud frames (quiet frames have no layer at all)', { layers: [{ ...sdf, when: { feature: 'bass', gt: 0.5 } }] }, 3],
    ['a particle layer (cell effect) and feedback', { layers: [{ effect: 'embers' }], feedback: { transform: 'zoom', transformAmt: 0.02 } }, 6],
    ['a transformed layer on the sm grid', { layers: [{ ...plasma, grid: 'sm', transform: { name: 'rotate', params: { angle: 0.4 } } }] }, 6],
    ['two max-composited layers (not fused)', { layers: [plasma, { ...sdf, grid: 'lg' }] }, 0],
    ['a second layer only on loud frames (fused on quiet ones)', { layers: [plasma, { ...sdf, when: { feature: 'bass', gt: 0.5 } }] }, 3],
    ['a half-opaque layer (not fused)', { layers: [{ ...plasma, opacity: 0.5 }] }, 0],
    ['a screen layer under a lighten one (not fused)', { layers: [{ ...plasma, blend: 'screen' }, sdf] }, 0],
  ] as const)('the same bytes as drawing and then tonemapping: %s', (_name, scene, fusedFrames) => {
    for (const [simd, w, h] of [[true, 480, 270], [false, 203, 117]] as const) {
      const plain = frames(scene, false, simd, w, h);
      const fused = frames(scene, true, simd, w, h);
      expect(plain.fused).toBe(0);
      expect(fused.fused).toBe(fusedFrames);
      for (let i = 0; i < plain.frames.length; i++) expect(fused.frames[i]!.equals(plain.frames[i]!)).toBe(true);
    }
  });
});
