import { describe, expect, it } from '@jest/globals';
import { SYNTHETIC_FEATURES, syntheticFeatures, syntheticFeatureTable } from './synthetic.js';

describe('synthetic features', () => {
  it('follows the catalog formulas', () => {
    const f = syntheticFeatures(1.25, 120); // period 0.5 s, phase 0.5
    expect(f.rms).toBeCloseTo(0.5 + 0.3 * Math.sin(0.625));
    expect(f.bass).toBeCloseTo(0.5 + 0.4 * Math.sin(2 * Math.PI * 2.5));
    expect(f.beat).toBe(0);
    expect(f.bdecay).toBe(0);
    expect(f.flat).toBe(0.4);
    expect(f.lomid).toBeUndefined();
    const onBeat = syntheticFeatures(1.0, 120);
    expect(onBeat.beat).toBe(1);
    expect(onBeat.bdecay).toBe(1);
    expect(syntheticFeatures(1.0625, 120).bdecay).toBeCloseTo(0.5); // phase 0.125
  });

  it('beats exactly at the tempo: 120 bpm at 24 fps → one beat frame every 12 frames', () => {
    const table = syntheticFeatureTable(96, 24, 120);
    const beats = [...table.series('beat')].flatMap((b, i) => (b === 1 ? [i] : []));
    expect(beats).toEqual([0, 12, 24, 36, 48, 60, 72, 84]);
    expect(table.frame(5).get('lomid')).toBe(0.3); // falls back to the default
    expect(table.names).toEqual(SYNTHETIC_FEATURES);
  });

  it('every value stays in [0,1] and t comes from the frame index', () => {
    const table = syntheticFeatureTable(24 * 60, 24, 97);
    expect(table.data.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(table.frame(1000).get('rms')).toBeCloseTo(0.5 + 0.3 * Math.sin(0.5 * (1000 / 24)), 6);
  });

  it('rejects bad arguments', () => {
    expect(() => syntheticFeatureTable(-1, 24)).toThrow('frames must be a whole number');
    expect(() => syntheticFeatureTable(10, 0)).toThrow('fps must be > 0');
    expect(() => syntheticFeatureTable(10, 24, 0)).toThrow('bpm must be > 0');
  });
});
