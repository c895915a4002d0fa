import { describe, expect, test } from '@jest/globals';
import { createFrame, featureFrame, Rng, type RgbFrame } from '@glyphreel/core';
import { builtinShaderRegistry, createShaderContext } from './index.js';

function frameOf(w: number, h: number, fn: (x: number, y: number) => [number, number, number]): RgbFrame {
  const f = createFrame(w, h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) f.data.set(fn(x, y), (y * w + x) * 3);
  return f;
}
const px = (f: RgbFrame, x: number, y: number) => [...f.data.subarray((y * f.width + x) * 3, (y * f.width + x) * 3 + 3)];
const pattern = (x: number, y: number): [number, number, number] => [(x * 7 + y * 3) & 255, (x * 13 + y * 29) & 255, (x * y + 5) & 255];

function run(name: string, frame: RgbFrame, params: Record<string, unknown> = {}, opts: { seed?: number; features?: Record<string, number> } = {}) {
  const { entry, params: p } = builtinShaderRegistry().resolve('shaders', name, params);
  const ctx = createShaderContext({ rng: new Rng(opts.seed ?? 0), features: featureFrame(opts.features ?? {}) });
  (entry.def as { apply: (f: RgbFrame, p: unknown, c: unknown) => void }).apply(frame, p, ctx);
  return frame;
}

/** Rows as arrays of pixel keys, for comparing rolls. */
const rowKeys = (f: RgbFrame, y: number) => Array.from({ length: f.width }, (_, x) => px(f, x, y).join(','));

describe('glitch shaders', () => {
  test('glitch_bands only rolls whole rows horizontally, deterministically per seed, and does nothing without a beat', () => {
    const o = frameOf(64, 48, pattern);
    const a = run('glitch_bands', frameOf(64, 48, pattern), {}, { seed: 4, features: { bdecay: 1, sub: 0.5 } });
    const b = run('glitch_bands', frameOf(64, 48, pattern), {}, { seed: 4, features: { bdecay: 1, sub: 0.5 } });
    expect(a.data).toEqual(b.data);
    let rolled = 0;
    for (let y = 0; y < 48; y++) {
      const got = rowKeys(a, y);
      const orig = rowKeys(o, y);
      const s = orig.indexOf(got[0]!);
      expect(s).toBeGreaterThanOrEqual(0); // every output row is a rotation of its input row
      expect(got).toEqual([...orig.slice(s), ...orig.slice(0, s)]);
      if (s !== 0) rolled++;
    }
    expect(rolled).toBeGreaterThan(0);
    const still = run('glitch_bands', frameOf(64, 48, pattern), {}, { seed: 4, features: { bdecay: 0 } });
    expect(still.data).toEqual(o.data);
  });
  test('block_glitch copies blocks of the original; pixels outside any block stay, the rest come from the original', () => {
    const o = frameOf(33, 17, pattern);
    const f = run('block_glitch', frameOf(33, 17, pattern), { n_blocks: 3, max_size: 12 }, { seed: 9 });
    const origKeys = new Set(Array.from({ length: 33 * 17 }, (_, i) => px(o, i % 33, Math.floor(i / 33)).join(',')));
    let changed = 0;
    for (let i = 0; i < 33 * 17; i++) {
      const k = px(f, i % 33, Math.floor(i / 33)).join(',');
      expect(origKeys.has(k)).toBe(true);
      if (k !== px(o, i % 33, Math.floor(i / 33)).join(',')) changed++;
    }
    expect(changed).toBeGreaterThan(0);
  });
  test('pixel_sort sorts bright runs (> 2 px) on every 3rd row by brightness, leaves other rows', () => {
    const vals = [10, 200, 150, 250, 120, 5, 180, 170, 40, 220, 210];
    const f = frameOf(11, 4, (x) => [vals[x]!, vals[x]!, vals[x]!]);
    const o = frameOf(11, 4, (x) => [vals[x]!, vals[x]!, vals[x]!]);
    run('pixel_sort', f, { threshold: 100 });
    // Runs above 100: x 1..4 (len 4) sorted; x 6..7 (len 2) untouched; x 9..10 (len 2) untouched.
    expect(rowKeys(f, 0).map((k) => Number(k.split(',')[0]))).toEqual([10, 120, 150, 200, 250, 5, 180, 170, 40, 220, 210]);
    expect(rowKeys(f, 3).map((k) => Number(k.split(',')[0]))).toEqual([10, 120, 150, 200, 250, 5, 180, 170, 40, 220, 210]);
    expect(rowKeys(f, 1)).toEqual(rowKeys(o, 1));
    expect(rowKeys(f, 2)).toEqual(rowKeys(o, 2));
    // Long runs (native sort path) and columns.
    const n = 90;
    const col = frameOf(4, n, (_x, y) => [101 + ((y * 37) % 150), 120, 130]);
    run('pixel_sort', col, { threshold: 50, direction: 'v' });
    const reds = Array.from({ length: n }, (_, y) => px(col, 0, y)[0]!);
    const sums = Array.from({ length: n }, (_, y) => px(col, 0, y).reduce((a, b) => a + b, 0));
    expect(sums).toEqual([...sums].sort((a, b) => a - b));
    expect(new Set(reds).size).toBe(new Set(Array.from({ length: n }, (_, y) => 101 + ((y * 37) % 150))).size);
    expect(px(col, 1, 5)).toEqual([101 + ((5 * 37) % 150), 120, 130]); // column 1 is not a 3rd column
  });
  test('data_bend copies exactly `chunk` bytes from offset to offset + 3·chunk', () => {
    const f = frameOf(20, 10, pattern);
    const o = f.data.slice();
    run('data_bend', f, { offset: 17, chunk: 50 });
    const want = o.slice();
    want.set(o.subarray(17, 67), 167);
    expect(f.data).toEqual(want);
    // Wrapping offsets and a chunk cut short by the end of the frame.
    const g = frameOf(20, 10, pattern);
    run('data_bend', g, { offset: 600 + 500, chunk: 40 });
    const w2 = o.slice();
    w2.set(o.subarray(500, 540), 20);
    expect(g.data).toEqual(w2);
  });
  test('data_bend at its defaults moves a band through the middle of a 960×540 frame (relative offset and chunk)', () => {
    const [w, h] = [960, 540];
    const f = frameOf(w, h, pattern);
    const o = f.data.slice();
    run('data_bend', f);
    const n = w * h * 3;
    // offset ⌊0.35·n⌋ = 544320, chunk ⌊0.05·n⌋ = 77760 bytes, landing at 544320 + 3·77760 = 777600 (row 270).
    const [src, len] = [Math.floor(0.35 * n), Math.floor(0.05 * n)];
    expect([src, len, src + 3 * len]).toEqual([544320, 77760, 777600]);
    const want = o.slice();
    want.set(o.subarray(src, src + len), src + 3 * len);
    expect(f.data).toEqual(want);
    let changed = 0;
    for (let i = 0; i < n; i++) if (f.data[i] !== o[i]) changed++;
    expect(changed).toBeGreaterThan(0.9 * len); // ≈ 5 % of the frame, where the catalog's 1000/500 bytes changed 0.1 %
    // The middle row of the frame changed; the top rows (all the fixed byte offsets ever reached) did not.
    expect(rowKeys(f, h / 2)).not.toEqual(rowKeys(frameOf(w, h, pattern), h / 2));
    expect(px(f, w / 2, h / 2)).not.toEqual(px(frameOf(w, h, pattern), w / 2, h / 2));
    expect(f.data.subarray(0, 3 * w * 100)).toEqual(o.subarray(0, 3 * w * 100));
    // Relative fractions can be set; explicit bytes still win over them.
    const g = run('data_bend', frameOf(w, h, pattern), { at: 0.1, span: 0.01 });
    const wantG = o.slice();
    wantG.set(o.subarray(155520, 155520 + 15552), 155520 + 3 * 15552);
    expect(g.data).toEqual(wantG);
    const e = run('data_bend', frameOf(20, 10, pattern), { offset: 17, chunk: 50, at: 0.9, span: 0.2 });
    const small = frameOf(20, 10, pattern).data;
    const wantE = small.slice();
    wantE.set(small.subarray(17, 67), 167);
    expect(e.data).toEqual(wantE);
  });
});
