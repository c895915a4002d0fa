import { describe, expect, it } from '@jest/globals';
import { createFrame, Rng, type RgbFrame } from '@glyphreel/core';
import { createSimdFrame } from '../shaders/internal/simd/frame.js';
import { histogramPercentile, tonemap, tonemapRange, tonemapTable, tonemapTableFromHistogram } from './tonemap.js';

/** numpy.percentile(x, q·100) with the default linear interpolation, on a sorted copy. */
function npPercentile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const k = Math.floor(pos);
  const f = pos - k;
  return k + 1 < s.length ? (s[k] as number) + ((s[k + 1] as number) - (s[k] as number)) * f : (s[k] as number);
}

function subsample(frame: RgbFrame): number[] {
  const out: number[] = [];
  for (let y = 0; y < frame.height; y += 4) {
    for (let x = 0; x < frame.width; x += 4) {
      const p = (y * frame.width + x) * 3;
      out.push(frame.data[p] as number, frame.data[p + 1] as number, frame.data[p + 2] as number);
    }
  }
  return out;
}

function randomFrame(w: number, h: number, seed: number, lo = 0, hi = 255): RgbFrame {
  const f = createFrame(w, h);
  const r = new Rng(seed);
  for (let i = 0; i < f.data.length; i++) f.data[i] = r.int(lo, hi);
  return f;
}

describe('tonemap', () => {
  it('reads the same percentiles from the histogram as a sort-based numpy reference', () => {
    for (let seed = 1; seed <= 8; seed++) {
      // Skewed, narrow and wide value ranges, sizes not multiples of 4.
      const f = randomFrame(37 + seed * 5, 23 + seed * 3, seed, seed * 10, 255 - seed * 20);
      if (seed % 2 === 0) for (let i = 0; i < f.data.length; i += 2) f.data[i] = (f.data[i] as number) >> 2;
      const sub = subsample(f);
      const { lo, hi, samples } = tonemapRange(f);
      expect(samples).toBe(sub.length);
      const refLo = npPercentile(sub, 0.01);
      const refHi = npPercentile(sub, 0.995);
      expect(lo).toBeCloseTo(refLo, 9);
      expect(hi).toBeCloseTo(Math.max(refHi, refHi - refLo < 10 ? refLo + 10 : refHi), 9);
    }
    const h = new Float64Array(256);
    h[3] = 1;
    h[10] = 2;
    h[200] = 1; // sorted: 3, 10, 10, 200
    expect(histogramPercentile(h, 4, 0.5)).toBe(10);
    expect(histogramPercentile(h, 4, 0.9)).toBeCloseTo(10 + 190 * 0.7, 12);
    expect(histogramPercentile(h, 4, 0)).toBe(3);
    expect(histogramPercentile(h, 4, 1)).toBe(200);
  });

  it('maps a random frame onto exactly [2, 253]', () => {
    const f = randomFrame(96, 64, 42);
    tonemap(f);
    let mn = 255;
    let mx = 0;
    for (const v of f.data) {
      mn = Math.min(mn, v);
      mx = Math.max(mx, v);
    }
    expect(mn).toBe(2);
    expect(mx).toBe(253);
  });

  it('handles a flat frame without NaN: every byte goes to the black point', () => {
    const f = createFrame(33, 17);
    f.data.fill(77);
    expect(tonemapRange(f)).toEqual({ lo: 77, hi: 87, samples: 9 * 5 * 3 });
    tonemap(f);
    expect(f.data.every((v) => v === 2)).toBe(true);
    const black = createFrame(8, 8);
    tonemap(black);
    expect(black.data.every((v) => v === 2)).toBe(true);
  });

  it('is monotonic and applies the gamma curve per byte', () => {
    const f = randomFrame(64, 64, 9, 30, 180);
    const copy = new Uint8Array(f.data);
    const { lo, hi } = tonemapRange(f);
    tonemap(f, { gamma: 0.5 });
    const table = tonemapTable(lo, hi, 0.5, 2, 253);
    for (let v = 1; v < 256; v++) expect(table[v]).toBeGreaterThanOrEqual(table[v - 1] as number);
    for (let i = 0; i < copy.length; i += 97) {
      const v = copy[i] as number;
      const x = Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
      expect(f.data[i]).toBe(Math.floor(2 + Math.pow(x, 0.5) * 251));
    }
    // Gamma < 1 lifts the middle: the same mid value maps higher with 0.5 than with 1.
    const mid = Math.round((lo + hi) / 2);
    expect(tonemapTable(lo, hi, 0.5, 2, 253)[mid]).toBeGreaterThan(tonemapTable(lo, hi, 1, 2, 253)[mid] as number);
  });

  it('works on a frame whose buffer is an odd-offset view (byte path)', () => {
    const w = 80;
    const h = 60;
    const backing = new Uint8Array(w * h * 3 + 1);
    const view = backing.subarray(1);
    const r = new Rng(5);
    for (let i = 0; i < view.length; i++) view[i] = r.int(0, 255);
    const aligned = { width: w, height: h, data: new Uint8Array(view) };
    tonemap({ width: w, height: h, data: view });
    tonemap(aligned);
    expect(Buffer.from(view).equals(Buffer.from(aligned.data))).toBe(true);
  });

  it.each([
    ['a random frame, default options', 97, 61, 3, 0, 255, {}],
    ['a dark narrow frame (the minimum range applies), gamma 0.5', 64, 48, 4, 0, 6, { gamma: 0.5 }],
    ['other black and white points', 40, 30, 5, 30, 200, { gamma: 1.3, blackPoint: 10, whitePoint: 240 }],
  ] as const)('the table from a known histogram is the one tonemap applies: %s', (_name, w, h, seed, lo, hi, options) => {
    const f = randomFrame(w, h, seed, lo, hi);
    const values = subsample(f);
    const hist = new Int32Array(256);
    for (const v of values) hist[v]!++;
    const table = tonemapTableFromHistogram(hist, values.length, options);
    const want = f.data.map((v) => table[v]!);
    tonemap(f, options);
    expect(Buffer.from(f.data).equals(Buffer.from(want))).toBe(true);
  });

  /** A black frame with `cells` 8×12 "glyphs" (a cross of 2-pixel strokes) in colour `rgb`, spread over the frame. */
  function sparseCells(w: number, h: number, cells: number, rgb: readonly [number, number, number], simd = false): RgbFrame {
    const f = simd ? createSimdFrame(w, h) : createFrame(w, h);
    f.data.fill(0);
    for (let c = 0; c < cells; c++) {
      const x0 = 8 + ((c * 37) % Math.max(1, w - 16));
      const y0 = 12 * (1 + ((c * 5) % Math.max(1, Math.floor(h / 12) - 2)));
      for (let dy = 0; dy < 12; dy++) {
        for (let dx = 0; dx < 8; dx++) {
          if (!(dx === 3 || dx === 4 || dy === 5 || dy === 6)) continue;
          const p = ((y0 + dy) * w + x0 + dx) * 3;
          f.data[p] = rgb[0];
          f.data[p + 1] = rgb[1];
          f.data[p + 2] = rgb[2];
        }
      }
    }
    return f;
  }

  it.each([false, true])('keeps the hue of a few bright cells on black instead of blowing them to white (simd frame: %s)', (simd) => {
    // hex_stream's green at 2.05 s: under 0.5 % of the samples are lit, so both percentiles are 0. The catalog's
    // fallback range (0, 10) mapped (0, 160, 80) to (2, 253, 253): cyan-white.
    const f = sparseCells(320, 180, 6, [0, 160, 80], simd);
    const { lo, hi, samples } = tonemapRange(f);
    const sub = subsample(f);
    expect(npPercentile(sub, 0.995)).toBe(0); // the catalog's range would be (0, 10)
    expect(lo).toBe(0);
    expect(hi).toBe(160);
    expect(samples).toBe(sub.length);
    tonemap(f);
    let lit = 0;
    for (let p = 0; p < f.data.length; p += 3) {
      const [r, g, b] = [f.data[p]!, f.data[p + 1]!, f.data[p + 2]!];
      if (g <= 2) continue;
      lit++;
      expect([r, g, b]).toEqual([2, 253, 2 + Math.floor(Math.pow(0.5, 0.75) * 251)]); // (2, 253, 151)
      expect(g - r).toBeGreaterThan(100);
      expect(g - b).toBeGreaterThan(80);
    }
    expect(lit).toBe(6 * 36);
  });

  it('leaves frames with 10 % or more lit samples exactly as the catalog maps them', () => {
    for (const [fraction, seed] of [[0.12, 1], [0.3, 2], [1, 3]] as const) {
      const f = createFrame(160, 96);
      const r = new Rng(seed);
      for (let p = 0; p < f.data.length; p += 3) {
        if (r.next() >= fraction) continue;
        f.data[p] = r.int(1, 255);
        f.data[p + 1] = r.int(1, 255);
        f.data[p + 2] = r.int(1, 255);
      }
      const sub = subsample(f);
      const refLo = npPercentile(sub, 0.01);
      let refHi = npPercentile(sub, 0.995);
      if (refHi - refLo < 10) refHi = Math.max(refHi, refLo + 10);
      const { lo, hi } = tonemapRange(f);
      expect(lo).toBe(refLo);
      expect(hi).toBeCloseTo(refHi, 9);
    }
  });

  it('still stretches a dim sparse frame (tonemap’s purpose), clipping at most 5 % of its lit samples', () => {
    const f = sparseCells(320, 180, 6, [0, 30, 15]);
    tonemap(f);
    const p = f.data.findIndex((v, i) => i % 3 === 1 && v > 2) - 1;
    expect([f.data[p], f.data[p + 1], f.data[p + 2]]).toEqual([2, 253, 151]);
  });

  it('rejects a non-positive gamma and inverted points', () => {
    const f = createFrame(4, 4);
    expect(() => tonemapTableFromHistogram(new Int32Array(256), 0, { gamma: -1 })).toThrow('gamma -1 is invalid');
    expect(() => tonemap(f, { gamma: 0 })).toThrow('gamma 0 is invalid');
    expect(() => tonemap(f, { blackPoint: 200, whitePoint: 100 })).toThrow('black/white points 200/100');
  });
});
