import { describe, expect, it } from '@jest/globals';
import { Registry } from '@glyphreel/core';
import { effectsPlugin } from '../plugin.js';
import { hueFields, transforms, valueEffects } from './index.js';

describe('effects plugin registration (fields)', () => {
  const reg = new Registry().register(effectsPlugin, { builtin: true });

  it('lists every value field, hue field and transform with its schema', () => {
    const effects = new Set(reg.names('effects'));
    for (const d of valueEffects) expect(effects.has(d.name)).toBe(true);
    expect(reg.names('hues')).toEqual(hueFields.map((h) => h.name));
    expect(reg.names('transforms')).toEqual(['rotate', 'scale', 'skew', 'tile', 'polar', 'cartesian_from_polar', 'twist', 'fisheye', 'wave', 'mobius']);
    expect(transforms).toHaveLength(10);
    const fbm = reg.get('effects', 'effects/fbm');
    expect((fbm.def as { params: Record<string, { default: unknown }> }).params.octaves!.default).toBe(5);
  });

  it('fills reference defaults and validates parameters by name', () => {
    const { params } = reg.resolve('effects', 'reaction_diffusion', {});
    expect(params).toMatchObject({ feed: 0.055, kill: 0.062, da: 1, db: 0.5, dt: 1, steps_per_frame: 8, init_mode: 'spots' });
    expect(reg.resolve('effects', 'voronoi', { mode: 'edge' }).params).toMatchObject({ n_cells: 20, edge_width: 1.5, seed: 42 });
    expect(() => reg.resolve('effects', 'fbm', { octaves: 99 })).toThrow(/effects\/fbm.*"octaves" = 99.*\[1, 10\]/);
    expect(() => reg.resolve('effects', 'voronoi', { mode: 'cells' })).toThrow(/"mode".*one of distance, edge, cell_id/);
    expect(() => reg.resolve('hues', 'oklch_angle', { chroma: 2 })).toThrow(/"chroma"/);
    expect(() => reg.resolve('transforms', 'tile', { nx: 0 })).toThrow(/"nx"/);
    expect(() => reg.resolve('effects', 'game_of_life', { rule: 'seeds' })).toThrow(/life, coral, maze, anneal, day_night/);
    expect(() => reg.resolve('effects', 'sequence', { fields: ['plasma', 'nope'] })).toThrow(/fields\[1\]/);
    expect(() => reg.resolve('effects', 'plasma', { speed: 1 })).toThrow(/unknown parameter "speed"/);
  });
});
