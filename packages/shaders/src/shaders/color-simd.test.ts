import { describe, expect, test } from '@jest/globals';
import { createFrame, hsvToRgbInto, Rng, rgbToHsv, type RgbFrame } from '@glyphreel/core';
import { hueRotate } from './color/hue-rotate.js';
import { saturation } from './color/saturation.js';
import { createShaderContext } from './context.js';
import { adjustHsv } from './internal/hsv.js';
import { arena } from './internal/simd/arena.js';
import { createSimdFrame, releaseSimdFrame } from './internal/simd/frame.js';
import { firstDiff } from '../test-utils/bytes.js';

/** The shaders' definition: core's rgbToHsv, hue + dh and saturation × sf, core's hsvToRgbInto (wraps and clamps). */
function reference(data: Uint8Array, dh: number, sf: number): Uint8Array {
  const out = new Uint8Array(data.length);
  const px = [0, 0, 0];
  for (let i = 0; i + 3 <= data.length; i += 3) {
    const [h, s, v] = rgbToHsv(data[i]!, data[i + 1]!, data[i + 2]!);
    hsvToRgbInto(h + dh, s * sf, v, px);
    out.set(px, i);
  }
  return out;
}


const rng = new Rng(5);

/**
 * Runs of one colour (1 to 60 pixels, so 16-pixel groups start anywhere and end mid-group) between single random
 * pixels, with greys, black, white and primaries among the colours.
 */
function glyphLikeBytes(npx: number): Uint8Array {
  const d = new Uint8Array(npx * 3);
  const special = [[0, 0, 0], [255, 255, 255], [128, 128, 128], [255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 0], [1, 0, 0]];
  let i = 0;
  while (i < npx) {
    const c = rng.chance(0.2) ? special[rng.int(0, special.length - 1)]! : [rng.int(0, 255), rng.int(0, 255), rng.int(0, 255)];
    const run = rng.chance(0.4) ? 1 : rng.int(1, 60);
    for (let k = 0; k < run && i < npx; k++, i++) d.set(c, i * 3);
  }
  return d;
}

/** Frame sizes with odd widths and heights and pixel counts around the 16-pixel group (tails of 0 to 15 pixels). */
const SIZES: Array<[number, number]> = [[1, 1], [2, 1], [5, 3], [16, 1], [17, 1], [15, 2], [31, 3], [33, 7], [48, 1], [97, 13], [640, 9]];

const ctx = createShaderContext({ t: 0 });

function inArena(data: Uint8Array, w: number, h: number): RgbFrame {
  const f = createSimdFrame(w, h);
  f.data.set(data);
  return f;
}

describe('hue_rotate and saturation (WebAssembly kernel)', () => {
  test('match the scalar HSV reference byte for byte on heap and SIMD frames of every size', () => {
    for (const [w, h] of SIZES) {
      for (const amount of [0.1, -0.37, 2.5, 0, 1, -100, 100]) {
        const bytes = glyphLikeBytes(w * h);
        const heap = createFrame(w, h);
        heap.data.set(bytes);
        const simd = inArena(bytes, w, h);
        hueRotate.apply(heap, { amount }, ctx);
        hueRotate.apply(simd, { amount }, ctx);
        const want = reference(bytes, amount, 1);
        expect([w, h, amount, firstDiff(heap.data, want)]).toEqual([w, h, amount, null]);
        expect([w, h, amount, firstDiff(simd.data, want)]).toEqual([w, h, amount, null]);
        releaseSimdFrame(simd);
      }
      for (const factor of [1.5, 0, 0.3, 1, 100]) {
        const bytes = glyphLikeBytes(w * h);
        const heap = createFrame(w, h);
        heap.data.set(bytes);
        const simd = inArena(bytes, w, h);
        saturation.apply(heap, { factor }, ctx);
        saturation.apply(simd, { factor }, ctx);
        const want = reference(bytes, 0, factor);
        expect([w, h, factor, firstDiff(heap.data, want)]).toEqual([w, h, factor, null]);
        expect([w, h, factor, firstDiff(simd.data, want)]).toEqual([w, h, factor, null]);
        releaseSimdFrame(simd);
      }
    }
  });

  test('match the reference on a grid over the whole colour cube (every hue sector, greys, near-greys)', () => {
    const levels = [0, 1, 2, 3, 127, 128, 254, 255];
    for (let c = 4; c < 255; c += 6) levels.push(c);
    const n = levels.length;
    const bytes = new Uint8Array(n * n * n * 3);
    let o = 0;
    for (const r of levels) for (const g of levels) for (const b of levels) bytes.set([r, g, b], (o++) * 3);
    const f = inArena(bytes, n * n, n);
    for (const [dh, sf] of [[0.25, 1], [-0.6, 1], [0, 1.7], [0, 0.5], [0.5, 0.5]] as const) {
      f.data.set(bytes);
      adjustHsv(f.data, dh, sf);
      expect([dh, sf, firstDiff(f.data, reference(bytes, dh, sf))]).toEqual([dh, sf, null]);
    }
    releaseSimdFrame(f);
  });

  test('non-finite adjustments give what the JavaScript arithmetic gives (NaN sector, NaN → 0 bytes)', () => {
    const bytes = glyphLikeBytes(200);
    for (const [dh, sf] of [[Infinity, 1], [-Infinity, 1], [NaN, 1], [0, NaN], [0, Infinity], [0.3, -1]] as const) {
      const d = bytes.slice();
      adjustHsv(d, dh, sf);
      expect([dh, sf, firstDiff(d, reference(bytes, dh, sf))]).toEqual([dh, sf, null]);
    }
  });

  test('the colour cache never serves a result computed for other parameters', () => {
    const bytes = glyphLikeBytes(500);
    for (const [dh, sf] of [[0.2, 1], [0.2, 1], [0.3, 1], [0.2, 1], [0, 1.5], [0, 1.5], [0.2, 1], [-0, 1], [0, 1]] as const) {
      const d = bytes.slice();
      adjustHsv(d, dh, sf);
      expect([dh, sf, firstDiff(d, reference(bytes, dh, sf))]).toEqual([dh, sf, null]);
    }
  });

  test('touch only the frame: bytes around a sub-range stay as they were, in the arena and on the heap', () => {
    // The bytes around the frame continue its one run of colour, so a group or word written past either end shows.
    const colour = [200, 40, 90];
    const a = arena();
    for (const npx of [1, 2, 16, 17, 33]) {
      const total = npx * 3 + 2 * 48;
      const filled = new Uint8Array(total);
      for (let i = 0; i < total; i += 3) filled.set(colour, i);
      const ptr = a.alloc(total);
      for (const outer of [a.u8(ptr, total), new Uint8Array(total)]) {
        outer.set(filled);
        const inner = outer.subarray(48, 48 + npx * 3);
        adjustHsv(inner, 0.5, 1);
        expect([npx, outer.subarray(0, 48), outer.subarray(48 + npx * 3)]).toEqual([npx, filled.subarray(0, 48), filled.subarray(0, 48)]);
        expect(inner).toEqual(reference(filled.subarray(0, npx * 3), 0.5, 1));
        expect(inner).not.toEqual(filled.subarray(0, npx * 3));
      }
      a.release(ptr);
    }
  });
});
