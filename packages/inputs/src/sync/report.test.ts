import { describe, expect, it } from '@jest/globals';
import { FeatureTable } from '@glyphreel/core';
import { beatTimes, brightnessJumps, frameMeans } from './beats.js';
import { syncReport } from './report.js';

describe('syncReport', () => {
  it('matches each audio beat to the nearest visual beat and reports exact drifts', () => {
    const r = syncReport([0.5, 1.0, 1.5, 2.0], [0.51, 0.98, 1.5, 2.04]);
    expect(r.matched).toBe(4);
    expect(r.unmatchedAudio).toBe(0);
    expect(r.unmatchedVisual).toBe(0);
    expect(r.pairs.map((p) => Math.round(p.driftMs * 1e6) / 1e6)).toEqual([10, -20, 0, 40]);
    expect(r.meanDriftMs).toBeCloseTo(17.5, 9);
    expect(r.meanSignedDriftMs).toBeCloseTo(7.5, 9);
    expect(r.maxDriftMs).toBeCloseTo(40, 9);
    // |drift| sorted 0, 10, 20, 40: position 0.95·3 = 2.85 → 20 + 0.85·20
    expect(r.p95DriftMs).toBeCloseTo(37, 9);
    expect(r.withinTargets).toBe(true);
  });

  it('leaves beats outside the tolerance unmatched on both sides', () => {
    const r = syncReport([1, 2, 3], [1.02, 2.2, 5], 50);
    expect(r.matched).toBe(1);
    expect(r.unmatchedAudioS).toEqual([2, 3]);
    expect(r.unmatchedVisualS).toEqual([2.2, 5]);
    expect(r.meanDriftMs).toBeCloseTo(20, 9);
    expect(r.maxDriftMs).toBeCloseTo(20, 9);
    expect(r.p95DriftMs).toBeNull(); // fewer than 2 matches
    expect(r.withinTargets).toBe(false); // 20 ms is not < 20 ms
  });

  it('is greedy: a visual beat taken by an earlier audio beat is not reused', () => {
    // 1.00 takes 1.03 (nearest); 1.04 then falls back to 0.99 (50 ms away, inside the tolerance).
    const r = syncReport([1.0, 1.04], [0.99, 1.03]);
    expect(r.pairs.map((p) => [p.audioS, p.visualS])).toEqual([
      [1.0, 0.99],
      [1.04, 1.03],
    ]);
    const g = syncReport([1.0, 1.02], [1.01]);
    expect(g.pairs.map((p) => p.audioS)).toEqual([1.0]);
    expect(g.unmatchedAudioS).toEqual([1.02]);
  });

  it('needs half the audio beats matched: tight drift on a few of them is not "in sync"', () => {
    const audio = [1, 2, 3, 4, 5, 6];
    const three = syncReport(audio, [1.01, 2.01, 3.01]);
    expect([three.matched, three.matchedShare, three.meanDriftMs! < 20, three.withinTargets]).toEqual([3, 0.5, true, true]);
    const two = syncReport(audio, [1.01, 2.01]);
    expect([two.matched, two.matchedShare, two.withinTargets]).toEqual([2, 1 / 3, false]);
  });

  it('handles empty lists', () => {
    const r = syncReport([], [0.5]);
    expect([r.matched, r.unmatchedAudio, r.unmatchedVisual, r.meanDriftMs, r.maxDriftMs, r.p95DriftMs]).toEqual([0, 0, 1, null, null, null]);
    expect(r.withinTargets).toBe(false);
  });
});

describe('beatTimes and brightness jumps', () => {
  it('reports frames whose beat exceeds the threshold at frame/fps', () => {
    const t = new FeatureTable(['beat'], 10);
    t.series('beat').set([0, 1, 0, 0.5, 0.6, 0, 0, 0, 0, 1]);
    expect(beatTimes(t, 20)).toEqual([0.05, 0.2, 0.45]);
    expect(beatTimes(t, 20, 0.55)).toEqual([0.05, 0.2, 0.45]);
    expect(beatTimes(t, 20, 0.7)).toEqual([0.05, 0.45]);
  });

  it('averages frames and flags rises above the jump', () => {
    const bytes = new Uint8Array([0, 0, 0, 0, 40, 40, 40, 40, 40, 40, 40, 41, 100, 100, 100, 100, 7]);
    const means = frameMeans(bytes, 4);
    expect(Array.from(means)).toEqual([0, 40, 40.25, 100]);
    expect(brightnessJumps(means, 30)).toEqual([1, 3]);
    expect(brightnessJumps(means, 40)).toEqual([3]);
  });
});
