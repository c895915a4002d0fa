import { describe, expect, test } from '@jest/globals';
import { createFrame, hsvToRgb, Rng, type RgbFrame } from '@glyphreel/core';
import { builtinShaderRegistry, createShaderContext, VIGNETTE_FLOOR } from './index.js';

function frameOf(w: number, h: number, fn: (x: number, y: number) => [number, number, number]): RgbFrame {
  const f = createFrame(w, h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) f.data.set(fn(x, y), (y * w + x) * 3);
  return f;
}
const px = (f: RgbFrame, x: number, y: number) => [...f.data.subarray((y * f.width + x) * 3, (y * f.width + x) * 3 + 3)];
const pattern = (x: number, y: number): [number, number, number] => [(x * 7 + y * 3) & 255, (x * 13 + y * 29) & 255, (x * y + 5) & 255];
const gradient = () => frameOf(16, 16, (x, y) => [y * 16 + x, (y * 16 + x + 85) & 255, (y * 16 + x + 170) & 255]);
const grey = (w: number, h: number, v: number) => frameOf(w, h, () => [v, v, v]);

function run(name: string, frame: RgbFrame, params: Record<string, unknown> = {}, seed = 0): RgbFrame {
  const { entry, params: p } = builtinShaderRegistry().resolve('shaders', name, params);
  (entry.def as { apply: (f: RgbFrame, p: unknown, c: unknown) => void }).apply(frame, p, createShaderContext({ rng: new Rng(seed) }));
  return frame;
}

describe('glow and blur', () => {
  test('bloom raises pixels near a bright dot, leaves far ones untouched, and adds (never darkens)', () => {
    const f = grey(96, 64, 20);
    // A 4×4 bright dot aligned to the 4× grid, so the stride-4 sample sees it.
    for (let y = 32; y < 36; y++) for (let x = 48; x < 52; x++) f.data.set([250, 200, 40], (y * 96 + x) * 3);
    const o = f.data.slice();
    run('bloom', f, { thr: 130 });
    expect(px(f, 56, 33)[0]).toBeGreaterThan(20);
    expect(px(f, 56, 33)[1]).toBeGreaterThan(20);
    expect(px(f, 56, 33)[2]).toBe(20); // blue 40 is below the threshold: no blue glow
    expect(px(f, 5, 5)).toEqual([20, 20, 20]);
    expect(px(f, 90, 60)).toEqual([20, 20, 20]);
    for (let i = 0; i < f.data.length; i++) expect(f.data[i]).toBeGreaterThanOrEqual(o[i]!);
    // Centre of the dot: 250 + 0.5·blur ≥ 255 → clamped
    expect(px(f, 49, 33)[0]).toBe(255);
  });
  test('bloom with nothing above the threshold is the identity', () => {
    const f = frameOf(33, 17, (x, y) => [(x * 3) % 120, y * 7, 100]);
    const o = f.data.slice();
    run('bloom', f, { thr: 130 });
    expect(f.data).toEqual(o);
  });
  test('edge_glow adds the HSV overlay on edges only', () => {
    const f = frameOf(10, 10, (x) => (x < 5 ? [0, 0, 0] : [90, 90, 90]));
    run('edge_glow', f, { hue: 0 });
    expect(px(f, 1, 5)).toEqual([0, 0, 0]);
    expect(px(f, 8, 5)).toEqual([90, 90, 90]);
    // x = 4: |g(5) − g(3)| = 90 → edge = 90/255·2 = 0.706 → overlay HSV(0, 0.8, 0.353) ≈ (90, 18, 18) on black
    const v = 0.5 * ((90 / 255) * 2);
    expect(px(f, 4, 5)).toEqual(hsvToRgb(0, 0.8, v));
    expect(px(f, 4, 5)[0]).toBe(90);
  });
  test('soft_focus: flat areas stay, strength 0 is the identity, edges soften', () => {
    const f = frameOf(20, 10, (x) => (x < 10 ? [40, 40, 40] : [200, 200, 200]));
    run('soft_focus', f, { strength: 0.5 });
    expect(px(f, 2, 5)).toEqual([40, 40, 40]);
    expect(px(f, 17, 5)).toEqual([200, 200, 200]);
    expect(px(f, 9, 5)[0]).toBeGreaterThan(40);
    expect(px(f, 10, 5)[0]).toBeLessThan(200);
    const g = frameOf(9, 9, pattern);
    const o = g.data.slice();
    run('soft_focus', g, { strength: 0 });
    expect(g.data).toEqual(o);
  });
  test('soft_focus equals the reference formula: stride-2 samples, one edge-padded 3×3 box, repeated, lerped', () => {
    for (const [w, h] of [[24, 10], [13, 7]] as const) {
      const f = frameOf(w, h, pattern);
      const o = frameOf(w, h, pattern);
      run('soft_focus', f, { strength: 0.4 });
      const sw = Math.ceil(w / 2);
      const sh = Math.ceil(h / 2);
      const small = (x: number, y: number, c: number) =>
        px(o, Math.min(sw - 1, Math.max(0, x)) * 2, Math.min(sh - 1, Math.max(0, y)) * 2)[c]!;
      let exact = 0;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          for (let c = 0; c < 3; c++) {
            let sum = 0;
            for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) sum += small((x >> 1) + dx, (y >> 1) + dy, c);
            const want = Math.trunc(px(o, x, y)[c]! * 0.6 + (sum / 9) * 0.4);
            const got = px(f, x, y)[c]!;
            expect(Math.abs(got - want)).toBeLessThanOrEqual(1);
            if (got === want) exact++;
          }
        }
      }
      expect(exact / (w * h * 3)).toBeGreaterThan(0.97);
    }
  });
  test('radial_blur averages the pixel with two samples pushed outward', () => {
    const f = frameOf(40, 20, pattern);
    const o = frameOf(40, 20, pattern);
    run('radial_blur', f, { strength: 0.1 });
    expect(px(f, 20, 10)).toEqual(px(o, 20, 10)); // the centre samples itself
    const x = 35;
    const y = 15;
    const s1 = [Math.trunc(x + (x - 20) * 0.1), Math.trunc(y + (y - 10) * 0.1)];
    const s2 = [Math.min(39, Math.trunc(x + (x - 20) * 0.2)), Math.trunc(y + (y - 10) * 0.2)];
    const want = [0, 1, 2].map((c) => Math.floor((px(o, x, y)[c]! + px(o, s1[0]!, s1[1]!)[c]! + px(o, s2[0]!, s2[1]!)[c]!) / 3));
    expect(px(f, x, y)).toEqual(want);
  });
});

describe('noise', () => {
  test('grain is deterministic per rng seed, monochrome per 2×2 cell, and bounded by ±amt', () => {
    const a = run('grain', grey(33, 17, 128), { amt: 10 }, 5);
    const b = run('grain', grey(33, 17, 128), { amt: 10 }, 5);
    const c = run('grain', grey(33, 17, 128), { amt: 10 }, 6);
    expect(a.data).toEqual(b.data);
    expect(a.data).not.toEqual(c.data);
    const seen = new Set<number>();
    for (let y = 0; y < 17; y++) {
      for (let x = 0; x < 33; x++) {
        const [r, g, bl] = px(a, x, y);
        expect(r).toBe(g);
        expect(g).toBe(bl);
        expect(Math.abs(r! - 128)).toBeLessThanOrEqual(10);
        expect(r).toBe(px(a, x & ~1, y & ~1)[0]);
        seen.add(r!);
      }
    }
    expect(seen.size).toBeGreaterThan(15); // most of the 21 values occur
    // Clamping at both ends, on a word-aligned 1080p-wide row and on the byte path.
    const hi = run('grain', grey(1920, 2, 250), { amt: 20 }, 1);
    const lo = run('grain', grey(1920, 2, 5), { amt: 20 }, 1);
    expect(Math.max(...hi.data)).toBe(255);
    expect(Math.min(...lo.data)).toBe(0);
    expect(Math.min(...hi.data)).toBeGreaterThanOrEqual(230);
    expect(Math.max(...lo.data)).toBeLessThanOrEqual(25);
  });
  test('static replaces about `density` of the 2×2 cells with random pixels, grey when color is false', () => {
    const f = run('static', grey(120, 60, 0), { density: 0.3, color: false }, 3);
    let changedCells = 0;
    for (let y = 0; y < 60; y += 2) {
      for (let x = 0; x < 120; x += 2) {
        const cell = [px(f, x, y), px(f, x + 1, y), px(f, x, y + 1), px(f, x + 1, y + 1)];
        if (cell.some((p) => p[0] !== 0)) changedCells++;
        for (const p of cell) expect(new Set(p).size).toBe(1);
      }
    }
    expect(changedCells / 1800).toBeGreaterThan(0.25);
    expect(changedCells / 1800).toBeLessThan(0.35);
    const c = run('static', grey(64, 64, 0), { density: 1 }, 3);
    let coloured = 0;
    for (let i = 0; i < c.data.length; i += 3) if (c.data[i] !== c.data[i + 1]) coloured++;
    expect(coloured).toBeGreaterThan(3000);
    expect(run('static', grey(64, 64, 9), { density: 0 }, 3).data.every((v) => v === 9)).toBe(true);
  });
});

describe('lines and patterns', () => {
  test('scanlines darken exactly every spacing-th row by the factor', () => {
    const f = gradient();
    const o = gradient();
    run('scanlines', f, { intensity: 0.25, spacing: 3 });
    for (let y = 0; y < 16; y++) {
      for (let x = 0; x < 16; x++) {
        const want = px(o, x, y).map((c) => (y % 3 === 0 ? Math.trunc(c * 0.75) : c));
        expect(px(f, x, y)).toEqual(want);
      }
    }
  });
  test('halftone fills a disc of area ∝ the block’s brightness with its colour at full brightness, the rest black', () => {
    const f = grey(12, 6, 255);
    run('halftone', f, { dot_size: 6 });
    // White: peak 255 → r² = 36/π = 11.46 around (3, 3): d² ≤ 11 kept, so (0, 3) (d² = 9) is in, (0, 0) (18) and
    // (0, 1) (13) are out.
    expect(px(f, 3, 3)).toEqual([255, 255, 255]);
    expect(px(f, 5, 4)).toEqual([255, 255, 255]);
    expect(px(f, 0, 3)).toEqual([255, 255, 255]);
    expect(px(f, 0, 0)).toEqual([0, 0, 0]);
    expect(px(f, 0, 1)).toEqual([0, 0, 0]);
    expect(px(f, 9, 3)).toEqual([255, 255, 255]);
    let kept = 0;
    for (let i = 0; i < f.data.length; i += 3) if (f.data[i] !== 0) kept++;
    expect(kept).toBe(2 * 31);
    // Dim green (0, 60, 30): the dot is (0, 255, 127), r² = (60/255)·36/π = 2.70 → d² ≤ 2: 9 pixels per block.
    const dim = run('halftone', frameOf(12, 6, () => [0, 60, 30]), { dot_size: 6 });
    expect(px(dim, 3, 3)).toEqual([0, 255, 127]);
    expect(px(dim, 2, 2)).toEqual([0, 255, 127]);
    expect(px(dim, 1, 3)).toEqual([0, 0, 0]);
    kept = 0;
    for (let i = 0; i < dim.data.length; i += 3) if (dim.data[i + 1] !== 0) kept++;
    expect(kept).toBe(2 * 9);
    // A black block stays black.
    expect(run('halftone', grey(12, 6, 0), { dot_size: 6 }).data.every((v) => v === 0)).toBe(true);
    // Near-black (2, 2, 2), tonemap's black point: the disc (0.28 px) is under one pixel, so the centre pixel keeps
    // the block's light, 36·2 = 72, instead of lighting at full brightness (it turned sparse frames speckled white).
    const floor = run('halftone', grey(12, 6, 2), { dot_size: 6 });
    expect(px(floor, 3, 3)).toEqual([72, 72, 72]);
    expect(px(floor, 2, 3)).toEqual([0, 0, 0]);
  });

  test('halftone at defaults keeps glyph art visible: mean brightness stays ≥ 35 % of the input’s', () => {
    // A glyph frame: 10×19 cells, 85 % drawn, each glyph 2–3 strokes 2 px wide (anti-aliased edge at half) in one of
    // the palette's colours, on black: mean ≈ 30, like the review's hex_stream frame (32).
    const [w, h] = [480, 285];
    const f = createFrame(w, h);
    const rng = new Rng(21);
    const colours: [number, number, number][] = [[0, 160, 80], [255, 200, 40], [120, 180, 255], [230, 230, 230]];
    const plot = (x: number, y: number, c: [number, number, number], a: number) => {
      const p = (y * w + x) * 3;
      for (let k = 0; k < 3; k++) f.data[p + k] = Math.max(f.data[p + k]!, Math.floor((c[k]! * a) / 255));
    };
    for (let cy = 0; cy < h / 19; cy++) {
      for (let cx = 0; cx < w / 10; cx++) {
        if (rng.next() >= 0.85) continue;
        const c = colours[rng.int(0, colours.length - 1)]!;
        const [x0, y0] = [cx * 10, cy * 19];
        const strokes = rng.int(2, 3);
        for (let s = 0; s < strokes; s++) {
          const kind = rng.int(0, 2);
          for (let t = 3; t < 16; t++) {
            const [x, y] = kind === 0 ? [x0 + 4, y0 + t] : kind === 1 ? [x0 + 1 + ((t - 3) * 8) / 13, y0 + 9] : [x0 + 1 + ((t - 3) * 8) / 13, y0 + t];
            plot(Math.floor(x), y, c, 255);
            plot(Math.floor(x) + 1, y, c, 255);
            plot(Math.floor(x) + 2, y, c, 128);
          }
        }
      }
    }
    const mean = (d: Uint8Array) => d.reduce((a, b) => a + b, 0) / d.length;
    const before = mean(f.data);
    expect(before).toBeGreaterThan(20);
    expect(before).toBeLessThan(45);
    // The catalog's version on the same frame (disc radius = mean luminance·dot/2, pixels keep their own colour).
    const catalog = f.data.slice();
    for (let y0 = 0; y0 < h; y0 += 6) {
      for (let x0 = 0; x0 < w; x0 += 6) {
        let sum = 0;
        for (let y = y0; y < Math.min(h, y0 + 6); y++) for (let x = x0; x < Math.min(w, x0 + 6); x++) for (let k = 0; k < 3; k++) sum += f.data[(y * w + x) * 3 + k]!;
        const r = (sum / (765 * Math.min(6, w - x0) * Math.min(6, h - y0))) * 3;
        for (let y = y0; y < Math.min(h, y0 + 6); y++) {
          for (let x = x0; x < Math.min(w, x0 + 6); x++) if ((x - x0 - 3) ** 2 + (y - y0 - 3) ** 2 >= r * r) catalog.fill(0, (y * w + x) * 3, (y * w + x) * 3 + 3);
        }
      }
    }
    const after = mean(run('halftone', f).data);
    expect(mean(catalog)).toBeLessThan(0.15 * before); // what the review saw: the art nearly vanishes
    expect(after).toBeGreaterThanOrEqual(0.35 * before);
    expect(after).toBeLessThanOrEqual(1.6 * before);
    // Still a halftone: most pixels of the drawn area are black, and the lit ones are dots of saturated colour.
    let lit = 0;
    for (let i = 0; i < f.data.length; i += 3) if (f.data[i]! + f.data[i + 1]! + f.data[i + 2]! > 0) lit++;
    expect(lit).toBeLessThan(0.4 * w * h);
  });
});

describe('tone', () => {
  test('vignette: corner factor equals the 0.15 floor, the centre of an odd frame is unchanged', () => {
    const f = grey(101, 61, 200);
    run('vignette', f, { s: 1.5 });
    expect(px(f, 0, 0)).toEqual([30, 30, 30]);
    expect(px(f, 100, 60)).toEqual([30, 30, 30]);
    expect(Math.trunc(200 * VIGNETTE_FLOOR)).toBe(30);
    expect(px(f, 50, 30)).toEqual([200, 200, 200]);
    // Elliptical: the middle of the left edge (X = −1, Y = 0) and of the top edge (X = 0, Y = −1) match.
    expect(px(f, 0, 30)).toEqual(px(f, 50, 0));
    const g = grey(101, 61, 200);
    run('vignette', g, { s: 0.22 });
    expect(px(g, 0, 30)[0]).toBe(Math.trunc(200 * (1 - 0.22))); // 156: fixed point follows exact maths, not float32
  });
  test('contrast, gamma, levels and brightness follow their formulas on every byte', () => {
    const cases: Array<[string, Record<string, unknown>, (c: number) => number]> = [
      ['contrast', { factor: 1.3 }, (c) => (c - 128) * 1.3 + 128],
      ['gamma', { gamma: 1.5 }, (c) => (c / 255) ** (1 / 1.5) * 255],
      ['levels', { black: 20, white: 200, midtone: 1.4 }, (c) => Math.min(1, Math.max(0, (c - 20) / 180)) ** (1 / 1.4) * 255],
      ['brightness', { factor: 1.5 }, (c) => c * 1.5],
    ];
    for (const [name, params, fn] of cases) {
      const f = run(name, gradient(), params);
      const o = gradient();
      for (let i = 0; i < f.data.length; i++) expect([name, f.data[i]]).toEqual([name, Math.trunc(Math.min(255, Math.max(0, fn(o.data[i]!))))]);
    }
  });
});

describe('bloom', () => {
  /** The definition, written plainly: block samples, threshold, three naive 3×3 box passes, + floor(blur/1458). */
  function naiveBloom(src: Uint8Array, w: number, h: number, thr: number): Uint8Array {
    const sw = Math.ceil(w / 4);
    const sh = Math.ceil(h / 4);
    let ref = new Float64Array(sw * sh * 3);
    for (let sy = 0; sy < sh; sy++) {
      for (let sx = 0; sx < sw; sx++) {
        for (let c = 0; c < 3; c++) {
          const v = src[(sy * 4 * w + sx * 4) * 3 + c]!;
          ref[(sy * sw + sx) * 3 + c] = v > thr ? v : 0;
        }
      }
    }
    for (let pass = 0; pass < 3; pass++) {
      const next = new Float64Array(ref.length);
      for (let y = 0; y < sh; y++) {
        for (let x = 0; x < sw; x++) {
          for (let c = 0; c < 3; c++) {
            let sum = 0;
            for (let dy = -1; dy <= 1; dy++) {
              for (let dx = -1; dx <= 1; dx++) {
                const yy = Math.min(sh - 1, Math.max(0, y + dy));
                const xx = Math.min(sw - 1, Math.max(0, x + dx));
                sum += ref[(yy * sw + xx) * 3 + c]!;
              }
            }
            next[(y * sw + x) * 3 + c] = sum;
          }
        }
      }
      ref = next;
    }
    const out = src.slice();
    for (let i = 0; i < out.length; i++) {
      const p = Math.floor(i / 3);
      const blk = (Math.floor(Math.floor(p / w) / 4) * sw + Math.floor((p % w) / 4)) * 3 + (i % 3);
      out[i] = Math.min(255, out[i]! + Math.floor(ref[blk]! / 729 / 2));
    }
    return out;
  }

  test('equals the naive definition at sizes that are and are not multiples of 4 and 16', async () => {
    const { bloomInPlace } = await import('./glow/bloom.js');
    // The last is larger than the rest in both directions (98 × 35 blocks): rows and columns far from every edge.
    const sizes = [[1, 1], [2, 5], [6, 7], [7, 3], [16, 4], [17, 9], [33, 14], [64, 40], [101, 37], [389, 137]] as const;
    for (const [w, h] of sizes) {
      const rng = new Rng(w * 31 + h);
      const src = new Uint8Array(w * h * 3).map(() => (rng.chance(0.3) ? rng.int(100, 255) : rng.int(0, 140)));
      const data = src.slice();
      bloomInPlace(data, w, h, 130.5);
      expect([w, h, ...data]).toEqual([w, h, ...naiveBloom(src, w, h, 130)]);
    }
  });
});
