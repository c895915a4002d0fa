import { describe, expect, test } from '@jest/globals';
import { hsvToRgbInto, Rng } from '@glyphreel/core';
import { createShaderContext } from './context.js';
import { edgeGlow } from './glow/edge-glow.js';
import { radialBlur } from './glow/radial-blur.js';
import { softFocus } from './glow/soft-focus.js';
import { firstDiff, randomBytes as randomBytesOf } from '../test-utils/bytes.js';
import { expectBoth, expectStaysInside } from '../test-utils/frames.js';

// Scalar references written from each shader's definition, one pixel and one channel at a time, compared byte for
// byte with the SIMD kernels on frames whose widths leave every tail length of the 16-pixel groups.

const at = (d: Uint8Array, w: number, x: number, y: number, c: number) => d[(y * w + x) * 3 + c]!;
const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);

/** Lerp towards the edge-padded 3×3 box of the stride-2 samples, in the 16.16 fixed point the shader defines. */
function softFocusReference(src: Uint8Array, w: number, h: number, s: number): Uint8Array {
  const out = src.slice();
  const sw = Math.ceil(w / 2);
  const sh = Math.ceil(h / 2);
  const A = Math.round((1 - s) * 65536);
  const kb = (s * 65536) / 9;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            sum += at(src, w, 2 * clamp((x >> 1) + dx, 0, sw - 1), 2 * clamp((y >> 1) + dy, 0, sh - 1), c);
          }
        }
        const weight = Math.floor(sum * kb) + 192;
        out[(y * w + x) * 3 + c] = Math.floor((at(src, w, x, y, c) * A + weight) / 65536);
      }
    }
  }
  return out;
}

/** Adds HSV(hue, 0.8, 0.5·edge) with edge = min(1, (|Δx mean| + |Δy mean|)/255·2), central differences inside. */
function edgeGlowReference(src: Uint8Array, w: number, h: number, hue: number): Uint8Array {
  const out = src.slice();
  const sum = (x: number, y: number) => at(src, w, x, y, 0) + at(src, w, x, y, 1) + at(src, w, x, y, 2);
  const rgb = [0, 0, 0];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // Differences of the channel sums (3× those of the mean): the mean's edge is k/3/255·2.
      const dx = x > 0 && x < w - 1 ? sum(x + 1, y) - sum(x - 1, y) : 0;
      const dy = y > 0 && y < h - 1 ? sum(x, y + 1) - sum(x, y - 1) : 0;
      const k = Math.abs(dx) + Math.abs(dy);
      hsvToRgbInto(hue, 0.8, Math.min(1, (k / 3 / 255) * 2) * 0.5, rgb);
      for (let c = 0; c < 3; c++) out[(y * w + x) * 3 + c] = Math.min(255, at(src, w, x, y, c) + rgb[c]!);
    }
  }
  return out;
}

/** Per-channel floor of the mean of the pixel and the pixels at trunc(p + (p − c)·s) and ·2s, clamped. */
function radialBlurReference(src: Uint8Array, w: number, h: number, s: number, cx: number, cy: number): Uint8Array {
  const out = src.slice();
  const pos = (p: number, c: number, k: number, n: number) => clamp(Math.trunc(p + (p - c) * k), 0, n - 1);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < 3; c++) {
        const total = at(src, w, x, y, c) + at(src, w, pos(x, cx, s, w), pos(y, cy, s, h), c)
          + at(src, w, pos(x, cx, 2 * s, w), pos(y, cy, 2 * s, h), c);
        out[(y * w + x) * 3 + c] = Math.floor(total / 3);
      }
    }
  }
  return out;
}


const rng = new Rng(17);

const randomBytes = (n: number): Uint8Array => randomBytesOf(rng, n);

/** A dim gradient with sparse bright strokes, as in glyph frames: most 16-pixel groups have no visible edge. */
function glyphBytes(w: number, h: number): Uint8Array {
  const d = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) d.set([(x + y) >> 3, (x + 2 * y) >> 3, 30], (y * w + x) * 3);
  for (let k = 0; k < (w * h) / 40; k++) {
    const x0 = rng.int(0, w - 1);
    const y = rng.int(0, h - 1);
    const c = [rng.int(60, 255), rng.int(60, 255), rng.int(60, 255)];
    for (let x = x0; x < Math.min(w, x0 + rng.int(1, 12)); x++) d.set(c, (y * w + x) * 3);
  }
  return d;
}

/** Widths around the 16-pixel groups (and edge_glow's interior of w − 2), odd and even heights. */
const SIZES: Array<[number, number]> = [[1, 1], [2, 1], [1, 4], [3, 2], [15, 3], [16, 2], [17, 5], [18, 1], [19, 4], [33, 7], [34, 6], [50, 9], [97, 5]];


const ctx = createShaderContext({});

describe('soft_focus (SIMD)', () => {
  test.each([0.3, 1, 0.01, 0.77])('equals the fixed-point reference at strength %p on random and glyph frames', (s) => {
    for (const [w, h] of SIZES) {
      for (const src of [randomBytes(w * h * 3), glyphBytes(w, h)]) {
        expectBoth(src, w, h, (f) => softFocus.apply(f, { strength: s }, ctx), softFocusReference(src, w, h, s), `${w}×${h}`);
      }
    }
  });

  test('a strength too small to move the 16.16 weight (A = 65536) is the identity, like strength 0', () => {
    const src = randomBytes(33 * 5 * 3);
    for (const s of [0, 2 ** -18]) {
      expect(Math.round((1 - s) * 65536)).toBe(65536);
      expectBoth(src, 33, 5, (f) => softFocus.apply(f, { strength: s }, ctx), softFocusReference(src, 33, 5, s), `s=${s}`);
      expect(firstDiff(softFocusReference(src, 33, 5, s), src, 33)).toBeNull();
    }
  });
});

describe('edge_glow (SIMD)', () => {
  test.each([0, 0.5, 0.93])('equals the reference at hue %p on random and glyph frames', (hue) => {
    for (const [w, h] of SIZES) {
      for (const src of [randomBytes(w * h * 3), glyphBytes(w, h)]) {
        expectBoth(src, w, h, (f) => edgeGlow.apply(f, { hue }, ctx), edgeGlowReference(src, w, h, hue), `${w}×${h}`);
      }
    }
  });

  test('saturates at 255 on strong edges next to bright pixels', () => {
    const w = 40;
    const src = new Uint8Array(w * 3 * 3).fill(250);
    for (let y = 0; y < 3; y++) for (let x = 0; x < w; x += 4) src.fill(0, (y * w + x) * 3, (y * w + x + 2) * 3);
    const want = edgeGlowReference(src, w, 3, 0);
    expect(Math.max(...want)).toBe(255);
    expectBoth(src, w, 3, (f) => edgeGlow.apply(f, { hue: 0 }, ctx), want, 'stripes');
  });
});

describe('radial_blur (SIMD)', () => {
  const cases: Array<[number, number[]]> = [[0.03, []], [0.1, []], [0.4, [0.2, 0.9]], [1, [1, 1]], [0.25, [0, 0]], [0.07, [0.5]]];
  test.each(cases)('equals the reference at strength %p, centre %j', (s, center) => {
    for (const [w, h] of SIZES) {
      const cx = center.length > 0 ? center[0]! * w : w >> 1;
      const cy = center.length > 1 ? center[1]! * h : h >> 1;
      for (const src of [randomBytes(w * h * 3), glyphBytes(w, h)]) {
        expectBoth(src, w, h, (f) => radialBlur.apply(f, { strength: s, center }, ctx), radialBlurReference(src, w, h, s, cx, cy), `${w}×${h}`);
      }
    }
  });
});

describe('glow kernels stay inside the frame', () => {
  test('bytes just before and after an arena frame are not written', () => {
    const [w, h] = [35, 9];
    expectStaysInside(w, h, randomBytes(w * h * 3), [
      ['soft_focus', (f) => softFocus.apply(f, { strength: 0.6 }, ctx)],
      ['edge_glow', (f) => edgeGlow.apply(f, { hue: 0.2 }, ctx)],
      ['radial_blur', (f) => radialBlur.apply(f, { strength: 0.5, center: [] }, ctx)],
    ]);
  });
});
