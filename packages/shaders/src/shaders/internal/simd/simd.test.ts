import { describe, expect, test } from '@jest/globals';
import { createFrame, Rng } from '@glyphreel/core';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { shaderChain } from '../../standalone.js';
import { tonemap, tonemapRange } from '../../../compose/tonemap.js';
import { grainNoiseRow } from '../../noise/grain.js';
import { GOLDEN } from '../noise.js';
import { columnSquares, VIGNETTE_FLOOR, vignetteFactors } from '../../tone/vignette.js';
import { WasmArena } from '@glyphreel/core';
import { arena, kernels } from './arena.js';
import { clearSimdFrame, createSimdFrame, isSimdFrame, releaseSimdFrame } from './frame.js';
import { lutBytes } from './kernels.js';
import { randomBytes as randomBytesOf } from '../../../test-utils/bytes.js';

const rng = new Rng(11);
const randomBytes = (n: number) => randomBytesOf(rng, n);
/** Pixel counts around the 16-pixel vector width, so every kernel's tail path runs. */
const SIZES = [1, 2, 15, 16, 17, 31, 33, 48, 1001];

describe('generated kernel modules', () => {
  test('every src/shaders/internal/simd/*-wasm.ts matches its wasm/*.wat.mjs source', async () => {
    const buildUrl = pathToFileURL(fileURLToPath(new URL('../../../../wasm/build.mjs', import.meta.url))).href;
    const { buildAll } = (await import(buildUrl)) as { buildAll(): Promise<Array<{ name: string; target: string; expected: string }>> };
    const modules = await buildAll();
    expect(modules.map((m) => m.name)).toContain('core');
    for (const m of modules) expect([m.name, readFileSync(m.target, 'utf8')]).toEqual([m.name, m.expected]);
  });
});

describe('Arena', () => {
  test('views handed out stay valid after the memory grows; ptrOf knows them and only them', () => {
    const a = new WasmArena();
    const p = a.alloc(1000);
    const v = a.u8(p, 1000);
    v.fill(7);
    const big = a.alloc(8 << 20); // forces grow()
    expect(a.stats.memoryBytes).toBeGreaterThan(8 << 20);
    expect(v.length).toBe(1000);
    v[999] = 9;
    expect(a.u8(p, 1000)[999]).toBe(9);
    expect(v[0]).toBe(7);
    expect(a.ptrOf(v)).toBe(p);
    expect(a.ptrOf(a.u8(big, 16))).toBe(big);
    expect(a.ptrOf(new Uint8Array(16))).toBe(-1);
    expect(arena().ptrOf(v)).toBe(-1); // another arena's memory
  });

  test('an allocation past the 2 GiB maximum fails with one line, and the arena stays usable', () => {
    const a = new WasmArena();
    const top = a.stats.topBytes;
    expect(() => a.alloc(3 * 2 ** 30)).toThrow(/^Out of WebAssembly frame memory: 3073 MiB needed, 2048 MiB is the most a thread can have$/);
    expect(a.stats.topBytes).toBe(top);
    expect(a.alloc(100)).toBe(top);
  });

  test('released regions are reused first-fit and coalesce, and a free top returns to the bump region', () => {
    const a = new WasmArena();
    const top0 = a.stats.topBytes;
    const p1 = a.alloc(100);
    const p2 = a.alloc(100);
    const p3 = a.alloc(100);
    expect(p2 - p1).toBe(128); // 64-byte alignment
    a.release(p1);
    a.release(p2);
    expect(a.stats.freeBlocks).toBe(1); // p1 and p2 merged
    expect(a.alloc(200)).toBe(p1); // fits the merged block
    a.release(p1);
    a.release(p3);
    expect(a.stats.freeBlocks).toBe(0);
    expect(a.stats.topBytes).toBe(top0);
    expect(a.stats.usedBytes).toBe(0);
    a.release(12345); // unknown pointers are ignored
    expect(a.stats.usedBytes).toBe(0);
  });

  test('withBytes runs in place on arena bytes and copies other bytes in and back', () => {
    const a = arena();
    const heap = Uint8Array.of(1, 2, 3);
    let seen = -1;
    a.withBytes(heap, (p) => {
      seen = p;
      a.u8(p, 3).set([4, 5, 6]);
    });
    expect(Array.from(heap)).toEqual([4, 5, 6]);
    const f = createSimdFrame(1, 1);
    a.withBytes(f.data, (p) => (seen = p));
    expect(seen).toBe(a.ptrOf(f.data));
    releaseSimdFrame(f);
  });
});

describe('kernels against scalar definitions', () => {
  test('lutBytes maps exactly, for any range, on heap and arena bytes', () => {
    const table = randomBytes(256);
    for (const n of [1, 3, 4, 5, 17, 1003, 40_000]) {
      const src = randomBytes(n);
      const start = n > 4 ? 3 : 0;
      const end = n > 4 ? n - 1 : n;
      const expected = src.slice();
      for (let i = start; i < end; i++) expected[i] = table[src[i]!]!;
      const heap = src.slice();
      lutBytes(heap, table, start, end);
      expect(heap).toEqual(expected);
      const f = createSimdFrame(n, 1);
      f.data.set(src.subarray(0, n));
      lutBytes(f.data.subarray(0, n), table, start, end);
      expect(f.data.subarray(0, n)).toEqual(expected);
      releaseSimdFrame(f);
    }
    // A changed table is picked up (the two-byte table is cached by content).
    const d = Uint8Array.of(0, 1, 2, 3, 4);
    lutBytes(d, new Uint8Array(256).fill(9));
    lutBytes(d, new Uint8Array(256).map((_, i) => 255 - i));
    expect(Array.from(d)).toEqual([246, 246, 246, 246, 246]);
  });

  test('mul_pixels: every channel of pixel i becomes (c · k[i]) >> 15', () => {
    const a = arena();
    for (const npx of SIZES) {
      const src = randomBytes(npx * 3);
      const fp = a.alloc(npx * 2);
      const k = a.u16(fp, npx);
      for (let i = 0; i < npx; i++) k[i] = i === 0 ? 32769 : rng.int(0, 32769);
      const frame = createSimdFrame(npx, 1);
      frame.data.set(src);
      kernels().mul_pixels(a.ptrOf(frame.data), npx, fp);
      for (let j = 0; j < npx * 3; j++) expect([j, frame.data[j]]).toEqual([j, (src[j]! * k[Math.floor(j / 3)]!) >>> 15]);
      expect(Array.from(frame.data.subarray(0, 3))).toEqual(Array.from(src.subarray(0, 3))); // 32769 is identity
      releaseSimdFrame(frame);
      a.release(fp);
    }
  });

  test('add_pair_noise_row: noise[i] added with clamping to both pixels of pair i', () => {
    const a = arena();
    for (const npx of SIZES) {
      const src = randomBytes(npx * 3);
      const np = a.alloc(npx * 2 + 16);
      const noise = a.i16(np, (npx + 1) >> 1);
      for (let i = 0; i < noise.length; i++) noise[i] = rng.int(-300, 300);
      const f = createSimdFrame(npx, 1);
      f.data.set(src);
      kernels().add_pair_noise_row(a.ptrOf(f.data), npx, np);
      for (let j = 0; j < npx * 3; j++) {
        const v = src[j]! + noise[Math.floor(j / 6)]!;
        expect([j, f.data[j]]).toEqual([j, v < 0 ? 0 : v > 255 ? 255 : v]);
      }
      releaseSimdFrame(f);
      a.release(np);
    }
  });

  test('add_blocks_row: channel c of block b added with saturation to pixels 4b..4b+3', () => {
    const a = arena();
    for (const npx of SIZES) {
      const src = randomBytes(npx * 3);
      const blocks = Math.ceil(npx / 4);
      const bp = a.alloc(blocks * 4);
      const add = a.i32(bp, blocks);
      // Some groups of four blocks all zero (the kernel skips them), others random.
      for (let b = 0; b < blocks; b++) add[b] = (b >> 2) % 2 ? 0 : rng.int(0, 127) | (rng.int(0, 127) << 8) | (rng.int(0, 127) << 16);
      const f = createSimdFrame(npx, 1);
      f.data.set(src);
      kernels().add_blocks_row(a.ptrOf(f.data), npx, bp);
      for (let j = 0; j < npx * 3; j++) {
        const v = src[j]! + ((add[Math.floor(j / 12)]! >>> (8 * (j % 3))) & 255);
        expect([j, f.data[j]]).toEqual([j, Math.min(255, v)]);
      }
      releaseSimdFrame(f);
      a.release(bp);
    }
  });

  test('vignette_factors equals the JavaScript definition (vignetteFactors) bit for bit', () => {
    const a = arena();
    for (const [w, h, s] of [[1, 1, 0.22], [2, 1, 5], [7, 5, 2], [33, 17, 0.22], [640, 360, 1.5], [97, 3, 0.01], [1920, 1080, 0.22], [1081, 1919, 0.7], [2, 2, 0.5], [3, 4, 9]] as const) {
      const expected = vignetteFactors(w, h, s);
      const xxPtr = a.alloc(w * 8);
      columnSquares(w, new Float64Array(a.buffer, xxPtr, w));
      const out = a.alloc(w * h * 2);
      kernels().vignette_factors(out, xxPtr, w, h, s, VIGNETTE_FLOOR);
      const got = a.u16(out, w * h);
      let diff = -1;
      for (let i = 0; i < w * h && diff < 0; i++) if (got[i] !== expected[i]) diff = i;
      expect([w, h, s, diff]).toEqual([w, h, s, -1]);
      a.release(out);
      a.release(xxPtr);
    }
  });

  test('vignette factors are mirror-symmetric across both axes, and the kernel copes with an asymmetric xx', () => {
    for (const [w, h] of [[1920, 1080], [97, 3], [1081, 1919]] as const) {
      const f = vignetteFactors(w, h, 0.7);
      let asym = 0;
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (f[y * w + x] !== f[(h - 1 - y) * w + (w - 1 - x)] || f[y * w + x] !== f[y * w + (w - 1 - x)]) asym++;
      expect([w, h, asym]).toEqual([w, h, 0]);
    }
    // An xx that does not mirror (the kernel's columns are computed where the mirrored value differs).
    const a = arena();
    const w = 9;
    const h = 4;
    const xxPtr = a.alloc(w * 8);
    const xx = new Float64Array(a.buffer, xxPtr, w);
    for (let x = 0; x < w; x++) xx[x] = (x * x) / 64;
    const out = a.alloc(w * h * 2);
    kernels().vignette_factors(out, xxPtr, w, h, 0.5, VIGNETTE_FLOOR);
    const got = Array.from(a.u16(out, w));
    const want = Array.from(xx, (v) => Math.floor(Math.min(1, Math.max(VIGNETTE_FLOOR, 1 - Math.sqrt(v + 1) * 0.5)) * 32768) + 1);
    expect(got).toEqual(want);
    a.release(out);
    a.release(xxPtr);
  });

  test('grain_noise_row equals the scalar counter hash and returns the same counter', () => {
    const a = arena();
    for (const hw of [1, 2, 3, 7, 8, 9, 960]) {
      for (const [counter, amt] of [[0, 10], [-123456789, 1], [0x7fffffff, 255]] as const) {
        const span = 2 * amt + 1;
        const expected = new Int16Array(hw + 1);
        const end = grainNoiseRow(expected, hw, counter, span, -amt);
        const np = a.alloc((hw + 8) * 2);
        const got = kernels().grain_noise_row(np, hw, counter, GOLDEN, span, -amt);
        expect(got | 0).toBe(end | 0);
        expect(Array.from(a.i16(np, hw))).toEqual(Array.from(expected.subarray(0, hw)));
        a.release(np);
      }
    }
  });
});

describe('SIMD frames', () => {
  test('createSimdFrame gives zeroed arena frames; a chain and tonemap give the same bytes on heap and arena frames', () => {
    const w = 37;
    const h = 23;
    const f = createSimdFrame(w, h);
    expect(isSimdFrame(f)).toBe(true);
    expect(f.data.length).toBe(w * h * 3);
    expect(f.data.every((v) => v === 0)).toBe(true);
    const heap = createFrame(w, h);
    expect(isSimdFrame(heap)).toBe(false);
    const src = randomBytes(w * h * 3);
    heap.data.set(src);
    f.data.set(src);
    const steps = [['bloom', { thr: 100 }], ['vignette', { s: 0.5 }], ['grain', { amt: 20 }], ['scanlines', { intensity: 0.3 }]] as const;
    tonemap(heap);
    shaderChain(steps).apply(heap, { rng: new Rng(5) });
    tonemap(f);
    shaderChain(steps).apply(f, { rng: new Rng(5) });
    expect(f.data).toEqual(heap.data);
    expect(f.data).not.toEqual(src);
    releaseSimdFrame(f);
    expect(() => createSimdFrame(0, 4)).toThrow(/createSimdFrame: size 0×4 is invalid/);
  });

  test("tonemap's subsample histogram (a kernel on arena frames) gives the same range as on heap frames", () => {
    for (const [w, h] of [[1, 1], [5, 3], [37, 23], [64, 41]] as const) {
      const heap = createFrame(w, h);
      heap.data.set(randomBytes(w * h * 3).map((v) => v >> 1)); // a range that tonemap stretches
      const f = createSimdFrame(w, h);
      f.data.set(heap.data);
      const expected = tonemapRange(heap);
      expect(tonemapRange(f)).toEqual(expected);
      expect(expected.samples).toBe(Math.ceil(w / 4) * Math.ceil(h / 4) * 3);
      releaseSimdFrame(f);
    }
  });

  test('clearSimdFrame zero-fills arena and heap frames and nothing outside them', () => {
    const a = arena();
    const f = createSimdFrame(7, 5);
    const ptr = a.ptrOf(f.data);
    // The bytes on either side belong to the allocator's padding or a neighbour: saved and restored.
    const around = a.u8(ptr - 1, f.data.length + 2);
    const saved = [around[0]!, around[around.length - 1]!];
    around.fill(200);
    clearSimdFrame(f);
    expect(f.data.every((v) => v === 0)).toBe(true);
    expect([around[0], around[around.length - 1]]).toEqual([200, 200]);
    [around[0], around[around.length - 1]] = saved;
    const heap = createFrame(3, 2);
    heap.data.fill(5);
    clearSimdFrame(heap);
    expect(heap.data.every((v) => v === 0)).toBe(true);
    releaseSimdFrame(f);
  });
});
