import { describe, expect, it } from '@jest/globals';
import { createComplexFft, RealFft } from './fft.js';

/** xorshift32 in [-1, 1): deterministic data without Math.random. */
function noise(n: number, seed: number): Float64Array {
  const out = new Float64Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** Direct O(n²) DFT from an exact twiddle table (angle index j·k mod n), bins 0 … count − 1. */
function dft(re: Float64Array, im: Float64Array, count = re.length): [Float64Array, Float64Array] {
  const n = re.length;
  const c = new Float64Array(n), s = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    c[j] = Math.cos((-2 * Math.PI * j) / n);
    s[j] = Math.sin((-2 * Math.PI * j) / n);
  }
  const outRe = new Float64Array(count), outIm = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    let sr = 0, si = 0;
    for (let j = 0, t = 0; j < n; j++, t = (t + k) % n) {
      const wr = c[t] as number, wi = s[t] as number;
      sr += (re[j] as number) * wr - (im[j] as number) * wi;
      si += (re[j] as number) * wi + (im[j] as number) * wr;
    }
    outRe[k] = sr;
    outIm[k] = si;
  }
  return [outRe, outIm];
}

function maxAbsDiff(a: Float64Array, b: Float64Array, len = a.length): number {
  let m = 0;
  for (let i = 0; i < len; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

describe('FFT of any length', () => {
  // 1836 = 2²·3³·17 (24 fps), 1470 = 2·3·5·7² (30 fps), 734 = 2·367 (60 fps, Bluestein), 3674 = 2·11·167 (12 fps)
  const complexSizes = [1, 2, 3, 4, 5, 7, 8, 12, 17, 25, 64, 367, 918, 1024, 1470];
  it.each(complexSizes)('complex length %i matches a direct DFT', (n) => {
    const re = noise(n, n * 7 + 1), im = noise(n, n * 13 + 5);
    const [er, ei] = dft(re, im);
    const or = new Float64Array(n), oi = new Float64Array(n);
    createComplexFft(n).forward(re, im, or, oi);
    const tol = 1e-9 * Math.max(1, n);
    expect(maxAbsDiff(or, er)).toBeLessThan(tol);
    expect(maxAbsDiff(oi, ei)).toBeLessThan(tol);
  });

  it.each([1, 2, 7, 16, 734, 1470, 1764, 1836, 3674])('real length %i matches the DFT bins 0…n/2', (n) => {
    const x = noise(n, n + 99);
    const fft = new RealFft(n);
    const [er, ei] = dft(x, new Float64Array(n), fft.bins);
    expect(fft.bins).toBe(Math.floor(n / 2) + 1);
    const re = new Float64Array(fft.bins), im = new Float64Array(fft.bins);
    fft.forward(x, re, im);
    const tol = 1e-9 * n;
    expect(maxAbsDiff(re, er, fft.bins)).toBeLessThan(tol);
    expect(maxAbsDiff(im, ei, fft.bins)).toBeLessThan(tol);
    // a second call on the same plan gives the same bits (no state leaks between calls)
    const re2 = new Float64Array(fft.bins), im2 = new Float64Array(fft.bins);
    fft.forward(x, re2, im2);
    expect(Array.from(re2)).toEqual(Array.from(re));
  });

  it('puts a cosine of bin 17 into bin 17 only, with amplitude n/2', () => {
    const n = 1836;
    const x = new Float64Array(n).map((_, j) => Math.cos((2 * Math.PI * 17 * j) / n));
    const fft = new RealFft(n);
    const re = new Float64Array(fft.bins), im = new Float64Array(fft.bins);
    fft.forward(x, re, im);
    expect(re[17]).toBeCloseTo(n / 2, 8);
    let other = 0;
    for (let k = 0; k < fft.bins; k++) if (k !== 17) other = Math.max(other, Math.hypot(re[k] as number, im[k] as number));
    expect(other).toBeLessThan(1e-9);
  });

  it('rejects a non-positive length', () => {
    expect(() => new RealFft(0)).toThrow('FFT length must be a positive integer, got 0');
  });
});
