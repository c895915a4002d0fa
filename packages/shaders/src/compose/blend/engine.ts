import { GlyphreelError, type RgbFrame } from '@glyphreel/core';
import { arena } from '../../shaders/internal/simd/arena.js';
import { blendFunction, type BlendMode } from './modes.js';
import { bytesIn, composeKernels, stage } from './wasm.js';

/**
 * 8-bit blending through lookup tables (catalog 4.1, seed: "tabulate what depends only on bytes").
 *
 * Both inputs are bytes, so a mode is a function of 65 536 (base, top) pairs. Per mode we tabulate M(a, b) once in
 * float64 (opacity-free, built lazily on first use); per (mode, opacity) we derive a 64 KiB byte table from it with the
 * exact float formula, so the per-pixel work is one table read per channel byte.
 *
 * Quantization: u8 = ⌊clamp(r)·255 + 1e−6⌋. The 1e−6 guard absorbs binary representation error: without it,
 * a·(1 − op) + a·op evaluates to a hair below a for some a and op (e.g. a = 3/255, op = 0.3), so darken/lighten/normal
 * at opacity 0 would lose 1 on those bytes. The guard only moves results whose float value lies within 1e−6 of the next
 * integer, i.e. it differs from the bare formula by at most 1 and only on such representation noise.
 */
export const QUANT_GUARD = 1e-6;

/** ⌊clamp(r)·255 + guard⌋, the output quantization of every 8-bit blend. */
export function quantizeUnit(r: number): number {
  if (!(r > 0)) return 0; // also maps NaN to 0
  if (r >= 1) return 255;
  return Math.floor(r * 255 + QUANT_GUARD);
}

const modeTables = new Map<string, Float64Array>();

/** M(A/255, B/255) for every byte pair, index (A << 8) | B. Built once per mode. */
export function blendModeTable(mode: BlendMode | string): Float64Array {
  let t = modeTables.get(mode);
  if (t) return t;
  const fn = blendFunction(mode);
  t = new Float64Array(65536);
  for (let A = 0; A < 256; A++) {
    const a = A / 255;
    for (let B = 0; B < 256; B++) t[(A << 8) | B] = fn(a, B / 255);
  }
  modeTables.set(mode, t);
  return t;
}

/** Small LRU of derived byte tables: animated opacities rebuild (≈65 k multiply-adds), static ones hit. */
export class LutCache {
  private readonly map = new Map<string, Uint8Array>();
  constructor(private readonly capacity: number) {}
  get(key: string, build: () => Uint8Array): Uint8Array {
    const hit = this.map.get(key);
    if (hit) {
      this.map.delete(key);
      this.map.set(key, hit);
      return hit;
    }
    const lut = build();
    this.map.set(key, lut);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
    return lut;
  }
}

const byteLuts = new LutCache(48);

export function checkOpacity(opacity: number, where: string): void {
  if (typeof opacity !== 'number' || !(opacity >= 0 && opacity <= 1)) {
    throw new GlyphreelError('E_PARAM', `${where}: opacity ${String(opacity)} is invalid; expected a number in [0, 1]`);
  }
}

/**
 * The byte table of (mode, opacity): out = lut[(base << 8) | top]. Same formula as catalog 4.1: r = M(a, b); if
 * opacity < 1, r = a(1 − op) + r·op; u8 = quantizeUnit(r).
 */
export function blendLut(mode: BlendMode | string, opacity = 1): Uint8Array {
  checkOpacity(opacity, `blend ${mode}`);
  return byteLuts.get(`${mode}:${opacity}`, () => {
    const m = blendModeTable(mode);
    const lut = new Uint8Array(65536);
    const inv = 1 - opacity;
    for (let A = 0; A < 256; A++) {
      const a = A / 255;
      const row = A << 8;
      for (let B = 0; B < 256; B++) {
        const r = opacity < 1 ? a * inv + (m[row | B] as number) * opacity : (m[row | B] as number);
        lut[row | B] = quantizeUnit(r);
      }
    }
    return lut;
  });
}

/** Below this many bytes, arrays outside the arena are blended in JavaScript: staging the table would cost more. */
const KERNEL_MIN_BYTES = 1 << 15;

/**
 * out[i] = lut[(base[i] << 8) | top[i]] over whole byte arrays, in the blend_lut kernel (wasm/compose.wat.mjs) when
 * any array lives in the SIMD arena or the arrays are large: arena arrays are used in place, others copied in (and
 * `out` back). `out` may alias `base` or `top` (the same bytes): every byte is read before it is written.
 */
export function blendBytes(base: Uint8Array, top: Uint8Array, lut: Uint8Array, out: Uint8Array): void {
  const n = base.length;
  if (top.length !== n || out.length !== n) {
    throw new GlyphreelError('E_PARAM', `blend: buffer sizes differ (base ${n}, top ${top.length}, out ${out.length} bytes)`);
  }
  if (lut.length < 65536) throw new GlyphreelError('E_PARAM', `blend: table has ${lut.length} entries; expected 65536`);
  const a = arena();
  if (n === 0) return;
  if (n < KERNEL_MIN_BYTES && a.ptrOf(base) < 0 && a.ptrOf(top) < 0 && a.ptrOf(out) < 0) {
    for (let i = 0; i < n; i++) out[i] = lut[((base[i] as number) << 8) | (top[i] as number)] as number;
    return;
  }
  const table = bytesIn(lut.subarray(0, 65536), 'compose:lut');
  const s = stage([base, top], out, 'compose');
  composeKernels().blend_lut(s.ptrs[0] as number, s.ptrs[1] as number, s.out, n, table, 0);
  s.finish();
}

/**
 * blend_canvas (catalog 4.1) on raw rgb24 bytes: out = M(base, top) mixed with base by opacity. `out` may alias
 * `base`. Unknown modes throw E_UNKNOWN listing the known ones.
 */
export function blendFrames(base: Uint8Array, top: Uint8Array, mode: BlendMode | string, opacity: number, out: Uint8Array): Uint8Array {
  blendBytes(base, top, blendLut(mode, opacity), out);
  return out;
}

/** blendFrames on RgbFrames; writes into `out` (default: a new frame). */
export function blendRgbFrames(base: RgbFrame, top: RgbFrame, mode: BlendMode | string, opacity = 1, out?: RgbFrame): RgbFrame {
  if (base.width !== top.width || base.height !== top.height) {
    throw new GlyphreelError('E_PARAM', `blend: frame sizes differ (${base.width}×${base.height} vs ${top.width}×${top.height})`);
  }
  const dst = out ?? { width: base.width, height: base.height, data: new Uint8Array(base.data.length) };
  blendFrames(base.data, top.data, mode, opacity, dst.data);
  return dst;
}
