import type { BlendDef } from '@glyphreel/core';

const luts = new WeakMap<BlendDef, Map<number, Uint8Array>>();

/**
 * Blends with a third-party BlendDef: its per-channel fn(a, b) tabulated once per (mode, opacity) into a 256×256
 * byte table, with the same arithmetic as the built-in engine (opacity lerp, clamp, truncate).
 */
export function blendWithDef(def: BlendDef, base: Uint8Array, top: Uint8Array, opacity: number, out: Uint8Array): void {
  let byOpacity = luts.get(def);
  if (!byOpacity) luts.set(def, (byOpacity = new Map()));
  let lut = byOpacity.get(opacity);
  if (!lut) {
    lut = new Uint8Array(65536);
    for (let a = 0; a < 256; a++) {
      for (let b = 0; b < 256; b++) {
        const x = a / 255;
        let r = def.fn(x, b / 255);
        r = x * (1 - opacity) + r * opacity;
        lut[a * 256 + b] = Number.isFinite(r) ? Math.trunc(Math.min(1, Math.max(0, r)) * 255 + 1e-6) : 0;
      }
    }
    byOpacity.set(opacity, lut);
  }
  for (let i = 0; i < base.length; i++) out[i] = lut[(base[i]! << 8) | top[i]!]!;
}
