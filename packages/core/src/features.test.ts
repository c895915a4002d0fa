import { describe, expect, it } from '@jest/globals';
import { AUDIO_FEATURES, featureDefault, featureFrame, FeatureTable } from './features.js';

describe('features', () => {
  it('lists the 19 audio features', () => {
    expect(AUDIO_FEATURES).toHaveLength(19);
    expect(new Set(AUDIO_FEATURES).size).toBe(19);
  });

  it('defaults missing features to 0.3, beat and bdecay to 0', () => {
    expect(featureDefault('bass')).toBe(0.3);
    expect(featureDefault('beat')).toBe(0);
    expect(featureDefault('bdecay')).toBe(0);
    const f = featureFrame({ bass: 0.9 });
    expect(f.get('bass')).toBeCloseTo(0.9);
    expect(f.get('rms')).toBe(0.3);
    expect(f.get('beat')).toBe(0);
    expect(f.has('bass')).toBe(true);
    expect(f.has('rms')).toBe(false);
  });

  it('stores frames feature-major in a SharedArrayBuffer and reads them back', () => {
    const t = new FeatureTable(['rms', 'beat'], 4);
    expect(t.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    t.series('rms').set([0.1, 0.2, 0.3, 0.4]);
    t.series('beat').set([0, 1, 0, 1]);
    expect(t.frame(1).get('rms')).toBeCloseTo(0.2);
    expect(t.frame(3).get('beat')).toBe(1);
    expect(t.frame(2).get('bass')).toBe(0.3);
    // Past the end reads the last frame (a clip may round one frame longer than the audio).
    expect(t.frame(9).get('rms')).toBeCloseTo(0.4);
    expect(t.frame(9).frameIndex).toBe(9);
  });

  it('shares memory with a table rebuilt from toShared()', () => {
    const t = new FeatureTable(['rms'], 2);
    const u = FeatureTable.fromShared(t.toShared());
    t.series('rms')[1] = 0.75;
    expect(u.frame(1).get('rms')).toBe(0.75);
  });

  it('merges two tables of one length', () => {
    const a = new FeatureTable(['rms', 'beat'], 2);
    a.series('rms').set([0.1, 0.2]);
    a.series('beat').set([1, 0]);
    const b = new FeatureTable(['motion', 'beat'], 2);
    b.series('motion').set([0.5, 0.75]);
    b.series('beat').set([0, 1]);
    const m = FeatureTable.merge(a, b);
    expect(m.names).toEqual(['rms', 'beat', 'motion']);
    expect([...m.series('beat')]).toEqual([0, 1]);
    expect(m.frame(1).get('motion')).toBe(0.75);
    expect(m.frame(0).get('rms')).toBeCloseTo(0.1);
    expect(() => FeatureTable.merge(a, new FeatureTable(['x'], 3))).toThrow('tables have 2 and 3 frames');
  });

  it('rejects bad tables', () => {
    expect(() => new FeatureTable(['a', 'a'], 1)).toThrow('duplicate feature names');
    expect(() => new FeatureTable(['a'], -1)).toThrow('non-negative integer frame count');
    expect(() => new FeatureTable(['a'], 2, new SharedArrayBuffer(4))).toThrow('expected 8');
    expect(() => new FeatureTable(['a'], 2).series('b')).toThrow('Unknown feature "b"');
  });
});
