import { describe, expect, test } from '@jest/globals';
import { createFrame, hsvToRgbInto, rgbToHsv, type RgbFrame } from '@glyphreel/core';
import { builtinShaderRegistry, createShaderContext } from './index.js';

function frameOf(w: number, h: number, fn: (x: number, y: number) => [number, number, number]): RgbFrame {
  const f = createFrame(w, h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) f.data.set(fn(x, y), (y * w + x) * 3);
  return f;
}
const px = (f: RgbFrame, x: number, y: number) => [...f.data.subarray((y * f.width + x) * 3, (y * f.width + x) * 3 + 3)];
const pattern = (x: number, y: number): [number, number, number] => [(x * 7 + y * 3) & 255, (x * 13 + y * 29) & 255, (x * y + 5) & 255];
/** Every byte value 0..255 in every channel (a 16×16 gradient, channels offset). */
const gradient = () => frameOf(16, 16, (x, y) => [y * 16 + x, (y * 16 + x + 85) & 255, (y * 16 + x + 170) & 255]);

function run(name: string, frame: RgbFrame, params: Record<string, unknown> = {}, t = 0): RgbFrame {
  const { entry, params: p } = builtinShaderRegistry().resolve('shaders', name, params);
  (entry.def as { apply: (f: RgbFrame, p: unknown, c: unknown) => void }).apply(frame, p, createShaderContext({ t }));
  return frame;
}

describe('channel shaders', () => {
  test('chromatic shifts red right and blue left by amt px, green stays, vacated columns keep their value', () => {
    const f = frameOf(12, 3, pattern);
    const o = frameOf(12, 3, pattern);
    run('chromatic', f, { amt: 3.7 });
    for (let y = 0; y < 3; y++) {
      for (let x = 0; x < 12; x++) {
        const [r, g, b] = px(f, x, y);
        expect(r).toBe(px(o, x >= 3 ? x - 3 : x, y)[0]);
        expect(g).toBe(px(o, x, y)[1]);
        expect(b).toBe(px(o, x < 9 ? x + 3 : x, y)[2]);
      }
    }
    const g = frameOf(12, 3, pattern);
    run('chromatic', g, { amt: 0.9 });
    expect(g.data).toEqual(o.data);
  });
  test('channel_shift rolls each channel independently with wrap-around', () => {
    const f = frameOf(7, 5, pattern);
    const o = frameOf(7, 5, pattern);
    run('channel_shift', f, { r: [2, 0], g: [0, -1], b: [-3, 2] });
    const m = (v: number, n: number) => ((v % n) + n) % n;
    for (let y = 0; y < 5; y++) {
      for (let x = 0; x < 7; x++) {
        expect(px(f, x, y)).toEqual([px(o, m(x - 2, 7), y)[0], px(o, x, m(y + 1, 5))[1], px(o, m(x + 3, 7), m(y - 2, 5))[2]]);
      }
    }
  });
  test('channel_swap (2,1,0) swaps R and B exactly', () => {
    const f = frameOf(9, 4, pattern);
    const o = frameOf(9, 4, pattern);
    run('channel_swap', f);
    for (let i = 0; i < f.data.length; i += 3) {
      expect([f.data[i], f.data[i + 1], f.data[i + 2]]).toEqual([o.data[i + 2], o.data[i + 1], o.data[i]]);
    }
    run('channel_swap', f, { order: [1, 1, 1] });
    expect(px(f, 3, 2)).toEqual([px(o, 3, 2)[1], px(o, 3, 2)[1], px(o, 3, 2)[1]]);
  });
  test('rgb_split_radial leaves green and the centre alone and pulls red from outward', () => {
    const f = frameOf(41, 31, pattern);
    const o = frameOf(41, 31, pattern);
    run('rgb_split_radial', f, { strength: 8 });
    for (let i = 1; i < f.data.length; i += 3) expect(f.data[i]).toBe(o.data[i]);
    expect(px(f, 20, 15)).toEqual(px(o, 20, 15));
    // Corner (0,0): dist = maxdist, offset = trunc(−20/26·8·…) → red from the clamped corner, blue from inward.
    const d = Math.hypot(20, 15);
    const dx = Math.trunc((-20 / (d + 1)) * 8);
    const dy = Math.trunc((-15 / (d + 1)) * 8);
    expect(px(f, 0, 0)[0]).toBe(px(o, 0, 0)[0]);
    expect(px(f, 0, 0)[2]).toBe(px(o, -dx, -dy)[2]);
  });
});

describe('colour shaders', () => {
  test('invert is 255 − c and twice is the identity (also on an unaligned view)', () => {
    const f = gradient();
    const o = gradient();
    run('invert', f);
    for (let i = 0; i < f.data.length; i++) expect(f.data[i]).toBe(255 - o.data[i]!);
    run('invert', f);
    expect(f.data).toEqual(o.data);
    const buf = new Uint8Array(1 + 5 * 3 * 3);
    buf.set([10, 20, 30], 1);
    const view: RgbFrame = { width: 5, height: 3, data: buf.subarray(1) };
    run('invert', view);
    expect([...view.data.subarray(0, 4)]).toEqual([245, 235, 225, 255]);
  });
  test('posterize leaves exactly `levels` distinct values per channel on a full gradient, steps of 256/levels', () => {
    for (const levels of [2, 3, 4, 7]) {
      const f = run('posterize', gradient(), { levels });
      const values = new Set<number>();
      for (let i = 0; i < f.data.length; i += 3) values.add(f.data[i]!);
      expect(values.size).toBe(levels);
      const step = 256 / levels;
      expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: levels }, (_, k) => Math.trunc(k * step)));
    }
  });
  test('threshold outputs only 0 and 255, white exactly where the channel mean exceeds thr', () => {
    const f = frameOf(16, 16, pattern);
    const o = frameOf(16, 16, pattern);
    run('threshold', f, { thr: 100 });
    for (let i = 0; i < f.data.length; i += 3) {
      const want = (o.data[i]! + o.data[i + 1]! + o.data[i + 2]!) / 3 > 100 ? 255 : 0;
      expect([f.data[i], f.data[i + 1], f.data[i + 2]]).toEqual([want, want, want]);
    }
  });
  test('solarize inverts each channel above the threshold independently', () => {
    const f = frameOf(1, 1, () => [200, 100, 129]);
    run('solarize', f, { threshold: 128 });
    expect([...f.data]).toEqual([55, 100, 126]);
  });
  test('hue_rotate matches core rgbToHsv/hsvToRgbInto exactly; a full turn is the identity within 1', () => {
    const f = frameOf(64, 32, pattern);
    const o = frameOf(64, 32, pattern);
    run('hue_rotate', f, { amount: 0.37 });
    const out = [0, 0, 0];
    for (let i = 0; i < f.data.length; i += 3) {
      const [h, s, v] = rgbToHsv(o.data[i]!, o.data[i + 1]!, o.data[i + 2]!);
      hsvToRgbInto(h + 0.37, s, v, out);
      expect([f.data[i], f.data[i + 1], f.data[i + 2]]).toEqual(out);
    }
    const g = frameOf(64, 32, pattern);
    run('hue_rotate', g, { amount: 1 });
    for (let i = 0; i < g.data.length; i++) expect(Math.abs(g.data[i]! - o.data[i]!)).toBeLessThanOrEqual(1);
  });
  test('saturation matches core HSV with s×factor clamped; factor 0 gives grey', () => {
    const f = frameOf(32, 16, pattern);
    const o = frameOf(32, 16, pattern);
    run('saturation', f, { factor: 1.8 });
    const out = [0, 0, 0];
    for (let i = 0; i < f.data.length; i += 3) {
      const [h, s, v] = rgbToHsv(o.data[i]!, o.data[i + 1]!, o.data[i + 2]!);
      hsvToRgbInto(h, Math.min(1, s * 1.8), v, out);
      expect([f.data[i], f.data[i + 1], f.data[i + 2]]).toEqual(out);
    }
    const g = run('saturation', frameOf(4, 4, pattern), { factor: 0 });
    for (let i = 0; i < g.data.length; i += 3) expect(new Set(g.data.subarray(i, i + 3)).size).toBe(1);
  });
  test('color_grade multiplies per channel and clamps', () => {
    const f = gradient();
    const o = gradient();
    run('color_grade', f, { tint: [1.15, 1, 0.85] });
    for (let i = 0; i < f.data.length; i += 3) {
      expect(f.data[i]).toBe(Math.min(255, Math.trunc(o.data[i]! * 1.15)));
      expect(f.data[i + 1]).toBe(o.data[i + 1]);
      expect(f.data[i + 2]).toBe(Math.trunc(o.data[i + 2]! * 0.85));
    }
  });
  test('color_wobble multiplies the channels by 1 + amt·sin(5t + φ)', () => {
    const f = gradient();
    const o = gradient();
    const t = 0.9;
    run('color_wobble', f, { amt: 0.4 }, t);
    const k = [0, 2.09, 4.19].map((phi) => 1 + 0.4 * Math.sin(5 * t + phi));
    for (let i = 0; i < f.data.length; i++) {
      expect(f.data[i]).toBe(Math.max(0, Math.min(255, Math.trunc(o.data[i]! * k[i % 3]!))));
    }
  });
  test('color_ramp maps the channel mean through evenly spaced stops', () => {
    const f = frameOf(3, 1, (x) => [[0, 0, 0], [128, 127, 127], [255, 255, 255]][x] as [number, number, number]);
    run('color_ramp', f, { ramp: [[0, 0, 0], [255, 0, 0], '#ffff00'] });
    expect(px(f, 0, 0)).toEqual([0, 0, 0]);
    // mean 127.33/255 → idx 0.9987 → between black and red
    expect(px(f, 1, 0)).toEqual([Math.trunc(255 * ((127 + 1 / 3) / 255) * 2), 0, 0]);
    // top end clamped at n − 1.001: 0.999 of the way from red to yellow
    expect(px(f, 2, 0)).toEqual([255, Math.trunc(255 * 0.999), 0]);
    // Word-aligned frames go through the packed path: same formula for every pixel.
    const ramp = [[10, 20, 30], [200, 100, 0], [0, 255, 255], [255, 255, 255]] as const;
    const g = run('color_ramp', frameOf(16, 16, pattern), { ramp });
    const o = frameOf(16, 16, pattern);
    for (let i = 0; i < g.data.length; i += 3) {
      const idx = Math.min(((o.data[i]! + o.data[i + 1]! + o.data[i + 2]!) / 3 / 255) * 3, 4 - 1.001); // n = 4 stops: idx = gray·(n − 1), at most n − 1.001
      const lo = Math.floor(idx);
      const fr = idx - lo;
      const want = [0, 1, 2].map((c) => Math.trunc(ramp[lo]![c]! * (1 - fr) + ramp[lo + 1]![c]! * fr));
      expect([g.data[i], g.data[i + 1], g.data[i + 2]]).toEqual(want);
    }
  });
});
