import { describe, expect, it } from '@jest/globals';
import { ema, gradient, minMaxNormalize, movingAverageCentered } from './series.js';

describe('feature series operations', () => {
  it('EMA is seeded with x[0] and follows out[i] = αx[i] + (1−α)out[i−1]', () => {
    expect(Array.from(ema([10, 0, 0, 20], 0.5))).toEqual([10, 5, 2.5, 11.25]);
    const out = ema([1, 2, 3], 0.3);
    expect(out[1]).toBeCloseTo(0.3 * 2 + 0.7 * 1, 12);
    expect(out[2]).toBeCloseTo(0.3 * 3 + 0.7 * 1.3, 12);
    const inPlace = Float64Array.from([4, 8]);
    ema(inPlace, 0.25, inPlace);
    expect(Array.from(inPlace)).toEqual([4, 5]);
    expect(ema([], 0.3).length).toBe(0);
  });

  it('min-max normalization uses (a − min)/(max − min + 1e−10); a constant series maps to 0', () => {
    const n = minMaxNormalize([2, 4, 3]);
    expect(n[0]).toBe(0);
    expect(n[1]).toBeCloseTo(1, 9);
    expect(n[1]).toBeLessThan(1);
    expect(n[2]).toBeCloseTo(0.5, 9);
    expect(Array.from(minMaxNormalize([7, 7, 7]))).toEqual([0, 0, 0]);
    expect(Array.from(minMaxNormalize([0, 0]))).toEqual([0, 0]);
  });

  it('the 5-tap centred moving average pads with zeros and keeps the length (numpy mode="same")', () => {
    expect(Array.from(movingAverageCentered([0, 0, 5, 0, 0, 0, 0], 5))).toEqual([1, 1, 1, 1, 1, 0, 0]);
    expect(Array.from(movingAverageCentered([5, 5, 5, 5, 5, 5], 5))).toEqual([3, 4, 5, 5, 4, 3]);
    expect(Array.from(movingAverageCentered([10], 5))).toEqual([2]);
    const x = Float64Array.from([0, 10, 0, 0]);
    movingAverageCentered(x, 3, x);
    expect(Array.from(x).map((v) => Math.round(v * 3))).toEqual([10, 10, 10, 0]);
    expect(() => movingAverageCentered([1], 4)).toThrow('odd tap count');
  });

  it('gradient matches numpy: central inside, one-sided at the ends', () => {
    expect(Array.from(gradient([1, 2, 4, 7, 11]))).toEqual([1, 1.5, 2.5, 3.5, 4]);
    expect(Array.from(gradient([3, 1]))).toEqual([-2, -2]);
    expect(Array.from(gradient([5]))).toEqual([0]);
    const x = Float64Array.from([0, 1, 4, 9]);
    gradient(x, x);
    expect(Array.from(x)).toEqual([1, 2, 4, 5]);
  });
});
