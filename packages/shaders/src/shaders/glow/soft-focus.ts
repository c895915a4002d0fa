import { defineShader } from '@glyphreel/core';

export const softFocus = defineShader({
  name: 'soft_focus',
  description: 'Lerp towards a 2×-downsampled single-pass 3×3 box blur',
  params: {
    strength: { type: 'number', default: 0.3, min: 0, max: 1, description: 'weight of the blurred image' },
  },
  apply(frame, p, ctx) {
    const s = p.strength;
    if (s === 0) return;
    const { width, height, data } = frame;
    const sw = Math.ceil(width / 2);
    const sh = Math.ceil(height / 2);
    const n = sw * sh * 3;
    const a = ctx.scratch.f32('soft_focus:small', n);
    const tmp = ctx.scratch.f32('soft_focus:tmp', n);
    const stride = width * 3;
    for (let sy = 0, j = 0; sy < sh; sy++) {
      for (let sx = 0, o = sy * 2 * stride; sx < sw; sx++, o += 6, j += 3) {
        a[j] = data[o]!;
        a[j + 1] = data[o + 1]!;
        a[j + 2] = data[o + 2]!;
      }
    }
    // One 3×3 pass (separable, edge-padded), pre-multiplied by the strength.
    const sstride = sw * 3;
    for (let sy = 0; sy < sh; sy++) {
      const row = sy * sstride;
      for (let sx = 0; sx < sw; sx++) {
        const o = row + sx * 3;
        const l = row + (sx > 0 ? sx - 1 : 0) * 3;
        const r = row + (sx < sw - 1 ? sx + 1 : sx) * 3;
        for (let c = 0; c < 3; c++) tmp[o + c] = a[l + c]! + a[o + c]! + a[r + c]!;
      }
    }
    const k = s / 9;
    for (let sy = 0; sy < sh; sy++) {
      const row = sy * sstride;
      const up = (sy > 0 ? sy - 1 : 0) * sstride;
      const dn = (sy < sh - 1 ? sy + 1 : sy) * sstride;
      for (let i = 0; i < sstride; i++) a[row + i] = (tmp[up + i]! + tmp[row + i]! + tmp[dn + i]!) * k;
    }
    const keep = ctx.scratch.f32('soft_focus:keep', 256);
    for (let c = 0; c < 256; c++) keep[c] = c * (1 - s);
    for (let y = 0; y < height; y++) {
      const srow = (y >> 1) * sstride;
      let o = y * stride;
      for (let x = 0; x < width; x++, o += 3) {
        const j = srow + (x >> 1) * 3;
        const r = keep[data[o]!]! + a[j]!;
        const g = keep[data[o + 1]!]! + a[j + 1]!;
        const b = keep[data[o + 2]!]! + a[j + 2]!;
        data[o] = r >= 255 ? 255 : r;
        data[o + 1] = g >= 255 ? 255 : g;
        data[o + 2] = b >= 255 ? 255 : b;
      }
    }
  },
});
