import type { RgbFrame, ShaderContext } from '@glyphreel/core';
import { roundTo } from './internal/cache.js';
import { bloomGrid } from './glow/bloom.js';
import { frameWords } from './internal/packed.js';
import { scanlineLut } from './lines/scanlines.js';
import { grainRow } from './noise/grain.js';
import { cachedVignetteFactors } from './tone/vignette.js';

/** Noise values are stored biased by this (as the grain shader does). */
const BIAS = 256;

/** Effective parameters of one fused run; a stage that is absent has its field undefined. */
export interface FinishStages {
  bloom?: { thr: number };
  vignette?: { s: number };
  grain?: { amt: number };
  scanlines?: { intensity: number; spacing: number };
}

/** The shaders a finishing pass can fuse, in the only order it fuses them. */
export const FINISH_ORDER = ['bloom', 'vignette', 'grain', 'scanlines'] as const;

/**
 * bloom → vignette → grain → scanlines in one pass over the frame, byte-for-byte equal to applying the shaders in
 * turn (same bloom grid, same fixed-point vignette, same noise stream from the same single rng draw, same scanline
 * table). Once bloom's low-resolution glow is computed, each of them is a pointwise op that reads and writes the
 * whole frame; fused, the frame is read and written once and each byte goes through the steps in registers. A
 * 4-pixel group (three words) is exactly one bloom block. Absent stages are identities (no glow, vignette factor 1,
 * noise 0, no dark rows) and draw nothing from the rng, as the shaders do when they have nothing to do.
 * Returns false (doing nothing) when the width is not a multiple of 4 or the buffer is not word-aligned; the chain
 * then runs the steps one by one.
 */
export function finishPass(frame: RgbFrame, st: FinishStages, ctx: ShaderContext): boolean {
  const { width, height, data } = frame;
  const stride = width * 3;
  // Four pixels are three words: rows split into whole groups only when the width is a multiple of 4.
  const words = (width & 3) === 0 ? frameWords(data) : undefined;
  if (!words) return false;
  const sw = width >> 2;
  const glow = (st.bloom ? bloomGrid(data, width, height, st.bloom.thr, ctx.scratch) : undefined)
    ?? ctx.scratch.i32('finish:no-glow', sw * ((height + 3) >> 2)).fill(0);
  const s = st.vignette ? roundTo(st.vignette.s, 2) : 0;
  const f = cachedVignetteFactors(width, height, s);
  const amt = st.grain ? Math.trunc(st.grain.amt) : 0;
  const hw = (width + 1) >> 1;
  const noise = ctx.scratch.i32('finish:noise', hw + 1);
  if (amt <= 0) noise.fill(BIAS);
  let counter = amt > 0 ? ctx.rng.nextU32() | 0 : 0;
  const span = 2 * amt + 1;
  const base = BIAS - amt;
  const sc = st.scanlines && st.scanlines.intensity !== 0 ? st.scanlines : undefined;
  const lut = scanlineLut(ctx.scratch.u8('finish:scan', 256), sc ? sc.intensity : 0);
  const spacing = sc ? sc.spacing : 0;
  const groups = width >> 2;
  for (let y = 0; y < height; y++) {
    if (amt > 0 && (y & 1) === 0) counter = grainRow(noise, hw, counter, span, base);
    const dark = sc !== undefined && y % spacing === 0;
    const row = y * width;
    const blocks = (y >> 2) * sw;
    for (let g = 0, k = (y * stride) >> 2, i = row; g < groups; g++, k += 3, i += 4) {
      const v = glow[blocks + g]!;
      const gr = v & 255;
      const gg = (v >>> 8) & 255;
      const gb = v >>> 16;
      const k0 = f[i]!;
      const k1 = f[i + 1]!;
      const k2 = f[i + 2]!;
      const k3 = f[i + 3]!;
      const n0 = noise[2 * g]! - BIAS;
      const n1 = noise[2 * g + 1]! - BIAS;
      const w0 = words[k]!;
      const w1 = words[k + 1]!;
      const w2 = words[k + 2]!;
      let a0 = step((w0 & 255) + gr, k0, n0);
      let a1 = step(((w0 >>> 8) & 255) + gg, k0, n0);
      let a2 = step(((w0 >>> 16) & 255) + gb, k0, n0);
      let a3 = step((w0 >>> 24) + gr, k1, n0);
      let b0 = step((w1 & 255) + gg, k1, n0);
      let b1 = step(((w1 >>> 8) & 255) + gb, k1, n0);
      let b2 = step(((w1 >>> 16) & 255) + gr, k2, n1);
      let b3 = step((w1 >>> 24) + gg, k2, n1);
      let c0 = step((w2 & 255) + gb, k2, n1);
      let c1 = step(((w2 >>> 8) & 255) + gr, k3, n1);
      let c2 = step(((w2 >>> 16) & 255) + gg, k3, n1);
      let c3 = step((w2 >>> 24) + gb, k3, n1);
      if (dark) {
        a0 = lut[a0]!; a1 = lut[a1]!; a2 = lut[a2]!; a3 = lut[a3]!;
        b0 = lut[b0]!; b1 = lut[b1]!; b2 = lut[b2]!; b3 = lut[b3]!;
        c0 = lut[c0]!; c1 = lut[c1]!; c2 = lut[c2]!; c3 = lut[c3]!;
      }
      words[k] = a0 | (a1 << 8) | (a2 << 16) | (a3 << 24);
      words[k + 1] = b0 | (b1 << 8) | (b2 << 16) | (b3 << 24);
      words[k + 2] = c0 | (c1 << 8) | (c2 << 16) | (c3 << 24);
    }
    }
  return true;
}

/** One byte plus its glow (saturated), through the vignette factor (16.16) and the grain offset, clamped. */
function step(b: number, k: number, n: number): number {
  const v = (((b > 255 ? 255 : b) * k) >>> 16) + n;
  return v < 0 ? 0 : v > 255 ? 255 : v;
}
