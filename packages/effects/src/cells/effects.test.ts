import { describe, expect, it } from '@jest/globals';
import { isGlyphreelError, Registry, type CellEffectDef } from '@glyphreel/core';
import { effectsPlugin } from '../plugin.js';
import { EffectRunner, guardedLayer, nonBlank, testGrid } from '../test-utils/cells-harness.js';
import { cellEffects, characterEffects, particleSystems, POST_PROCESS_EFFECTS } from './index.js';

const LOUD = { rms: 0.8, bass: 0.8, sub: 0.7, sub_r: 0.6, mid: 0.6, hi: 0.5, himid_r: 0.5, flux: 0.6, beat: 1, bdecay: 0.8 };

describe('every character effect', () => {
  const { grid, glyphOf } = testGrid(24, 70);
  for (const def of characterEffects as CellEffectDef<any>[]) {
    it(`${def.name}: valid glyphs, same seed → same bytes`, () => {
      const runs = [7, 7, 8].map((seed) => new EffectRunner(def, grid, {}, { seed, features: (f) => ({ ...LOUD, beat: f % 3 === 0 ? 1 : 0 }) }));
      // Post-processes need something to work on: give every run the same starting content each frame.
      const seedContent = (run: EffectRunner) => {
        const ids = grid.glyphIds('#*+');
        for (let i = 0; i < run.layer.glyphs.length; i += 5) {
          run.layer.glyphs[i] = ids[i % 3]!;
          run.layer.colors[i * 3] = 200;
        }
      };
      const post = POST_PROCESS_EFFECTS.includes(def.name);
      const layers = runs.map((run) => {
        for (let f = 0; f < 6; f++) {
          run.layer.glyphs.fill(0);
          run.layer.colors.fill(0);
          if (post) seedContent(run);
          run.frame(f, true);
        }
        return run.layer;
      });
      const [a, b, c] = layers as [typeof layers[0], typeof layers[0], typeof layers[0]];
      expect(nonBlank(a)).toBeGreaterThan(0);
      for (let i = 0; i < a.glyphs.length; i++) {
        const id = a.glyphs[i]!;
        if (id !== 0) expect(glyphOf(id)).not.toBe('\uFFFD');
      }
      expect(Buffer.from(a.glyphs.buffer).equals(Buffer.from(b.glyphs.buffer))).toBe(true);
      expect(Buffer.from(a.colors).equals(Buffer.from(b.colors))).toBe(true);
      const random = ['glitch_displace', 'block_corrupt', 'scanbars', 'shake', 'hex_stream', 'matrix_rain', 'beat_words', 'error_messages'];
      if (random.includes(def.name)) {
        const same = Buffer.from(a.glyphs.buffer).equals(Buffer.from(c.glyphs.buffer)) && Buffer.from(a.colors).equals(Buffer.from(c.colors));
        expect(same).toBe(false);
      }
    });
  }
});

describe('every cell effect stays inside the grid', () => {
  // Pushy parameters: fast, large, long-trailed, wide text, so edges and corners get hit.
  const PUSH: Record<string, Record<string, unknown>> = {
    explosion: { speed_max: 40, trail: 8, scatter: 1 },
    embers: { drift: 10, trail: 8 },
    dissolve: { drift: 5, rise_max: 5, trail: 8 },
    starfield: { speed: 0.2, streak_len: 16, streak_above: 0, trail: 8 },
    orbit: { radius: 6, radius_jitter: 6, count: 200, trail: 8 },
    gravity_well: { max_speed: 50, trail: 8 },
    boids: { max_speed: 20, trail: 8 },
    flow: { speed: 20, trail: 8 },
    trails: { speed: 20, max_trail: 32 },
    matrix_rain: { trail_max: 255, speed_base: 10 },
    fire: { n_base: 1000 },
    spectrum: { n_bars: 1024, mirror: false, gain: 10 },
    waveform: { row_offset: 20, amp: 100 },
    ticker: { row: -1, text: 'A VERY LONG TICKER LINE THAT IS WIDER THAN THE WHOLE GRID' },
    beat_words: { spread: 6, words: ['A WORD MUCH WIDER THAN THE SMALL TEST GRID IS'] },
    fading_messages: { row_center: 1, messages: ['supercalifragilisticexpialidocious and more words'] },
    hex_stream: { min_len: 1000, max_len: 1000, count: 50 },
    error_messages: { per_beat: 16, max_active: 16 },
    glitch_displace: { intensity: 10 },
    block_corrupt: { count_base: 500 },
    scanbars: { n_base: 100 },
    shake: { x_amp: 200, y_amp: 200 },
  };
  it('the guard sees writes a typed array would drop', () => {
    const g = guardedLayer(2, 3);
    g.layer.glyphs[6] = 1;
    g.layer.colors[-1] = 2;
    g.layer.glyphs[5] = 3;
    g.layer.colors.fill(9);
    expect(g.strayWrites()).toEqual(['glyphs[6] = 1', 'colors[-1] = 2']);
    expect(g.layer.glyphs[5]).toBe(3);
    expect(g.layer.colors[17]).toBe(9);
  });

  for (const def of cellEffects as CellEffectDef<any>[]) {
    it(`${def.name} writes no cell outside its layer`, () => {
      const { grid } = testGrid(9, 23);
      const guarded = guardedLayer(9, 23);
      const run = new EffectRunner(def, grid, PUSH[def.name] ?? {}, { layer: guarded.layer, features: (f) => ({ ...LOUD, beat: f % 2 }), particlesMax: 3000 });
      const post = POST_PROCESS_EFFECTS.includes(def.name);
      const content = grid.glyphIds('#');
      for (let f = 0; f < 20; f++) {
        if (post) for (let i = 0; i < guarded.layer.glyphs.length; i += 2) guarded.layer.glyphs[i] = content[0]!;
        run.frame(f, post);
      }
      expect(nonBlank(guarded.layer)).toBeGreaterThan(0);
      expect(guarded.strayWrites()).toEqual([]);
    });
  }
});

describe('registry', () => {
  it('registers the cell effects with schemas: 9 particle systems and the character effects', () => {
    const reg = new Registry().register(effectsPlugin, { builtin: true });
    const cells = reg.list('effects').filter((e) => (e.def as { kind: string }).kind === 'cells').map((e) => e.name);
    const particles = ['explosion', 'embers', 'dissolve', 'starfield', 'orbit', 'gravity_well', 'boids', 'flow', 'trails'];
    const characters = [
      'matrix_rain', 'fire', 'fire_ice', 'spectrum', 'waveform', 'glitch_displace', 'block_corrupt', 'scanbars',
      'ticker', 'beat_words', 'fading_messages', 'shake', 'hex_stream', 'error_messages',
    ];
    expect(particleSystems.map((d) => d.name).sort()).toEqual([...particles].sort());
    for (const name of [...particles, ...characters]) expect(cells).toContain(name);
    expect(cellEffects.length).toBe(particles.length + characters.length);
    for (const name of [...particles, ...characters]) {
      const { params } = reg.resolve('effects', name, {});
      expect(Object.keys(params).length).toBeGreaterThan(0);
    }
    expect(reg.resolve('effects', 'boids', {}).params).toMatchObject({ n_boids: 200, perception: 8, max_speed: 2, seed: 42 });
    expect(reg.resolve('effects', 'matrix_rain', {}).params).toMatchObject({ hue: 0.33, bri: 0.6, speed_base: 0.5, speed_beat: 3, trail_min: 8, trail_max: 40 });
  });

  it('rejects out-of-range parameters with the entry and range in the message', () => {
    const reg = new Registry().register(effectsPlugin, { builtin: true });
    let err: unknown;
    try {
      reg.resolve('effects', 'explosion', { decay: 5 });
    } catch (e) {
      err = e;
    }
    expect(isGlyphreelError(err)).toBe(true);
    expect((err as Error).message).toBe('effects/explosion (effect): parameter "decay" = 5 is invalid; expected a number in [0.001, 1]');
  });
});
