import type { Scratch } from '@glyphreel/core';
import { PACKED_COPY_KEY, packPixels, unpackPixels } from './packed.js';

const CACHE_BITS = 16;
const CACHE_SIZE = 1 << CACHE_BITS;

/**
 * In-place HSV adjustment of rgb24 bytes: hue += dh (mod 1), saturation ×= sf (clamped). The arithmetic is exactly
 * core's rgbToHsvInto followed by hsvToRgbInto (same operations in the same order, in doubles), inlined so a pixel
 * makes no function calls. Glyph frames repeat a limited set of colours, so results go through a 64K-entry
 * direct-mapped colour cache (keyed by the packed pixel, reset every call): a hit costs a hash and two loads.
 */
export function adjustHsv(data: Uint8Array, dh: number, sf: number, scratch: Scratch): void {
  const npx = data.length / 3;
  const px = scratch.i32(PACKED_COPY_KEY, npx);
  const keys = scratch.i32('hsv:keys', CACHE_SIZE);
  const vals = scratch.i32('hsv:vals', CACHE_SIZE);
  keys.fill(-1);
  unpackPixels(data, px);
  let prevIn = -1;
  let prevOut = 0;
  for (let i = 0; i < npx; i++) {
    const P = px[i]!;
    if (P === prevIn) {
      px[i] = prevOut; // runs of one colour skip even the hash
      continue;
    }
    prevIn = P;
    const slot = Math.imul(P, 0x9e3779b1) >>> (32 - CACHE_BITS);
    if (keys[slot] === P) {
      prevOut = vals[slot]!;
      px[i] = prevOut;
      continue;
    }
    const R = P & 255;
    const G = (P >>> 8) & 255;
    const B = P >>> 16;
    // rgbToHsvInto
    const r = R / 255;
    const g = G / 255;
    const b = B / 255;
    const mx = r > g ? (r > b ? r : b) : g > b ? g : b;
    const mn = r < g ? (r < b ? r : b) : g < b ? g : b;
    const d = mx - mn;
    let h = 0;
    if (d > 1e-10) {
      if (mx === r) h = ((g - b) / d) % 6;
      else if (mx === g) h = (b - r) / d + 2;
      else h = (r - g) / d + 4;
      h /= 6;
      if (h < 0) h += 1;
    }
    if (h >= 1) h = 0;
    let s = mx > 1e-10 ? d / mx : 0;
    const v = mx;
    // adjustment, then hsvToRgbInto (wrap01, clamp01, six sectors, trunc(c·255))
    h += dh;
    let hw = h - Math.floor(h);
    if (hw >= 1) hw = 0;
    s *= sf;
    s = s < 0 ? 0 : s > 1 ? 1 : s;
    const h6 = hw * 6;
    const k = Math.floor(h6);
    const f = h6 - k;
    const p = v * (1 - s);
    const q = v * (1 - s * f);
    const t = v * (1 - s * (1 - f));
    let rr: number, gg: number, bb: number;
    switch (k) {
      case 0: rr = v; gg = t; bb = p; break;
      case 1: rr = q; gg = v; bb = p; break;
      case 2: rr = p; gg = v; bb = t; break;
      case 3: rr = p; gg = q; bb = v; break;
      case 4: rr = t; gg = p; bb = v; break;
      default: rr = v; gg = p; bb = q; break;
    }
    const out = ((rr * 255) | 0) | (((gg * 255) | 0) << 8) | (((bb * 255) | 0) << 16);
    keys[slot] = P;
    vals[slot] = out;
    prevOut = out;
    px[i] = out;
  }
  packPixels(px, data);
}
