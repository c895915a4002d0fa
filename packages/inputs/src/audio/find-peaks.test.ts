import { describe, expect, it } from '@jest/globals';
import { findPeaks, localMaxima, peakProminences } from './find-peaks.js';

const peaks = (x: number[], o = {}) => Array.from(findPeaks(x, o).peaks);

// Expected values are SciPy 1.17 `scipy.signal.find_peaks` / `peak_prominences` outputs on the same arrays.
describe('find_peaks (SciPy semantics)', () => {
  it('height is inclusive and filters before anything else', () => {
    const x = [0, 0.1, 0, 0.5, 0, 0.14, 0, 0.16, 0];
    expect(peaks(x)).toEqual([1, 3, 5, 7]);
    expect(peaks(x, { height: 0.15 })).toEqual([3, 7]);
    expect(peaks([0, 0.15, 0], { height: 0.15 })).toEqual([1]);
  });

  it('plateaus report their middle sample, rounded down; edges are never peaks', () => {
    expect(Array.from(localMaxima([0, 1, 1, 0, 2, 2, 2, 2, 0, 3, 3, 3, 1, 1, 0]))).toEqual([1, 5, 10]);
    expect(Array.from(localMaxima([1, 1, 0, 2, 2]))).toEqual([]);
    expect(Array.from(localMaxima([3, 0, 1, 0, 3]))).toEqual([2]);
    // a plateau that runs into the end is not a peak
    expect(Array.from(localMaxima([0, 2, 2, 2]))).toEqual([]);
    expect(Array.from(localMaxima([]))).toEqual([]);
    expect(Array.from(localMaxima([1]))).toEqual([]);
  });

  it('distance keeps the higher peak and removes neighbours closer than ceil(distance)', () => {
    const x = [0, 0.5, 0, 0.9, 0, 0.6, 0, 0.2, 0, 1.0, 0, 0.95, 0];
    expect(peaks(x, { distance: 3 })).toEqual([3, 9]);
    expect(peaks(x, { distance: 2 })).toEqual([1, 3, 5, 7, 9, 11]); // exactly 2 apart is allowed
    expect(peaks(x, { distance: 1.5 })).toEqual([1, 3, 5, 7, 9, 11]); // ceil(1.5) = 2
    expect(peaks([0, 1, 0, 1, 0, 0, 0, 0], { distance: 3 })).toEqual([1]); // a tie: the earlier wins
    expect(() => findPeaks(x, { distance: 0 })).toThrow('distance must be >= 1');
  });

  it('a removed peak no longer removes others (no cascade)', () => {
    // 5 (0.9) removes 3 (0.5); 3 would have removed 1, but it is gone, so 1 (0.8) survives
    expect(peaks([0, 0.8, 0, 0.5, 0, 0.9, 0], { distance: 3 })).toEqual([1, 5]);
  });

  it('prominence: lowest point on each side up to a higher sample, the higher of the two bases', () => {
    const x = [0, 0.5, 0.45, 0.6, 0.1, 0.3, 0.28, 0.29, 0];
    const p = localMaxima(x);
    expect(Array.from(p)).toEqual([1, 3, 5, 7]);
    const prom = peakProminences(x, p);
    expect(prom[0]).toBeCloseTo(0.05, 12);
    expect(prom[1]).toBeCloseTo(0.6, 12);
    expect(prom[2]).toBeCloseTo(0.2, 12);
    expect(prom[3]).toBeCloseTo(0.01, 12);
    // 0.5 − 0.45 is 0.04999… in floating point, so it fails an inclusive 0.05 exactly as in SciPy
    expect(peaks(x, { prominence: 0.05 })).toEqual([3, 5]);
    expect(peaks(x, { height: 0.15, distance: 3, prominence: 0.05 })).toEqual([3]);
  });

  it('matches SciPy on a random array with all three conditions', () => {
    const x = [0.6, 0.9, 0.8, 0.2, 0.3, 0.9, 0.0, 0.8, 0.8, 0.5, 0.3, 0.3, 0.3, 0.4, 0.5, 0.6, 1.0, 0.8, 0.6, 1.0, 0.2, 0.2,
      0.6, 0.0, 0.0, 0.5, 0.5, 0.9, 0.6, 0.5, 0.5, 0.2, 0.0, 0.2, 0.7, 0.2, 0.4, 0.0, 0.8, 0.2, 0.3, 0.9, 0.5, 0.8, 0.6, 0.7,
      0.1, 0.5, 0.5, 0.9, 0.4, 0.6, 0.1, 0.4, 0.3, 0.2, 0.8, 0.4, 1.0, 0.6, 0.6, 0.6, 0.7, 0.2, 0.4, 0.2, 0.4, 0.1, 1.0, 0.2,
      0.7, 0.3, 0.9, 0.7, 0.1, 0.8, 0.9, 0.9, 0.6, 0.1];
    expect(peaks(x, { height: 0.15, distance: 4, prominence: 0.05 })).toEqual([1, 5, 16, 22, 27, 34, 41, 45, 49, 53, 58, 62, 68, 72, 76]);
    expect(peaks(x, { prominence: 0.3 })).toEqual([1, 5, 7, 16, 19, 22, 27, 34, 38, 41, 43, 49, 56, 58, 68, 70, 72, 76]);
  });
});
