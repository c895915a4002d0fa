import { beforeAll, describe, expect, it } from '@jest/globals';
import { AUDIO_FEATURES, FeatureTable, Registry, Rng } from '@glyphreel/core';
import { analyzeAudio } from '@glyphreel/inputs';
import { validateProject } from '../project/validate.js';
import { buildRegistry } from '../runtime/plugins.js';
import { analyzeTrack } from './analysis.js';
import { planCuts } from './cuts.js';
import { assignLevels, autoPlan, autoPlanDetailed, describePlan, type RawProject } from './plan.js';

const FPS = 24;

interface TrackSpec {
  durationS?: number;
  bpm?: number;
  beats?: boolean;
  /** Frame of the first beat. */
  offset?: number;
  rmsAt?: (t: number) => number;
}

/** A feature table like the analyser's: a click grid with bdecay, rms from a curve plus a little seeded noise. */
function track({ durationS = 60, bpm = 120, beats = true, offset = 0, rmsAt = (t) => (t < 16 || t >= 48 ? 0.15 : 0.8) }: TrackSpec = {}): FeatureTable {
  const n = Math.round(durationS * FPS);
  const ft = new FeatureTable(AUDIO_FEATURES, n);
  const rng = new Rng(3);
  for (const name of AUDIO_FEATURES) ft.series(name).fill(0.3);
  const rms = ft.series('rms');
  const beat = ft.series('beat').fill(0);
  const bd = ft.series('bdecay').fill(0);
  for (let i = 0; i < n; i++) rms[i] = Math.min(1, Math.max(0, rmsAt(i / FPS) + rng.uniform(-0.03, 0.03)));
  if (beats) {
    const per = (60 / bpm) * FPS;
    const half = Math.floor(FPS / 2);
    for (let k = 0; ; k++) {
      const f = Math.round(offset + k * per);
      if (f >= n) break;
      beat[f] = 1;
      for (let d = 0; d < half && f + d < n; d++) bd[f + d] = Math.max(bd[f + d] as number, Math.exp((-2.5 * d) / half));
    }
  }
  return ft;
}

type Scene = Record<string, unknown> & { start: number; end: number; gamma: number; layers: Array<Record<string, unknown>>; shaders: Array<[string, unknown]>; extras?: unknown[]; feedback?: unknown };
const scenesOf = (p: RawProject) => p.scenes as Scene[];
const beatFrames = (ft: FeatureTable) => [...ft.series('beat')].flatMap((v, i) => (v > 0.5 ? [i] : []));
const GLITCH = ['glitch_bands', 'block_glitch', 'pixel_sort', 'data_bend', 'chromatic', 'rgb_split_radial'];

let registry: Registry;
beforeAll(async () => {
  registry = await buildRegistry();
});

const plan = (ft: FeatureTable, durationS: number, seed = 1, shaders: 'minimal' | 'standard' | 'full' = 'standard') =>
  autoPlanDetailed(ft, { fps: FPS, durationS, registry, seed, shaders });

function expectContiguous(scenes: Scene[], durationS: number): void {
  expect(scenes[0]!.start).toBe(0);
  expect(scenes[scenes.length - 1]!.end).toBe(durationS);
  for (let i = 1; i < scenes.length; i++) expect(scenes[i]!.start).toBe(scenes[i - 1]!.end);
}

describe('autoPlan on a 120 BPM track (quiet intro, loud middle, quiet outro)', () => {
  const ft = track();
  const beats = new Set(beatFrames(ft));

  it('cuts every 8 beats (4 s), exactly on beat frames, covering [0, 60] contiguously', () => {
    const scenes = scenesOf(plan(ft, 60).project);
    expect(scenes.map((s) => s.start)).toEqual([0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56]);
    expectContiguous(scenes, 60);
    for (const s of scenes) {
      const f = s.start * FPS;
      expect(Number.isInteger(f)).toBe(true);
      expect(beats.has(f)).toBe(true);
      const n = [...beats].filter((b) => b >= s.start * FPS && b < s.end * FPS).length;
      expect(n).toBe(8);
    }
  });

  it('levels follow the loudness: calm intro and outro, peaks in the middle', () => {
    const { sections } = plan(ft, 60);
    expect(sections.map((s) => s.level)).toEqual([...Array(4).fill('calm'), ...Array(8).fill('peak'), ...Array(3).fill('calm')]);
    expect(sections[0]!.energy).toBeLessThan(0.5);
    expect(sections[6]!.energy).toBeGreaterThan(1.5);
  });

  it('never repeats the effect, palette, colour strategy or mood of the previous section', () => {
    for (const seed of [1, 2, 3, 99]) {
      const { sections, project } = plan(ft, 60, seed);
      for (let i = 1; i < sections.length; i++) {
        const [a, b] = [sections[i - 1]!, sections[i]!];
        expect(b.content).not.toBe(a.content);
        expect(b.palette).not.toBe(a.palette);
        expect(b.mood).not.toBe(a.mood);
        expect(b.hue.split(' ')[0]).not.toBe(a.hue.split(' ')[0]);
        expect(scenesOf(project)[i]!.layers[1]!.effect).toBe(b.content);
      }
      // 15 sections draw from 20 content fields before any repeats within a level's pool.
      expect(new Set(sections.map((s) => s.content)).size).toBeGreaterThanOrEqual(12);
    }
  });

  it('makes quiet sections calmer and peaks brighter', () => {
    const { project, sections } = plan(ft, 60);
    const scenes = scenesOf(project);
    const calm = scenes.filter((_, i) => sections[i]!.level === 'calm');
    const peak = scenes.filter((_, i) => sections[i]!.level === 'peak');
    for (const s of calm) {
      expect(s.layers).toHaveLength(2);
      expect(s.gamma).toBe(0.75);
      expect(s.shaders.length).toBeLessThanOrEqual(2);
      expect(s.shaders.map((x) => x[0]).filter((n) => GLITCH.includes(n))).toEqual([]);
      expect(s.extras).toBeUndefined();
      expect(s.feedback).toBeUndefined();
      expect(s.layers[1]!.blend).toBe('lighten');
      expect(['xs', 'sm']).toContain(s.layers[0]!.grid);
    }
    const extra = (s: Scene) => JSON.stringify((s.extras as Array<{ shaders: unknown }>)[0]!.shaders);
    for (let i = 1; i < peak.length; i++) expect(extra(peak[i]!)).not.toBe(extra(peak[i - 1]!));
    for (const s of peak) {
      expect(s.layers).toHaveLength(3);
      expect(s.gamma).toBeLessThanOrEqual(0.65);
      expect(s.shaders).toHaveLength(3);
      expect(s.shaders.map((x) => x[0])).toContain('bloom');
      expect(s.extras).toEqual([{ when: { feature: 'bdecay', gt: 0.4 }, shaders: [[expect.stringMatching(/^(kaleidoscope|mirror_quad|rgb_split_radial)$/), expect.any(Object)]] }]);
      expect(s.feedback).toEqual(expect.objectContaining({ blend: expect.stringMatching(/screen|add/) }));
      expect(['screen', 'add']).toContain(s.layers[1]!.blend);
      expect(s.layers[0]!.grid).toBe('xs');
      expect(s.layers[1]!.grid).toBe('md');
      expect(['sm', 'lg']).toContain(s.layers[2]!.grid);
      // The background stays dim under the content (catalog 4.3: 0.10–0.25).
      expect(s.layers[0]!.opacity).toBeLessThanOrEqual(0.35);
    }
  });

  it('invents a glyph ramp for the climax (the loudest section) and uses registered ramps elsewhere', () => {
    for (const seed of [1, 2, 3]) {
      const { sections } = plan(ft, 60, seed);
      const loudest = sections.reduce((a, b) => (b.energy > a.energy ? b : a));
      const custom = loudest.palette;
      expect(registry.has('palettes', custom)).toBe(false);
      expect(custom[0]).toBe(' ');
      expect(new Set(custom).size).toBe([...custom].length);
      expect([...custom].length).toBeGreaterThanOrEqual(6);
      for (const s of sections) if (s !== loudest) expect(registry.has('palettes', s.palette)).toBe(true);
    }
  });

  it('passes validateProject with the built-in registry', () => {
    const { project } = plan(ft, 60);
    const spec = validateProject(project, registry);
    expect(spec.scenes).toHaveLength(15);
    expect(spec.durationS).toBe(60);
    expect(spec.bpm).toBe(120);
    expect(spec.seed).toBe(1);
    expect(spec.scenes[5]!.layers[2]!.kind).toBe('cells');
  });

  it('is deterministic per seed and different across seeds', () => {
    const a = JSON.stringify(autoPlan(ft, { fps: FPS, durationS: 60, registry, seed: 42 }));
    expect(JSON.stringify(autoPlan(ft, { fps: FPS, durationS: 60, registry, seed: 42 }))).toBe(a);
    const others = [43, 44, 1000].map((seed) => plan(ft, 60, seed).sections.map((s) => s.content).join());
    const mine = plan(ft, 60, 42).sections.map((s) => s.content).join();
    for (const o of others) expect(o).not.toBe(mine);
    // The cuts are the music's, not the seed's.
    expect(plan(ft, 60, 43).sections.map((s) => s.start)).toEqual(plan(ft, 60, 42).sections.map((s) => s.start));
  });

  it('writes the audio path when given and describes the plan one line per scene', () => {
    const project = autoPlan(ft, { fps: FPS, durationS: 60, registry, seed: 1, audio: 'song.mp3' });
    expect(project.audio).toBe('song.mp3');
    const lines = describePlan(project);
    expect(lines).toHaveLength(15);
    expect(lines[0]).toMatch(/^s00_calm_\w+ {2}0\.00–4\.00 s {2}\w+@(xs|sm) \+ \w+@md {2}palette \w+/);
    expect(lines[5]).toMatch(/extras (kaleidoscope|mirror_quad|rgb_split_radial) when bdecay > 0\.4/);
  });
});

describe('describePlan', () => {
  it('reads hand-written scene files too (no start times, shader names as strings or pairs)', () => {
    const raw = {
      scenes: [
        {
          name: 'plasma_rain',
          end: 3,
          layers: [{ effect: 'plasma', palette: 'default', hue: 'angle' }, { effect: 'matrix_rain', grid: 'sm', blend: 'screen' }],
          shaders: [['bloom', { thr: 130 }], 'vignette', { name: 'scanlines' }],
        },
        { name: 'rings', end: 6, gamma: 0.7, layers: [{ effect: 'fire' }, { effect: 'rings', palette: 'dots', hue: 0.3 }], extras: [{ when: { feature: 'bdecay', gt: 0.6 }, shaders: [['kaleidoscope', { folds: 6 }]] }], feedback: { transform: 'zoom' } },
      ],
    };
    expect(validateProject(raw, registry).durationS).toBe(6);
    expect(describePlan(raw)).toEqual([
      's00_plasma_rain  0.00–3.00 s  plasma + matrix_rain@sm/screen  palette default  hue angle  gamma 0.75  shaders bloom, vignette, scanlines',
      's01_rings  3.00–6.00 s  fire + rings  palette dots  hue 0.3  gamma 0.7  shaders —  extras kaleidoscope when bdecay > 0.6  feedback zoom',
    ]);
    expect(describePlan({})).toEqual([]);
  });
});

describe('levels', () => {
  it('puts a middle loudness between calm and peak (drive: screen, gamma 0.7, accent half the time)', () => {
    const ft = track({ durationS: 48, rmsAt: (t) => (t < 16 ? 0.15 : t < 32 ? 0.5 : 0.9) });
    const runs = [1, 2, 3, 4, 5, 6].map((seed) => plan(ft, 48, seed));
    for (const { sections, project } of runs) {
      expect(sections.map((s) => s.level)).toEqual([...Array(4).fill('calm'), ...Array(4).fill('drive'), ...Array(4).fill('peak')]);
      for (const s of scenesOf(project).slice(4, 8)) {
        expect(s.gamma).toBe(0.7);
        expect(s.layers[1]!.blend).toBe('screen');
        expect(s.shaders.length).toBeGreaterThanOrEqual(1);
        expect(s.shaders.length).toBeLessThanOrEqual(3);
      }
    }
    const drives = runs.flatMap(({ project }) => scenesOf(project).slice(4, 8));
    const withAccent = drives.filter((s) => s.layers.length === 3).length;
    expect(withAccent).toBeGreaterThan(0);
    expect(withAccent).toBeLessThan(drives.length);
  });

  it('gives a flat master an arc: the loudest section a peak, the quietest calm', () => {
    expect(assignLevels([1.0, 1.1, 0.9, 1.0])).toEqual(['drive', 'peak', 'calm', 'drive']);
    expect(assignLevels([1.02, 0.98, 1.0])).toEqual(['drive', 'drive', 'drive']);
    expect(assignLevels([1.1, 0.9])).toEqual(['drive', 'drive']);
    expect(assignLevels([0.5, 1.5])).toEqual(['calm', 'peak']);
  });
});

describe('cuts', () => {
  it('an energy change cuts a phrase short on its beat (6 beats, 3 s)', () => {
    const ft = track({ durationS: 40, rmsAt: (t) => (t < 15 ? 0.15 : 0.8) });
    const t = analyzeTrack(ft, FPS, 40);
    const cuts = planCuts(t);
    expect(cuts.frames.slice(0, 6)).toEqual([0, 96, 192, 288, 360, 456]);
    expect(cuts.reasons.slice(0, 5)).toEqual(['phrase', 'phrase', 'phrase', 'energy', 'phrase']);
  });

  it('counts the phrase from the first beat when the music starts late', () => {
    const ft = track({ offset: 7 });
    const scenes = scenesOf(plan(ft, 60).project);
    expect(scenes[1]!.start).toBe((7 + 8 * 12) / FPS);
    for (const s of scenes.slice(1)) expect(ft.series('beat')[Math.round(s.start * FPS)]).toBe(1);
  });

  it('groups dense beats (174 BPM) into whole 8-beat phrases of at least 3 s', () => {
    const ft = track({ bpm: 174, durationS: 40, rmsAt: () => 0.5 });
    const beats = beatFrames(ft);
    const scenes = scenesOf(plan(ft, 40).project);
    expectContiguous(scenes, 40);
    for (const s of scenes.slice(0, -1)) {
      expect(s.end - s.start).toBeGreaterThanOrEqual(3);
      expect(s.end - s.start).toBeLessThanOrEqual(16);
      const n = beats.filter((b) => b >= s.start * FPS && b < s.end * FPS).length;
      expect(n % 8).toBe(0);
    }
  });

  it('splits a beatless ambient track evenly into 3–16 s sections on frames', () => {
    const ft = track({ beats: false, rmsAt: (t) => 0.3 + 0.2 * Math.sin(t / 10) });
    const { project, sections } = plan(ft, 60);
    const scenes = scenesOf(project);
    expect(scenes.map((s) => s.start)).toEqual([0, 7.5, 15, 22.5, 30, 37.5, 45, 52.5]);
    expectContiguous(scenes, 60);
    expect(validateProject(project, registry).scenes).toHaveLength(8);
    expect(sections[0]!.level).toBe('peak');
    expect(sections[7]!.level).toBe('calm');
  });

  it('cuts a beatless track where the loudness jumps', () => {
    const ft = track({ beats: false, durationS: 30, rmsAt: (t) => (t < 11 ? 0.1 : 0.9) });
    const cuts = planCuts(analyzeTrack(ft, FPS, 30));
    expect(cuts.frames).toContain(11 * FPS);
    expect(cuts.reasons[cuts.frames.indexOf(11 * FPS) - 1]).toBe('energy');
  });

  it('bridges a 20 s break without beats with 3–16 s sections and picks the phrase up again after it', () => {
    const ft = track({ rmsAt: () => 0.5 });
    ft.series('beat').fill(0, 20 * FPS, 40 * FPS);
    const cuts = planCuts(analyzeTrack(ft, FPS, 60));
    expect(cuts.frames).toEqual([0, 96, 192, 288, 384, 468, 662, 960, 1056, 1152, 1248, 1344]);
    expect(cuts.reasons).toEqual(['phrase', 'phrase', 'phrase', 'phrase', 'beat', 'even', 'beat', 'phrase', 'phrase', 'phrase', 'phrase']);
    const ends = [...cuts.frames.slice(1), 60 * FPS];
    cuts.frames.forEach((f, i) => {
      expect((ends[i]! - f) / FPS).toBeGreaterThanOrEqual(3);
      expect((ends[i]! - f) / FPS).toBeLessThanOrEqual(16);
    });
  });

  it('keeps cuts frame-exact at a fractional frame rate (29.97)', () => {
    const fps = 29.97;
    const n = Math.round(60 * fps);
    const ft = new FeatureTable(['rms', 'beat'], n);
    ft.series('rms').fill(0.5);
    for (let k = 0; ; k++) {
      const f = Math.round((k * fps) / 2);
      if (f >= n) break;
      ft.series('beat')[f] = 1;
    }
    const project = autoPlan(ft, { fps, durationS: n / fps, registry, seed: 1 });
    const scenes = scenesOf(project);
    expect(scenes.length).toBeGreaterThanOrEqual(12);
    for (const s of scenes.slice(1)) {
      const f = Math.round(s.start * fps);
      expect(s.start).toBe(f / fps);
      expect(ft.series('beat')[f]).toBe(1);
    }
    expect(validateProject(project, registry).durationS).toBe(n / fps);
  });

  it('gives very short audio (3 s) one valid section', () => {
    const ft = track({ durationS: 3 });
    const project = autoPlan(ft, { fps: FPS, durationS: 3, registry, seed: 5 });
    expect(scenesOf(project).map((s) => [s.start, s.end])).toEqual([[0, 3]]);
    expect(validateProject(project, registry).durationS).toBe(3);
  });

  it('copes with a table without beat or rms features and shorter than the video', () => {
    const ft = new FeatureTable(['cent'], 100);
    const { project } = plan(ft, 20);
    // 20 s at the 8 s target rounds to three even sections, each starting on a frame.
    expect(scenesOf(project).map((s) => s.start)).toEqual([0, 160 / FPS, 320 / FPS]);
    expect(validateProject(project, registry).durationS).toBe(20);
  });
});

describe('on the real analyser', () => {
  it('plans a synthesized kick track (quiet, loud, quiet) with cuts on detected beats', () => {
    const sr = 22050;
    const D = 40;
    const x = new Float32Array(sr * D);
    const rng = new Rng(1);
    for (let i = 0; i < x.length; i++) {
      const t = i / sr;
      const ph = t % 0.5;
      const kick = Math.exp(-ph * 18) * Math.sin(2 * Math.PI * (50 + 80 * Math.exp(-ph * 30)) * ph);
      x[i] = (t >= 12 && t < 28 ? 1 : 0.2) * (0.6 * kick + rng.uniform(-0.02, 0.02));
    }
    const ft = analyzeAudio(x, { sampleRate: sr, fps: FPS });
    const beats = new Set(beatFrames(ft));
    expect(beats.size).toBeGreaterThan(40);
    const { project, sections } = plan(ft, D);
    const scenes = scenesOf(project);
    expectContiguous(scenes, D);
    for (const s of scenes.slice(1)) expect(beats.has(Math.round(s.start * FPS))).toBe(true);
    for (const s of scenes) expect(s.end - s.start).toBeGreaterThanOrEqual(3);
    expect(sections[0]!.level).toBe('calm');
    expect(sections[sections.length - 1]!.level).toBe('calm');
    expect(sections.some((s) => s.level === 'peak')).toBe(true);
    expect(validateProject(project, registry).durationS).toBe(D);
  });
});

describe('shader tiers', () => {
  const ft = track();
  const CHEAP = ['vignette', 'color_grade', 'grain', 'scanlines', 'contrast', 'saturation', 'hue_rotate', 'posterize'];
  const HEAVY = ['soft_focus', 'pixel_sort', 'data_bend'];

  it('minimal: at most 2 cheap shaders, no extras, no feedback', () => {
    for (const seed of [1, 2, 3]) {
      const scenes = scenesOf(plan(ft, 60, seed, 'minimal').project);
      for (const s of scenes) {
        expect(s.shaders.length).toBeGreaterThanOrEqual(1);
        expect(s.shaders.length).toBeLessThanOrEqual(2);
        for (const [name] of s.shaders) expect(CHEAP).toContain(name);
        expect(s.extras).toBeUndefined();
        expect(s.feedback).toBeUndefined();
      }
    }
  });

  it('standard leaves out heavy shaders; full allows them and up to 4 per scene', () => {
    const std = [1, 2, 3, 4, 5].flatMap((seed) => scenesOf(plan(ft, 60, seed, 'standard').project));
    expect(std.flatMap((s) => s.shaders.map((x) => x[0])).filter((n) => HEAVY.includes(n))).toEqual([]);
    const full = [1, 2, 3, 4, 5].flatMap((seed) => scenesOf(plan(ft, 60, seed, 'full').project));
    expect(Math.max(...full.map((s) => s.shaders.length))).toBe(4);
    expect(full.flatMap((s) => s.shaders.map((x) => x[0])).some((n) => HEAVY.includes(n))).toBe(true);
    for (const s of full) validateProject({ version: 1, scenes: [{ ...s, start: 0, end: 1 }] }, registry);
  });

  it('lowers gamma for posterize (catalog 4.2)', () => {
    const scenes = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((seed) => scenesOf(plan(ft, 60, seed, 'standard').project));
    const posterized = scenes.filter((s) => s.shaders.some((x) => x[0] === 'posterize'));
    expect(posterized.length).toBeGreaterThan(0);
    for (const s of posterized) expect(s.gamma).toBe(0.5);
  });
});

describe('autoPlan errors', () => {
  it.each([
    [{ fps: 0 }, 'autoPlan: fps must be a positive number, got 0'],
    [{ durationS: -1 }, 'autoPlan: durationS must be a positive number, got -1'],
    [{ seed: 1.5 }, 'autoPlan: seed must be a whole number in [0, 2^32), got 1.5'],
  ])('rejects %p', (bad, message) => {
    expect(() => autoPlan(track({ durationS: 4 }), { fps: FPS, durationS: 4, registry, seed: 1, ...bad })).toThrow(message);
  });

  it('says so when the registry has no built-in looks', () => {
    expect(() => autoPlan(track({ durationS: 4 }), { fps: FPS, durationS: 4, registry: new Registry(), seed: 1 })).toThrow('autoPlan: the registry has none of the built-in looks for "palette"');
  });
});
