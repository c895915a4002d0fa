import { describe, expect, test } from '@jest/globals';
import { Rng } from '@glyphreel/core';
import { channelSwap } from './channel/channel-swap.js';
import { chromatic } from './channel/chromatic.js';
import { rgbSplitRadial } from './channel/rgb-split-radial.js';
import { createShaderContext } from './context.js';
import { crt, crtMap } from './geometry/crt.js';
import { kaleidoscope, kaleidoscopeMap } from './geometry/kaleidoscope.js';
import { mirrorDiag } from './geometry/mirror-diag.js';
import { arena } from './internal/simd/arena.js';
import { createSimdFrame, releaseSimdFrame } from './internal/simd/frame.js';
import { randomBytes as randomBytesOf } from '../test-utils/bytes.js';
import { expectBoth, expectStaysInside } from '../test-utils/frames.js';

// Scalar references written from each shader's definition, one output pixel at a time reading an untouched copy,
// compared byte for byte with the kernels of wasm/remap.wat.mjs on frames whose widths leave every tail length of the
// 16-pixel groups.

const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);

/** out pixel (x, y) channel c = src pixel source(x, y, c) channel c. */
function remapReference(src: Uint8Array, w: number, h: number, source: (x: number, y: number, c: number) => [number, number]): Uint8Array {
  const out = new Uint8Array(src.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < 3; c++) {
        const [sx, sy] = source(x, y, c);
        // A source outside the frame is black (crt's bezel).
        out[(y * w + x) * 3 + c] = sx >= 0 && sx < w && sy >= 0 && sy < h ? src[(sy * w + sx) * 3 + c]! : 0;
      }
    }
  }
  return out;
}

/** Barrel distortion: sample at p + (p − c)·k·(nx² + ny²), floored, black outside the frame, c = (W/2, H/2); k to 3 decimals. */
function crtReference(src: Uint8Array, w: number, h: number, strength: number): Uint8Array {
  const k = Math.round(strength * 1000) / 1000;
  return remapReference(src, w, h, (x, y) => {
    const nx = (x - w / 2) / (w / 2);
    const ny = (y - h / 2) / (h / 2);
    const f = k * (nx * nx + ny * ny);
    return [Math.floor(x + (x - w / 2) * f), Math.floor(y + (y - h / 2) * f)];
  });
}

/** Polar fold about (W//2, H//2) into one wedge of 2π/folds, mirrored about the wedge's axis. */
function kaleidoscopeReference(src: Uint8Array, w: number, h: number, folds: number): Uint8Array {
  const cx = Math.floor(w / 2);
  const cy = Math.floor(h / 2);
  const wedge = (2 * Math.PI) / folds;
  return remapReference(src, w, h, (x, y) => {
    const dist = Math.sqrt((x - cx) ** 2 + (y - cy) ** 2);
    // Python's floor modulo of the angle.
    let m = Math.atan2(y - cy, x - cx) % wedge;
    if (m < 0) m += wedge;
    const folded = Math.abs(m - wedge / 2);
    return [clamp(Math.trunc(cx + dist * Math.cos(folded)), 0, w - 1), clamp(Math.trunc(cy + dist * Math.sin(folded)), 0, h - 1)];
  });
}

/**
 * Red from the pixel pushed out by trunc(r̂·s·d/dmax) (r̂ over d + 1), blue from the one pulled in; green stays; s to
 * 2 decimals.
 */
function rgbSplitReference(src: Uint8Array, w: number, h: number, strength: number): Uint8Array {
  const s = Math.round(strength * 100) / 100;
  const cx = Math.floor(w / 2);
  const cy = Math.floor(h / 2);
  const dmax = Math.sqrt(cx * cx + cy * cy) || 1;
  return remapReference(src, w, h, (x, y, c) => {
    const d = Math.sqrt((x - cx) ** 2 + (y - cy) ** 2);
    const dx = Math.trunc(((x - cx) / (d + 1)) * ((d / dmax) * s));
    const dy = Math.trunc(((y - cy) / (d + 1)) * ((d / dmax) * s));
    const sign = c === 0 ? 1 : c === 2 ? -1 : 0;
    return [clamp(x + sign * dx, 0, w - 1), clamp(y + sign * dy, 0, h - 1)];
  });
}

/** Red from a pixels left, blue from a pixels right; where that is outside the row, the pixel's own value. */
function chromaticReference(src: Uint8Array, w: number, h: number, amt: number): Uint8Array {
  const a = Math.trunc(amt);
  if (amt < 1 || a >= w) return src.slice();
  return remapReference(src, w, h, (x, y, c) => {
    const sx = c === 0 ? x - a : c === 2 ? x + a : x;
    return [sx >= 0 && sx < w ? sx : x, y];
  });
}

function channelSwapReference(src: Uint8Array, order: readonly number[]): Uint8Array {
  const out = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i += 3) for (let c = 0; c < 3; c++) out[i + c] = src[i + order[c]!]!;
  return out;
}

/**
 * Right of cut = trunc(W·y/H) (for 0 < cut < W), pixel cut + j is the left part read at cut − j, reflected back and
 * forth over [0, cut] with each end pixel repeated (period 2·(cut + 1)).
 */
function mirrorDiagReference(src: Uint8Array, w: number, h: number): Uint8Array {
  return remapReference(src, w, h, (x, y) => {
    const cut = Math.trunc((w * y) / h);
    if (cut <= 0 || x <= cut) return [x, y];
    const period = 2 * (cut + 1);
    const t = (((cut - (x - cut)) % period) + period) % period;
    return [t <= cut ? t : period - 1 - t, y];
  });
}


const rng = new Rng(23);

const randomBytes = (n: number): Uint8Array => randomBytesOf(rng, n);

/** Widths around the 16-pixel groups, odd and even heights, and tall and wide frames (mirror_diag's long folds). */
const SIZES: Array<[number, number]> = [
  [1, 1], [2, 1], [1, 4], [3, 2], [15, 3], [16, 2], [17, 5], [18, 1], [19, 4], [33, 7], [34, 6], [50, 9], [97, 5], [40, 64], [130, 11],
];


const ctx = createShaderContext({});

/** Every size with random bytes (a fresh frame per size, so a wrong pixel cannot match by chance of equal data). */
function eachSize(run: (src: Uint8Array, w: number, h: number) => void): void {
  for (const [w, h] of SIZES) run(randomBytes(w * h * 3), w, h);
}

describe('crt (WebAssembly)', () => {
  test.each([0.05, -0.3, 1, -1, 0.0004])('equals the reference at strength %p', (k) => {
    eachSize((src, w, h) => expectBoth(src, w, h, (f) => crt.apply(f, { strength: k }, ctx), crtReference(src, w, h, k), `${w}×${h}`));
  });
});

describe('kaleidoscope (WebAssembly)', () => {
  test.each([6, 1, 2, 7, 64])('equals the reference with %p folds', (folds) => {
    eachSize((src, w, h) =>
      expectBoth(src, w, h, (f) => kaleidoscope.apply(f, { folds }, ctx), kaleidoscopeReference(src, w, h, folds), `${w}×${h}`),
    );
  });
});

describe('rgb_split_radial (WebAssembly)', () => {
  test.each([5, 0.5, 13.377, 512, 0.004])('equals the reference at strength %p', (s) => {
    eachSize((src, w, h) =>
      expectBoth(src, w, h, (f) => rgbSplitRadial.apply(f, { strength: s }, ctx), rgbSplitReference(src, w, h, s), `${w}×${h}`),
    );
  });
});

describe('chromatic (WebAssembly)', () => {
  test.each([3, 0.5, 1, 1.9, 16, 17.2, 96, 600])('equals the reference at amt %p', (amt) => {
    eachSize((src, w, h) => expectBoth(src, w, h, (f) => chromatic.apply(f, { amt }, ctx), chromaticReference(src, w, h, amt), `${w}×${h}`));
  });
});

describe('channel_swap (WebAssembly)', () => {
  const orders: number[][] = [];
  for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) for (let c = 0; c < 3; c++) orders.push([a, b, c]);
  test('equals the reference for all 27 orders (repeats included)', () => {
    for (const order of orders) {
      eachSize((src, w, h) =>
        expectBoth(src, w, h, (f) => channelSwap.apply(f, { order }, ctx), channelSwapReference(src, order), `${w}×${h} ${order}`),
      );
    }
  });
});

describe('mirror_diag (WebAssembly)', () => {
  test('equals the reference, folds longer than the left part included', () => {
    eachSize((src, w, h) => expectBoth(src, w, h, (f) => mirrorDiag.apply(f, {}, ctx), mirrorDiagReference(src, w, h), `${w}×${h}`));
  });

  test('rows right of a short left part repeat it back and forth, each end twice', () => {
    // 8×4: row 1 cuts at x = 2, so pixels 3.. read 1, 0, 0, 1, 2.
    const w = 8;
    const src = new Uint8Array(w * 4 * 3);
    for (let i = 0; i < w * 4; i++) src[3 * i] = i % w;
    const f = createSimdFrame(w, 4);
    f.data.set(src);
    mirrorDiag.apply(f, {}, ctx);
    expect([...f.data.subarray(3 * w, 6 * w)].filter((_, i) => i % 3 === 0)).toEqual([0, 1, 2, 1, 0, 0, 1, 2]);
    releaseSimdFrame(f);
  });
});

describe('remap kernels stay inside the frame', () => {
  test('bytes just before and after an arena frame are not written', () => {
    const [w, h] = [35, 9];
    expectStaysInside(w, h, randomBytes(w * h * 3), [
      ['crt', (f) => crt.apply(f, { strength: -0.7 }, ctx)],
      ['kaleidoscope', (f) => kaleidoscope.apply(f, { folds: 5 }, ctx)],
      ['rgb_split_radial', (f) => rgbSplitRadial.apply(f, { strength: 40 }, ctx)],
      ['chromatic', (f) => chromatic.apply(f, { amt: 7 }, ctx)],
      ['channel_swap', (f) => channelSwap.apply(f, { order: [1, 2, 0] }, ctx)],
      ['mirror_diag', (f) => mirrorDiag.apply(f, {}, ctx)],
    ]);
  });
});

describe('cached maps', () => {
  test('maps evicted from the cache return their arena memory', () => {
    const f = createSimdFrame(64, 48);
    const used = () => arena().stats.usedBytes;
    // Fill the 8-entry caches, then cycle through other parameters: the arena must not keep growing.
    for (let i = 0; i < 8; i++) {
      crt.apply(f, { strength: 0.1 + i / 100 }, ctx);
      rgbSplitRadial.apply(f, { strength: 3 + i }, ctx);
      kaleidoscope.apply(f, { folds: 2 + i }, ctx);
    }
    const full = used();
    for (let i = 0; i < 20; i++) {
      crt.apply(f, { strength: -0.1 - i / 100 }, ctx);
      rgbSplitRadial.apply(f, { strength: 30 + i }, ctx);
      kaleidoscope.apply(f, { folds: 20 + i }, ctx);
    }
    expect(used()).toBe(full);
    releaseSimdFrame(f);
  });

  test('the exported maps still give pixel indices by default', () => {
    const map = crtMap(9, 7, 0.4);
    expect(map).toBeInstanceOf(Int32Array);
    expect([...crtMap(9, 7, 0.4, new Int32Array(63), 3)]).toEqual([...map].map((i) => 3 * i));
    expect([...kaleidoscopeMap(9, 7, 3, new Int32Array(63), 3)]).toEqual([...kaleidoscopeMap(9, 7, 3)].map((i) => 3 * i));
    // 63 = 9·7: the corners sample outside the frame, which reads the black pixel after it (the bezel).
    expect(Math.max(...map)).toBe(63);
    expect(map[0]).toBe(63);
    expect([...map].filter((i) => i !== 63).every((i) => i >= 0 && i < 63)).toBe(true);
  });
});
