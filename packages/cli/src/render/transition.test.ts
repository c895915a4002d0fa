import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { createFrame, deriveSeed, Rng, ScratchPool, type RgbFrame } from '@glyphreel/core';
import { syntheticFeatureTable } from '@glyphreel/inputs';
import { createSceneRenderer } from '@glyphreel/grid';
import { createSimdFrame } from '@glyphreel/shaders';
import { validateProject } from '../project/validate.js';
import { buildRegistry } from '../runtime/plugins.js';
import { SceneRuntime } from '../runtime/scene-runtime.js';
import { renderVideo } from './render.js';
import { IncomingTransition, transitionWindow } from './transition.js';

const registry = await buildRegistry();
const dir = mkdtempSync(path.join(os.tmpdir(), 'glyphreel-transition-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const W = 160;
const H = 96;
const FPS = 12;
const budget = { particlesMax: 300, shaders: 'full' as const, gridScale: 1 };

/** Three scenes: in from black, a wipe out of a particle scene, and a dissolve out of a feedback scene. */
const raw = {
  seed: 5,
  scenes: [
    { name: 'a', end: 1, grid: 'sm', transition: 'crossfade', layers: [{ effect: 'plasma', hue: 'angle' }, { effect: 'explosion', blend: 'screen' }] },
    {
      name: 'b',
      end: 2.5,
      grid: 'sm',
      transition: { name: 'wipe', params: { direction: 'left' }, duration: 1 },
      layers: [{ effect: 'matrix_rain' }],
      feedback: { decay: 0.8 },
    },
    { name: 'c', end: 3.5, grid: 'sm', transition: { name: 'dissolve', duration: 0.75 }, layers: [{ effect: 'rings', hue: 0.6 }], shaders: [['grain', { amt: 20 }]] },
  ],
};

function hashes(folder: string): string[] {
  return readdirSync(folder).sort().map((f) => createHash('sha1').update(readFileSync(path.join(folder, f))).digest('hex'));
}

describe('scene transitions', () => {
  it('reads transitions from scene files and rejects bad ones with file, scene and field', () => {
    const p = validateProject(raw, registry, 'shots.json');
    expect(p.scenes.map((s) => s.transition && [s.transition.name, s.transition.durationS])).toEqual([['crossfade', 0.5], ['wipe', 1], ['dissolve', 0.75]]);
    expect(p.scenes[1]!.transition!.params).toMatchObject({ direction: 'left' });
    const bad = (transition: unknown) => () => validateProject({ scenes: [{ name: 'x', end: 1, layers: [{ effect: 'plasma' }], transition }] }, registry, 'shots.json');
    expect(bad('crossfde')).toThrow(/^shots\.json: scene 0 "x": transition: Unknown transition "crossfde"/);
    expect(bad({ name: 'crossfade', duration: 2 })).toThrow('shots.json: scene 0 "x": transition.duration: the transition (2s) is longer than the scene (1s)');
    expect(bad({ name: 'crossfade', duration: 0 })).toThrow('shots.json: scene 0 "x": transition.duration: expected a duration in seconds greater than 0');
    expect(bad({ name: 'wipe', params: { direction: 'sideways' } })).toThrow(/^shots\.json: scene 0 "x": transition: .*direction/);
    expect(bad({ name: 'crossfade', length: 1 })).toThrow('shots.json: scene 0 "x": transition.length: unknown field "length"');
    expect(bad(3)).toThrow('shots.json: scene 0 "x": transition: expected a transition name or { "name", "params", "duration" }, got 3');
  });

  it('composes the outgoing scene (running past its end) and the incoming one with the progress (k + 1) / (n + 1)', async () => {
    const project = validateProject(raw, registry, 'shots.json');
    const features = syntheticFeatureTable(48, FPS, 120);
    const at = (i: number) => features.frame(i);
    const renderer = createSceneRenderer({ width: W, height: H, createFrame: createSimdFrame });
    const window = transitionWindow(project, 2, FPS)!;
    expect(window).toEqual({ start: 30, frames: 9 });
    // Frame 33 of scene c's window, drawn by the transition …
    const incoming = new IncomingTransition({ registry, renderer, project, sceneIndex: 2, fps: FPS, seed: 5, budget, window });
    const c = new SceneRuntime({ registry, renderer, scene: project.scenes[2]!, fps: FPS, seed: 5, budget, sceneFrameStart: 30 });
    for (let i = 30; i < 33; i++) c.advance(i, at(i));
    await incoming.drawOutgoing(33, at);
    const got = Uint8Array.from(incoming.compose(33, at(33), c.render(33, at(33))).data);
    // … equals the dissolve of b's frame 33 (b replayed by drawing, since it has feedback) and c's frame 33.
    const b = new SceneRuntime({ registry, renderer, scene: project.scenes[1]!, fps: FPS, seed: 5, budget, sceneFrameStart: 12 });
    for (let i = 12; i < 33; i++) b.render(i, at(i));
    const from: RgbFrame = { width: W, height: H, data: Uint8Array.from(b.render(33, at(33)).data) };
    const c2 = new SceneRuntime({ registry, renderer, scene: project.scenes[2]!, fps: FPS, seed: 5, budget, sceneFrameStart: 30 });
    for (let i = 30; i < 33; i++) c2.advance(i, at(i));
    const to: RgbFrame = { width: W, height: H, data: Uint8Array.from(c2.render(33, at(33)).data) };
    const expected = createFrame(W, H);
    const rng = new Rng(deriveSeed(5, 's02_c', 'transition', 33));
    registry.get('transitions', 'dissolve').def.apply(from, to, 4 / 10, expected, { t: 3 / FPS, features: at(33), rng, scratch: new ScratchPool() }, project.scenes[2]!.transition!.params as never);
    expect(got).toEqual(expected.data);
    expect(got).not.toEqual(to.data);
    expect(got).not.toEqual(from.data);
    await incoming.dispose();
  });

  it('fades the first scene in from black', async () => {
    const project = validateProject(raw, registry, 'shots.json');
    const features = syntheticFeatureTable(48, FPS, 120);
    const renderer = createSceneRenderer({ width: W, height: H, createFrame: createSimdFrame });
    const window = transitionWindow(project, 0, FPS)!;
    expect(window).toEqual({ start: 0, frames: 6 });
    const incoming = new IncomingTransition({ registry, renderer, project, sceneIndex: 0, fps: FPS, seed: 5, budget, window });
    const a = new SceneRuntime({ registry, renderer, scene: project.scenes[0]!, fps: FPS, seed: 5, budget, sceneFrameStart: 0 });
    await incoming.drawOutgoing(0, (i) => features.frame(i));
    const to = a.render(0, features.frame(0));
    const full = Uint8Array.from(to.data);
    const got = incoming.compose(0, features.frame(0), to).data;
    // Crossfade from black at progress 1/7: every byte is a seventh of the scene's, rounded.
    let off = 0;
    for (let j = 0; j < got.length; j++) off = Math.max(off, Math.abs(got[j]! - full[j]! / 7));
    expect(off).toBeLessThanOrEqual(1);
    expect(full.some((v) => v > 70)).toBe(true);
    await incoming.dispose();
  });

  it('gives byte-identical frames for 1, 2 and 4 workers with units starting inside transitions', async () => {
    const runs: string[][] = [];
    for (const [workers, unitFrames] of [[1, 1000], [2, 5], [4, 3]] as const) {
      const out = path.join(dir, `frames-${workers}`);
      const r = await renderVideo({ output: out, format: 'png', workers, unitFrames, source: { raw, label: 'test' }, resolution: `${W}x${H}`, fps: FPS, quality: 'draft' });
      expect(r.frames).toBe(42);
      if (workers > 1) {
        // Units start inside the windows of a (frames 0–5) and c (30–38; b has feedback, so it stays one unit and
        // c's units replay it by drawing).
        for (const [a, b] of [[0, 6], [30, 39]]) expect(r.units.some((u) => u.frameStart > a && u.frameStart < b)).toBe(true);
      }
      runs.push(hashes(out));
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
    expect(new Set(runs[0]).size).toBe(42);
  }, 120000);
});
