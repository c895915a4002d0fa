import { describe, expect, test } from '@jest/globals';
import { createFrame, Rng, type RgbFrame, type ShaderDef } from '@glyphreel/core';
import { colorRamp } from './color/color-ramp.js';
import { colorWobble } from './color/color-wobble.js';
import { threshold } from './color/threshold.js';
import { createShaderContext } from './context.js';
import { GOLDEN, hash32 } from './internal/noise.js';
import { arena } from './internal/simd/arena.js';
import { createSimdFrame, releaseSimdFrame } from './internal/simd/frame.js';
import { halftone } from './lines/halftone.js';
import { staticNoise } from './noise/static.js';
import { firstDiff } from '../test-utils/bytes.js';

// Scalar references written from each shader's definition, one pixel at a time, compared byte for byte with the
// SIMD kernels of wasm/pixel.wat.mjs on heap frames, frames not starting on a word boundary and frames in the arena,
// at sizes that leave every tail length of the 16-pixel groups.

type Params = Record<string, unknown>;

/** Frame sizes with odd widths and heights and pixel counts around the 16-pixel group (tails of 0 to 15 pixels). */
const SIZES: Array<[number, number]> = [[1, 1], [2, 1], [5, 3], [16, 1], [17, 1], [15, 2], [31, 3], [33, 7], [48, 1], [97, 13], [640, 9]];

const rng = new Rng(11);

/** Random bytes, or (smooth) runs of one colour like a glyph frame, so both branchy-content kinds are covered. */
function frameBytes(npx: number, kind: 'noise' | 'runs' | 'bright'): Uint8Array {
  const d = new Uint8Array(npx * 3);
  if (kind === 'noise') {
    for (let i = 0; i < d.length; i++) d[i] = rng.int(0, 255);
    return d;
  }
  let i = 0;
  while (i < npx) {
    const lo = kind === 'bright' ? 200 : 0;
    const c = [rng.int(lo, 255), rng.int(lo, 255), rng.int(lo, 255)];
    const run = rng.int(1, 40);
    for (let k = 0; k < run && i < npx; k++, i++) d.set(c, i * 3);
  }
  return d;
}


/** The three places a frame can live: the JS heap, the heap at an odd byte offset, the SIMD arena. */
function frames(bytes: Uint8Array, w: number, h: number): Array<[string, RgbFrame, () => void]> {
  const heap = createFrame(w, h);
  heap.data.set(bytes);
  const odd = new Uint8Array(bytes.length + 1).subarray(1);
  odd.set(bytes);
  const simd = createSimdFrame(w, h);
  simd.data.set(bytes);
  return [
    ['heap', heap, () => {}],
    ['odd-offset', { width: w, height: h, data: odd }, () => {}],
    ['arena', simd, () => releaseSimdFrame(simd)],
  ];
}

/** Applies `def` on every kind of frame and compares with `reference(bytes)`; rngSeed gives each call the same Rng. */
function check(def: ShaderDef, params: Params, w: number, h: number, bytes: Uint8Array, want: Uint8Array, t = 0): void {
  for (const [where, frame, done] of frames(bytes, w, h)) {
    def.apply(frame, params as never, createShaderContext({ t, rng: new Rng(99) }));
    expect([def.name, params, w, h, where, firstDiff(frame.data, want)]).toEqual([def.name, params, w, h, where, null]);
    done();
  }
}

function thresholdReference(src: Uint8Array, thr: number): Uint8Array {
  const out = src.slice();
  for (let i = 0; i < src.length; i += 3) {
    const mean = (src[i]! + src[i + 1]! + src[i + 2]!) / 3;
    out.fill(mean > thr ? 255 : 0, i, i + 3);
  }
  return out;
}

/** The gradient at gray = mean/255 over evenly spaced stops, lerped per channel and truncated. */
function colorRampReference(src: Uint8Array, ramp: number[][]): Uint8Array {
  const out = src.slice();
  const n = ramp.length;
  for (let i = 0; i < src.length; i += 3) {
    const gray = (src[i]! + src[i + 1]! + src[i + 2]!) / 3 / 255;
    const idx = Math.min(Math.max(gray * (n - 1), 0), n - 1.001);
    const lo = Math.floor(idx);
    const hi = Math.min(lo + 1, n - 1);
    const f = idx - lo;
    for (let c = 0; c < 3; c++) out[i + c] = Math.trunc(ramp[lo]![c]! * (1 - f) + ramp[hi]![c]! * f);
  }
  return out;
}

/** Channel c times 1 + amt·sin(5t + φc), clamped to [0, 255] and truncated. */
function colorWobbleReference(src: Uint8Array, amt: number, t: number): Uint8Array {
  const f = [0, 2.09, 4.19].map((phase) => 1 + amt * Math.sin(5 * t + phase));
  const out = src.slice();
  for (let i = 0; i < src.length; i++) out[i] = Math.trunc(Math.min(255, Math.max(0, src[i]! * f[i % 3]!)));
  return out;
}

/**
 * Per dot×dot block (edge blocks cut): channel sums S_c over its bw×bh pixels, peak P = max S_c; a pixel at (dx, dy)
 * from the block-local centre takes the colour ⌊255·S_c·min(1, area)/P⌋ iff dx² + dy² < r² = area/π, else black, where
 * area = (P/(255·bw·bh))·dot² (a disc under one pixel is dimmed by its area).
 */
function halftoneReference(src: Uint8Array, w: number, h: number, dot: number): Uint8Array {
  const out = src.slice();
  const cb = Math.floor(dot / 2);
  for (let y0 = 0; y0 < h; y0 += dot) {
    for (let x0 = 0; x0 < w; x0 += dot) {
      const bw = Math.min(dot, w - x0);
      const bh = Math.min(dot, h - y0);
      const sum = [0, 0, 0];
      for (let y = y0; y < y0 + bh; y++) for (let i = (y * w + x0) * 3; i < (y * w + x0 + bw) * 3; i++) sum[i % 3]! += src[i]!;
      const peak = Math.max(...sum);
      const area = (peak / (255 * bw * bh)) * (dot * dot);
      const scale = Math.min(area, 1);
      const colour = sum.map((s) => (peak === 0 ? 0 : Math.trunc((s * 255 * scale) / peak)));
      const r2 = area / Math.PI;
      for (let y = y0; y < y0 + bh; y++) {
        for (let x = x0; x < x0 + bw; x++) {
          const dx = x - x0 - cb;
          const dy = y - y0 - cb;
          if (dx * dx + dy * dy < r2) out.set(colour, (y * w + x) * 3);
          else out.fill(0, (y * w + x) * 3, (y * w + x) * 3 + 3);
        }
      }
    }
  }
  return out;
}

/**
 * Cells of 2×2 in row-major order; each takes the next counter value (counter += GOLDEN from one u32 of the Rng) and
 * is replaced when hash32 < density·2³², its pixels (inside the frame, row by row) each taking the next value as
 * random r, g, b bytes (or one grey byte).
 */
function staticReference(src: Uint8Array, w: number, h: number, density: number, color: boolean): Uint8Array {
  const out = src.slice();
  let counter = new Rng(99).nextU32();
  const next = () => hash32((counter = (counter + GOLDEN) >>> 0));
  for (let y = 0; y < h; y += 2) {
    for (let x = 0; x < w; x += 2) {
      if (!(next() < density * 2 ** 32)) continue;
      for (let yy = y; yy < Math.min(y + 2, h); yy++) {
        for (let xx = x; xx < Math.min(x + 2, w); xx++) {
          const z = next();
          out.set(color ? [z & 255, (z >>> 8) & 255, (z >>> 16) & 255] : [z & 255, z & 255, z & 255], (yy * w + xx) * 3);
        }
      }
    }
  }
  return out;
}

describe('pixel shaders (WebAssembly kernels of wasm/pixel.wat.mjs)', () => {
  test('threshold matches the mean-brightness reference, including fractional thresholds and the extremes', () => {
    for (const [w, h] of SIZES) {
      for (const kind of ['noise', 'runs'] as const) {
        const bytes = frameBytes(w * h, kind);
        for (const thr of [128, 0, 255, 127.5, 100.2, 84.9, 1 / 3]) check(threshold, { thr }, w, h, bytes, thresholdReference(bytes, thr));
      }
    }
  });

  test('threshold on every channel sum: each sum 0..765 against thresholds around it', () => {
    // Pixel s has channel sum s, so every compare of the 16-bit lanes meets the limit exactly once.
    const bytes = new Uint8Array(766 * 3);
    for (let s = 0; s < 766; s++) bytes.set([Math.min(255, s), Math.min(255, Math.max(0, s - 255)), Math.max(0, s - 510)], 3 * s);
    for (const thr of [0, 0.3, 85, 85 + 1 / 3, 170, 254.9, 255]) check(threshold, { thr }, 766, 1, bytes, thresholdReference(bytes, thr));
  });

  test('color_ramp matches the per-pixel gradient for two-stop, multi-stop and 256-stop ramps', () => {
    const ramps = [
      [[0, 0, 0], [255, 255, 255]],
      [[10, 200, 30], [255, 0, 7], [1, 2, 3], [90, 90, 250]],
      Array.from({ length: 256 }, (_, i) => [i, 255 - i, (i * 7) & 255]),
      [[255, 255, 255], [255, 255, 255], [0, 0, 0]],
    ];
    for (const [w, h] of SIZES) {
      for (const kind of ['noise', 'runs'] as const) {
        const bytes = frameBytes(w * h, kind);
        for (const ramp of ramps) check(colorRamp, { ramp }, w, h, bytes, colorRampReference(bytes, ramp));
      }
    }
  });

  test('color_wobble matches per-channel trunc(clamp(c·(1 + amt·sin(5t + φ)))) with factors below 0, near 1 and above 1', () => {
    for (const [w, h] of SIZES) {
      const bytes = frameBytes(w * h, 'noise');
      for (const [amt, t] of [[0.3, 1.25], [2.5, 0.1], [0, 3], [10, 0.77], [0.3, 0.3]] as const) {
        check(colorWobble, { amt }, w, h, bytes, colorWobbleReference(bytes, amt, t), t);
      }
    }
  });

  test('color_wobble rebuilds its tables when the factors change and reuses them when they do not', () => {
    const bytes = frameBytes(300, 'noise');
    for (const [amt, t] of [[0.3, 1], [0.3, 1], [0.3, 2], [0.5, 2], [0.3, 1]] as const) {
      check(colorWobble, { amt }, 30, 10, bytes, colorWobbleReference(bytes, amt, t), t);
    }
  });

  test('halftone matches the per-block disc reference for small, odd, default and huge dots', () => {
    for (const [w, h] of [...SIZES, [301, 47] as [number, number]]) {
      for (const kind of ['noise', 'runs', 'bright'] as const) {
        const bytes = frameBytes(w * h, kind);
        for (const dot of [1, 2, 3, 5, 6, 7, 16, 33]) check(halftone, { dot_size: dot }, w, h, bytes, halftoneReference(bytes, w, h, dot));
      }
    }
  });

  test('halftone sums blocks above 148 pixels exactly (channel sums of a 256-pixel block stay below 2^24)', () => {
    for (const [w, h, dot] of [[300, 260, 256], [200, 160, 149], [200, 160, 148], [257, 150, 150]]) {
      const bytes = frameBytes(w! * h!, 'bright');
      check(halftone, { dot_size: dot }, w!, h!, bytes, halftoneReference(bytes, w!, h!, dot!));
    }
    // White with one channel a little lower: the dot colour keeps the exact ratio (254 for the lower channel).
    const bytes = new Uint8Array(256 * 256 * 3).fill(255);
    for (let i = 1; i < bytes.length; i += 3) bytes[i] = 254;
    const want = halftoneReference(bytes, 256, 256, 256);
    expect([...want.subarray((128 * 256 + 128) * 3, (128 * 256 + 128) * 3 + 3)]).toEqual([255, 254, 255]);
    check(halftone, { dot_size: 256 }, 256, 256, bytes, want);
  });

  test('the static density limit is exclusive: a cell whose hash equals density·2³² stays, one just below it is replaced', () => {
    const h0 = hash32((new Rng(99).nextU32() + GOLDEN) >>> 0);
    const bytes = frameBytes(4, 'noise');
    for (const density of [h0 / 2 ** 32, (h0 + 0.25) / 2 ** 32, (h0 + 1) / 2 ** 32, (h0 - 0.5) / 2 ** 32]) {
      const want = staticReference(bytes, 2, 2, density, true);
      expect([density, firstDiff(want, bytes) === null]).toEqual([density, density <= h0 / 2 ** 32]);
      check(staticNoise, { density, color: true }, 2, 2, bytes, want);
    }
  });

  test('static matches the counter-hash reference at every density, in colour and grey', () => {
    for (const [w, h] of SIZES) {
      const bytes = frameBytes(w * h, 'runs');
      for (const density of [0.05, 0.5, 1, 1e-12, 0.999999]) {
        for (const color of [true, false]) check(staticNoise, { density, color }, w, h, bytes, staticReference(bytes, w, h, density, color));
      }
    }
  });

  test('static at density 0 draws nothing and leaves the frame alone', () => {
    const bytes = frameBytes(100, 'noise');
    check(staticNoise, { density: 0, color: true }, 10, 10, bytes, bytes);
  });

  test('kernels touch only the frame: bytes around an arena sub-range stay as they were', () => {
    const a = arena();
    for (const [w, h] of [[1, 1], [17, 1], [5, 3], [33, 2]] as const) {
      const n = w * h * 3;
      const total = n + 96;
      const ptr = a.alloc(total);
      const outer = a.u8(ptr, total);
      const cases: Array<[ShaderDef, Params]> = [
        [threshold, { thr: 10 }],
        [colorRamp, { ramp: [[9, 9, 9], [200, 100, 50]] }],
        [colorWobble, { amt: 3 }],
        [halftone, { dot_size: 4 }],
        [staticNoise, { density: 1, color: true }],
      ];
      for (const [def, params] of cases) {
        for (let i = 0; i < total; i++) outer[i] = 100 + (i % 50);
        const before = outer.slice();
        const frame = { width: w, height: h, data: outer.subarray(48, 48 + n) };
        def.apply(frame, params as never, createShaderContext({ t: 0.4, rng: new Rng(1) }));
        expect([def.name, w, h, outer.subarray(0, 48), outer.subarray(48 + n)]).toEqual([def.name, w, h, before.subarray(0, 48), before.subarray(48 + n)]);
        expect([def.name, firstDiff(frame.data, before.subarray(48, 48 + n))]).not.toEqual([def.name, null]);
      }
      a.release(ptr);
    }
  });
});
