import { describe, expect, it } from '@jest/globals';
import { createFrame, Rng, type RgbFrame } from '@glyphreel/core';
import { blendLut } from '../blend/engine.js';
import { hueShiftLevels } from '../../shaders/internal/hsv.js';
import { arena } from '../../shaders/internal/simd/arena.js';
import { firstDiff, randomBytes } from '../../test-utils/bytes.js';
import { expectBoth } from '../../test-utils/frames.js';
import { FeedbackBuffer } from './buffer.js';
import { applyTransformPlan, buildTransformPlan, type FeedbackTransform } from './transforms.js';

/**
 * The feedback hue shift from its formula, one pixel at a time in doubles: the channel values are the decayed buffer
 * in byte units (⌊B·decay + 1e−6⌋ when zoom/shrink quantized it, else B·decay), black below 1e−8, grey (max + 1e−6)
 * below 1e−8 of chroma, else HSV with h += shift wrapped to [0, 1), v = max + 1e−6, each channel truncated.
 */
function hueShiftRef(src: Uint8Array, decay: number, shift: number, quantized: boolean): Uint8Array {
  const out = new Uint8Array(src.length);
  const value = (b: number) => (quantized ? Math.min(255, Math.floor(b * decay + 1e-6)) : b * decay);
  for (let i = 0; i + 3 <= src.length; i += 3) {
    const r = value(src[i]!);
    const g = value(src[i + 1]!);
    const b = value(src[i + 2]!);
    const mx = Math.max(r, g, b);
    const mn = Math.min(r, g, b);
    if (mx <= 1e-8) continue;
    if (mx - mn <= 1e-8) {
      out.fill(Math.trunc(mx + 1e-6), i, i + 3);
      continue;
    }
    const d = mx - mn;
    let h = mx === r ? ((g - b) / d) % 6 : mx === g ? (b - r) / d + 2 : (r - g) / d + 4;
    h = h / 6 + shift;
    h -= Math.floor(h);
    if (h >= 1) h = 0;
    h *= 6;
    const s = d / mx;
    const sector = Math.floor(h);
    const f = h - sector;
    const v = mx + 1e-6;
    const p = v * (1 - s);
    const q = v * (1 - s * f);
    const t = v * (1 - s * (1 - f));
    const rgb = [[v, t, p], [q, v, p], [p, v, t], [p, q, v], [t, p, v], [v, p, q]][sector]!;
    out[i] = Math.trunc(rgb[0]!);
    out[i + 1] = Math.trunc(rgb[1]!);
    out[i + 2] = Math.trunc(rgb[2]!);
  }
  return out;
}

function levelsFor(decay: number, quantized: boolean): Float64Array {
  return Float64Array.from({ length: 256 }, (_, b) => (quantized ? Math.min(255, Math.floor(b * decay + 1e-6)) : b * decay));
}

/** Runs of one colour (1 to 40 pixels: whole 16-pixel groups and broken ones) between random single pixels. */
function runsBytes(rng: Rng, npx: number): Uint8Array {
  const out = new Uint8Array(npx * 3);
  for (let p = 0; p < npx; ) {
    const c = rng.chance(0.2) ? [0, 0, 0] : rng.chance(0.2) ? Array(3).fill(rng.int(0, 255)) : [rng.int(0, 255), rng.int(0, 255), rng.int(0, 255)];
    const n = rng.chance(0.5) ? 1 : rng.int(2, 40);
    for (let k = 0; k < n && p < npx; k++, p++) out.set(c, p * 3);
  }
  return out;
}

/** Every colour whose channels are edge levels: black, near black, mid, near white, white. */
function edgeColours(): Uint8Array {
  const levels = [0, 1, 2, 3, 127, 128, 253, 254, 255];
  const out: number[] = [];
  for (const r of levels) for (const g of levels) for (const b of levels) out.push(r, g, b);
  return Uint8Array.from(out);
}

/** The red-max colour (255, 0, 1) has h = −1/1530 in byte units: shifts around 1/1530 wrap h through 0 and 1. */
const NEAR_WRAP = -((0 - 1) / 255 / 6);

const SHIFTS = [1e-17, 1e-9, 0.02, 0.25, 0.5, 1 / 3, 0.999999, 1 - 2 ** -53, 1, 2.75, NEAR_WRAP, NEAR_WRAP * (1 - 1e-15), NEAR_WRAP * (1 + 1e-15)];

describe('hueShiftLevels (the FeedbackBuffer hue shift kernel)', () => {
  const rng = new Rng(11);
  const a = arena();

  /** Runs the kernel from a src region to a dst region with 64 guard bytes each side (or in place), returns dst. */
  function run(src: Uint8Array, levels: Float64Array, shift: number, inPlace: boolean): Uint8Array {
    const n = src.length;
    const sp = a.alloc(n + 128);
    const dp = inPlace ? sp : a.alloc(n + 128);
    a.u8(sp, n + 128).fill(0xa5);
    if (!inPlace) a.u8(dp, n + 128).fill(0x5a);
    a.u8(sp + 64, n).set(src);
    hueShiftLevels(sp + 64, dp + 64, n / 3, levels, shift);
    const guard = inPlace ? 0xa5 : 0x5a;
    const d = a.u8(dp, n + 128);
    expect([...d.subarray(0, 64), ...d.subarray(64 + n)].every((x) => x === guard)).toBe(true);
    if (!inPlace) expect(firstDiff(a.u8(sp + 64, n), src)).toBeNull();
    const out = new Uint8Array(d.subarray(64, 64 + n));
    a.release(sp);
    if (!inPlace) a.release(dp);
    return out;
  }

  it('matches the scalar reference on random and run-length frames of odd sizes, in place and not', () => {
    for (const npx of [1, 2, 15, 16, 17, 18, 33, 47, 1001]) {
      for (const [decay, quantized] of [[0.7, true], [0.7, false], [1, false], [0.85, true], [0.5, false]] as const) {
        const levels = levelsFor(decay, quantized);
        for (const shift of [0.02, 0.5, rng.next()]) {
          for (const src of [randomBytes(rng, npx * 3), runsBytes(rng, npx)]) {
            const want = hueShiftRef(src, decay, shift, quantized);
            for (const inPlace of [false, true]) {
              expect([npx, decay, quantized, shift, inPlace, firstDiff(run(src, levels, shift, inPlace), want)]).toEqual([npx, decay, quantized, shift, inPlace, null]);
            }
          }
        }
      }
    }
  });

  it('matches it at edge hue shifts (0 < h < 1 extremes, whole turns, the wrap of a negative hue to 0)', () => {
    const src = new Uint8Array([...edgeColours(), 255, 0, 1, 1, 0, 255, 254, 0, 1, ...randomBytes(rng, 3 * 500)]);
    for (const shift of SHIFTS) {
      for (const [decay, quantized] of [[1, false], [0.7, false], [0.7, true]] as const) {
        const want = hueShiftRef(src, decay, shift, quantized);
        expect([shift, decay, quantized, firstDiff(run(src, levelsFor(decay, quantized), shift, false), want)]).toEqual([shift, decay, quantized, null]);
      }
    }
  });

  it('refills its colour cache when the levels or the shift change between calls', () => {
    const src = runsBytes(rng, 700);
    // The same colours under a changed table or shift must not be served from the previous call's results.
    for (const [decay, quantized, shift] of [[0.7, false, 0.1], [0.7, false, 0.2], [0.7, true, 0.2], [0.8, true, 0.2], [0.8, true, 0.2]] as const) {
      expect(firstDiff(run(src, levelsFor(decay, quantized), shift, true), hueShiftRef(src, decay, shift, quantized))).toBeNull();
    }
    // A mutated levels array with the same identity counts as new levels.
    const levels = levelsFor(0.7, false);
    run(src, levels, 0.3, true);
    levels.set(levelsFor(0.6, false));
    expect(firstDiff(run(src, levels, 0.3, true), hueShiftRef(src, 0.6, 0.3, false))).toBeNull();
  });
});

describe('FeedbackBuffer hueShift', () => {
  const rng = new Rng(12);

  /** The second frame of a feedback from the formula: blend(frame, hueShift(decayed transform(seed))). */
  function secondFrameRef(seed: Uint8Array, frame: Uint8Array, w: number, h: number, transform: FeedbackTransform | null, amt: number, decay: number, shift: number): Uint8Array {
    let top = seed;
    if (transform !== null) {
      top = new Uint8Array(seed.length);
      applyTransformPlan(buildTransformPlan(w, h, transform, amt), seed, top, w, h);
    }
    const shifted = hueShiftRef(top, decay, shift, transform === 'zoom' || transform === 'shrink');
    const lut = blendLut('screen', 0.4);
    return Uint8Array.from(frame, (base, i) => lut[(base << 8) | shifted[i]!]!);
  }

  const transforms: [FeedbackTransform | null, number][] = [[null, 0], ['zoom', 0.1], ['shrink', 0.15], ['rotate_cw', 0.02], ['shift_up', 0.1], ['mirror_h', 0]];

  it('is the formula on heap and arena frames, for quantizing transforms (zoom, shrink) and the others', () => {
    for (const [w, h] of [[1, 1], [5, 3], [17, 2], [16, 4], [33, 7], [61, 19]] as const) {
      for (const [transform, amt] of transforms) {
        for (const shift of [0.02, 0.5, 1e-17, NEAR_WRAP]) {
          const decay = [0.7, 1, 0.85][rng.int(0, 2)]!;
          const seed = rng.chance(0.5) ? randomBytes(rng, w * h * 3) : runsBytes(rng, w * h);
          const src = randomBytes(rng, w * h * 3);
          const opts = { decay, blend: 'screen', opacity: 0.4, transform, transformAmt: amt, hueShift: shift };
          const want = secondFrameRef(seed, src, w, h, transform, amt, decay, shift);
          const apply = (frame: RgbFrame): void => {
            const fb = new FeedbackBuffer();
            const first = createFrame(w, h);
            first.data.set(seed);
            fb.apply(first, opts);
            fb.apply(frame, opts);
          };
          expectBoth(src, w, h, apply, want, `${w}x${h} ${transform} decay ${decay} shift ${shift}`);
        }
      }
    }
  });

  it('compounds: each frame shifts the previous result again (three frames, zoom, steady options)', () => {
    const [w, h] = [37, 11];
    const opts = { decay: 0.7, blend: 'screen', opacity: 0.4, transform: 'zoom' as const, transformAmt: 0.05, hueShift: 0.3 };
    const fb = new FeedbackBuffer();
    let buf = runsBytes(rng, w * h);
    const first = createFrame(w, h);
    first.data.set(buf);
    fb.apply(first, opts);
    for (let i = 0; i < 3; i++) {
      const frame = createFrame(w, h);
      frame.data.set(randomBytes(rng, w * h * 3));
      const want = secondFrameRef(buf, frame.data, w, h, 'zoom', 0.05, 0.7, 0.3);
      fb.apply(frame, opts);
      expect([i, firstDiff(frame.data, want, w)]).toEqual([i, null]);
      buf = want;
    }
  });
});
