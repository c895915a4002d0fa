import { describe, expect, test } from '@jest/globals';
import { createFrame, createGeometry, Rng, type RgbFrame } from '@glyphreel/core';
import { arena } from '../shaders/internal/simd/arena.js';
import { createSimdFrame, releaseSimdFrame } from '../shaders/internal/simd/frame.js';
import { firstDiff, randomBytes } from '../test-utils/bytes.js';
import { blendBytes, blendLut } from './blend/engine.js';
import { FeedbackBuffer } from './feedback/buffer.js';
import { applyTransformPlan, buildTransformPlan, FEEDBACK_TRANSFORMS, type FeedbackTransform } from './feedback/transforms.js';
import { applyMask } from './masks/apply.js';
import { revealMix } from './transitions/reveal.js';

// Scalar references written from each pass's definition, compared byte for byte with the compose kernels
// (wasm/compose.wat.mjs) on heap arrays and arena frames, at sizes that leave every tail of the 48-byte groups.

const rng = new Rng(2024);

/** Bytes whose 48-byte groups often repeat (flat areas, which the blend kernel reuses) with random specks. */
function flatBytes(n: number): Uint8Array {
  const d = new Uint8Array(n);
  let v = rng.int(0, 255);
  for (let i = 0; i < n; i += 3) {
    if (rng.chance(0.01)) v = rng.int(0, 255);
    d.fill(v, i, Math.min(n, i + 3));
    if (rng.chance(0.02)) d[i] = rng.int(0, 255);
  }
  return d;
}

function inArena(src: Uint8Array): Uint8Array {
  const f = arena().u8(arena().alloc(src.length), src.length);
  f.set(src);
  return f;
}

const free = (d: Uint8Array) => arena().release(d.byteOffset);

describe('blendBytes (SIMD)', () => {
  const blendRef = (a: Uint8Array, b: Uint8Array, lut: Uint8Array) => a.map((x, i) => lut[(x << 8) | b[i]!]!);
  const LENGTHS = [1, 2, 47, 48, 49, 95, 96, 97, 3 * 97 * 5, 40_000, 100_003];
  const tables = [randomBytes(rng, 65536), blendLut('screen', 0.7), blendLut('colorburn', 1)];

  test.each(LENGTHS)('equals out[i] = lut[a·256 + b] for %p bytes, every heap/arena placement', (n) => {
    for (const lut of tables) {
      for (const make of [(k: number) => randomBytes(rng, k), flatBytes]) {
        const A = make(n);
        const B = rng.chance(0.5) ? make(n) : A.map((x) => (rng.chance(0.05) ? x ^ 1 : x));
        const want = blendRef(A, B, lut);
        for (let place = 0; place < 8; place++) {
          const a = place & 1 ? inArena(A) : A.slice();
          const b = place & 2 ? inArena(B) : B.slice();
          const out = place & 4 ? inArena(new Uint8Array(n)) : new Uint8Array(n);
          blendBytes(a, b, lut, out);
          expect([n, place, firstDiff(out, want)]).toEqual([n, place, null]);
          expect([n, place, firstDiff(a, A), firstDiff(b, B)]).toEqual([n, place, null, null]);
          for (const d of [a, b, out]) if (place && arena().ptrOf(d) >= 0) free(d);
        }
      }
    }
  });

  test('out may be the base or the top (heap or arena), and base may be the top', () => {
    const n = 3 * 211 * 7;
    const lut = tables[0]!;
    for (const onArena of [false, true]) {
      const A = flatBytes(n);
      const B = randomBytes(rng, n);
      const a = onArena ? inArena(A) : A.slice();
      const b = onArena ? inArena(B) : B.slice();
      blendBytes(a, b, lut, a);
      expect(firstDiff(a, blendRef(A, B, lut))).toBeNull();
      blendBytes(a, b, lut, b);
      expect(firstDiff(b, blendRef(blendRef(A, B, lut), B, lut))).toBeNull();
      const c = onArena ? inArena(B) : B.slice();
      blendBytes(c, c, lut, c);
      expect(firstDiff(c, blendRef(B, B, lut))).toBeNull();
      // A heap base with an arena out that is not the top, and the reverse.
      const out = onArena ? new Uint8Array(n) : inArena(new Uint8Array(n));
      blendBytes(onArena ? a : A, b, lut, out);
      expect(firstDiff(out, blendRef(onArena ? a : A, b, lut))).toBeNull();
      if (onArena) [a, b, c].forEach(free);
      else free(out);
    }
  });

  test('writes nothing outside the output', () => {
    const a = arena();
    const n = 3 * 37;
    const ptr = a.alloc(n + 128);
    const guard = a.u8(ptr, n + 128);
    guard.fill(0xa5);
    const out = a.u8(ptr + 64, n);
    blendBytes(randomBytes(rng, n), randomBytes(rng, n), tables[0]!, out);
    expect(guard.subarray(0, 64).every((v) => v === 0xa5) && guard.subarray(64 + n).every((v) => v === 0xa5)).toBe(true);
    a.release(ptr);
  });
});

// ---------------------------------------------------------------------------------------------------------------

/** The source pixel (x, y) of destination pixel (x, y), or null for black, from each transform's definition. */
function transformSource(t: FeedbackTransform, w: number, h: number, amt: number, x: number, y: number): [number, number] | null {
  const m = Math.floor(h * amt);
  const n = Math.floor(w * amt);
  switch (t) {
    case 'zoom':
      return [n + Math.floor((x * (w - 2 * n)) / w), m + Math.floor((y * (h - 2 * m)) / h)];
    case 'shrink': {
      if (x < n || x >= w - n || y < m || y >= h - m) return null;
      return [Math.floor(((x - n) * w) / (w - 2 * n)), Math.floor(((y - m) * h) / (h - 2 * m))];
    }
    case 'shift_up':
    case 'shift_down': {
      const k = Math.max(1, m) * (t === 'shift_up' ? 1 : -1);
      return y + k >= 0 && y + k < h ? [x, y + k] : null;
    }
    case 'mirror_h':
      return [w - 1 - x, y];
    default: {
      const angle = (t === 'rotate_cw' ? 1 : -1) * amt * 10;
      const [X, Y] = [x - w / 2, y - h / 2];
      const sx = Math.trunc(X * Math.cos(angle) + Y * Math.sin(angle) + w / 2);
      const sy = Math.trunc(-X * Math.sin(angle) + Y * Math.cos(angle) + h / 2);
      return [Math.min(w - 1, Math.max(0, sx)), Math.min(h - 1, Math.max(0, sy))];
    }
  }
}

function transformRef(src: Uint8Array, t: FeedbackTransform, w: number, h: number, amt: number): Uint8Array {
  const out = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const s = transformSource(t, w, h, amt, x, y);
      if (s) out.set(src.subarray((s[1] * w + s[0]) * 3, (s[1] * w + s[0]) * 3 + 3), (y * w + x) * 3);
    }
  }
  return out;
}

const SIZES: Array<[number, number]> = [[1, 1], [3, 2], [15, 3], [16, 2], [17, 5], [33, 7], [50, 9], [97, 5], [211, 40]];

describe('feedback transforms (SIMD)', () => {
  test.each(FEEDBACK_TRANSFORMS)('%s equals its definition on heap and arena buffers', (t) => {
    for (const [w, h] of SIZES) {
      for (const amt of t.startsWith('rotate') ? [0.005, 0.03] : [0.02, 0.1, 0.3]) {
        const src = randomBytes(rng, w * h * 3);
        const want = transformRef(src, t, w, h, amt);
        const plan = buildTransformPlan(w, h, t, amt);
        for (const onArena of [false, true]) {
          const s = onArena ? inArena(src) : src.slice();
          const d = onArena ? inArena(randomBytes(rng, w * h * 3)) : randomBytes(rng, w * h * 3);
          applyTransformPlan(plan, s, d, w, h);
          expect([t, w, h, amt, onArena, firstDiff(d, want, w)]).toEqual([t, w, h, amt, onArena, null]);
          if (onArena) [s, d].forEach(free);
        }
      }
    }
  });

  test('FeedbackBuffer: decay, transform and blend over several frames equal the reference, heap and arena frames', () => {
    const [w, h] = [53, 21];
    for (const transform of [null, ...FEEDBACK_TRANSFORMS]) {
      const opts = { decay: 0.8, blend: 'screen', opacity: 0.6, transform, transformAmt: 0.04 };
      const lut = blendLut('screen', 0.6);
      const frames = [0, 1, 2, 3].map((k) => (k % 2 ? flatBytes(w * h * 3) : randomBytes(rng, w * h * 3)));
      // Reference: the buffer is the last result; top = transform(buffer), decayed, blended under the frame.
      let buf = frames[0]!;
      const want: Uint8Array[] = [buf];
      for (const f of frames.slice(1)) {
        const top = transform ? transformRef(buf, transform, w, h, 0.04) : buf;
        buf = f.map((x, i) => lut[(x << 8) | Math.floor(top[i]! * 0.8 + 1e-6)]!);
        want.push(buf);
      }
      for (const make of [(d: Uint8Array): RgbFrame => ({ width: w, height: h, data: d.slice() }), (d: Uint8Array) => {
        const f = createSimdFrame(w, h);
        f.data.set(d);
        return f;
      }]) {
        const fb = new FeedbackBuffer();
        frames.forEach((d, k) => {
          const frame = make(d);
          fb.apply(frame, opts);
          expect([transform, k, firstDiff(frame.data, want[k]!, w)]).toEqual([transform, k, null]);
          expect([transform, k, firstDiff(fb.buffer!, want[k]!, w)]).toEqual([transform, k, null]);
          if (arena().ptrOf(frame.data) >= 0) releaseSimdFrame(frame);
        });
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('applyMask (SIMD)', () => {
  /** Each pixel's cell clamped into the grid; ⌊d·m + g·(1 − m)⌋ (⌊d·m⌋ without bg), kept at m ≥ 1, bg at m ≤ 0. */
  function maskRef(src: Uint8Array, bg: Uint8Array | null, w: number, h: number, mask: Float32Array, g: ReturnType<typeof createGeometry>): Uint8Array {
    const out = src.slice();
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const row = Math.min(g.rows - 1, Math.max(0, Math.floor((y - g.offsetYPx) / g.cellHeightPx)));
        const col = Math.min(g.cols - 1, Math.max(0, Math.floor((x - g.offsetXPx) / g.cellWidthPx)));
        const m = mask[row * g.cols + col]!;
        for (let c = 0; c < 3; c++) {
          const i = (y * w + x) * 3 + c;
          if (m >= 1) continue;
          const under = bg ? bg[i]! : 0;
          if (m <= 0) out[i] = under;
          else out[i] = Math.trunc(src[i]! * m + under * (1 - m)) || 0;
        }
      }
    }
    return out;
  }

  test.each([[37, 23, 4, 3], [50, 31, 6, 5], [211, 40, 12, 24], [17, 5, 3, 2]])('%p×%p with %p×%p cells, bg or black, heap and arena frames', (w, h, cw, ch) => {
    const g = createGeometry({ rows: Math.floor(h / ch), cols: Math.floor(w / cw), cellWidthPx: cw, cellHeightPx: ch, frameWidthPx: w, frameHeightPx: h });
    const mask = new Float32Array(g.rows * g.cols).map(() => (rng.chance(0.3) ? 1 : rng.chance(0.3) ? 0 : rng.chance(0.1) ? NaN : rng.next() * 1.4 - 0.2));
    const src = randomBytes(rng, w * h * 3);
    const bgBytes = randomBytes(rng, w * h * 3);
    for (const withBg of [false, true]) {
      const want = maskRef(src, withBg ? bgBytes : null, w, h, mask, g);
      for (const onArena of [false, true]) {
        const frame = onArena ? createSimdFrame(w, h) : createFrame(w, h);
        frame.data.set(src);
        const bg = withBg ? (onArena ? createSimdFrame(w, h) : createFrame(w, h)) : undefined;
        bg?.data.set(bgBytes);
        applyMask(frame, mask, g, bg);
        expect([withBg, onArena, firstDiff(frame.data, want, w)]).toEqual([withBg, onArena, null]);
        if (onArena) [frame, bg].forEach((f) => f && releaseSimdFrame(f));
      }
    }
  });
});

describe('revealMix (SIMD)', () => {
  /** The definition, pixel by pixel in f64. */
  function revealRef(a: Uint8Array, b: Uint8Array, order: Float32Array, progress: number, feather: number): Uint8Array {
    if (!(progress > 0)) return a.slice();
    if (progress >= 1) return b.slice();
    const out = new Uint8Array(a.length);
    for (let i = 0; i < order.length; i++) {
      const s = order[i]!;
      const m = feather > 0 ? Math.min(1, Math.max(0, (progress * (1 + feather) - s) / feather)) : s < progress ? 1 : 0;
      for (let c = 0; c < 3; c++) {
        const p = 3 * i + c;
        out[p] = m === 0 ? a[p]! : m === 1 ? b[p]! : Math.trunc(a[p]! * (1 - m) + b[p]! * m) || 0;
      }
    }
    return out;
  }

  const orderKinds: Array<[string, (n: number, w: number) => Float32Array]> = [
    ['random', (n) => new Float32Array(n).map(() => rng.next())],
    ['ramp', (n, w) => new Float32Array(n).map((_, i) => ((i % w) + 0.5) / w)],
    // Values right at the thresholds' neighbours, and negative or NaN orders (the formula decides those).
    ['edges', (n) => new Float32Array(n).map(() => (rng.chance(0.1) ? NaN : rng.chance(0.1) ? -rng.next() : Math.fround(0.3 + (rng.next() - 0.5) * 1e-6)))],
  ];

  test.each([[0.3, 0], [0.3, 0.05], [0.0001, 0.2], [0.999, 0.01], [0.5, 1], [0, 0.1], [1, 0], [0.3000001, 0]])('progress %p, feather %p: every order kind, heap and arena', (progress, feather) => {
    for (const [w, h] of [[1, 1], [15, 3], [17, 5], [97, 5], [211, 40]] as Array<[number, number]>) {
      for (const [kind, make] of orderKinds) {
        const order = make(w * h, w);
        const A = randomBytes(rng, w * h * 3);
        const B = flatBytes(w * h * 3);
        const want = revealRef(A, B, order, progress, feather);
        for (let place = 0; place < 4; place++) {
          const frame = (d: Uint8Array, simd: boolean) => {
            const f = simd ? createSimdFrame(w, h) : createFrame(w, h);
            f.data.set(d);
            return f;
          };
          const from = frame(A, (place & 1) === 1);
          const to = frame(B, (place & 2) === 2);
          const outs = [frame(new Uint8Array(w * h * 3), place === 3), from, to];
          for (const out of outs) {
            from.data.set(A);
            to.data.set(B);
            revealMix(from, to, out, order, progress, feather);
            expect([kind, w, h, place, outs.indexOf(out), firstDiff(out.data, want, w)]).toEqual([kind, w, h, place, outs.indexOf(out), null]);
          }
          for (const f of [from, to, outs[0]!]) if (arena().ptrOf(f.data) >= 0) releaseSimdFrame(f);
        }
      }
    }
  });
});
