import { describe, expect, it } from '@jest/globals';
import { validateParams } from '@glyphreel/core';
import { shaderDefs } from '../../shaders/defs.js';
import { FEEDBACK_PRESETS } from '../feedback/presets.js';
import { MOODS, moodSteps } from './moods.js';
import { TINTS, tintParams } from './tints.js';

describe('tints', () => {
  it('holds the 11 reference tints plus neutral as color_grade parameters', () => {
    expect(Object.keys(TINTS)).toHaveLength(12);
    expect(tintParams('amber')).toEqual({ tint: [1.2, 0.9, 0.6] });
    expect(tintParams('neutral')).toEqual({ tint: [1, 1, 1] });
    const p = tintParams('ice');
    p.tint[0] = 9;
    expect(TINTS.ice[0]).toBe(0.8);
    expect(() => tintParams('teal')).toThrow('Unknown tint preset "teal"');
    expect(() => tintParams('toString')).toThrow('Unknown tint preset');
  });
});

describe('moods', () => {
  it('holds the nine moods of catalog 3.5 as shader steps', () => {
    expect(Object.keys(MOODS)).toEqual([
      'retro_terminal', 'clean_modern', 'glitch_art', 'cinematic', 'dreamy', 'harsh_industrial', 'psychedelic',
      'data_corruption', 'recursive_infinite',
    ]);
    expect(moodSteps('harsh_industrial').map(([n]) => n)).toEqual(['contrast', 'grain', 'scanlines']);
    expect(moodSteps('harsh_industrial').some(([n]) => n === 'bloom')).toBe(false);
    const copy = moodSteps('cinematic');
    copy.pop();
    expect(moodSteps('cinematic')).toHaveLength(4);
    expect(() => moodSteps('noir')).toThrow('Unknown mood "noir"');
  });

  it('names only registered shaders with parameters their schemas accept, and existing feedback presets', () => {
    const byName = new Map(shaderDefs.map((d) => [d.name, d]));
    for (const [mood, def] of Object.entries(MOODS)) {
      for (const [name, params] of def.steps) {
        const shader = byName.get(name);
        expect([mood, name, shader !== undefined]).toEqual([mood, name, true]);
        expect(() => validateParams(shader!.params, params, { plugin: 'shaders', kind: 'shader', entry: name })).not.toThrow();
      }
      if ('feedback' in def) expect(Object.keys(FEEDBACK_PRESETS)).toContain(def.feedback);
    }
  });
});
