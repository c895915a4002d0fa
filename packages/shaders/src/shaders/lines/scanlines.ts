import { defineShader } from '@glyphreel/core';
import { fillLut } from '../internal/bytes.js';
import { registerBandStage, runStage, type BandStage } from '../internal/bands.js';
import { BoundedCache } from '../internal/cache.js';
import { arena, kernels } from '../internal/simd/kernels.js';

/** trunc(c·(1 − intensity)) for every byte. */
function scanlineLut(lut: Uint8Array, intensity: number): Uint8Array {
  const k = 1 - intensity;
  return fillLut(lut, (c) => c * k);
}

export const scanlines = defineShader({
  name: 'scanlines',
  description: 'Every spacing-th row, starting at row 0, multiplied by 1 − intensity',
  params: {
    intensity: { type: 'number', default: 0.08, min: 0, max: 1, description: 'darkening of the affected rows' },
    spacing: { type: 'integer', default: 3, min: 1, max: 4096, description: 'row period' },
  },
  apply(frame, p, ctx) {
    runStage(scanlinesStage, frame, p, ctx);
  },
});

/** Two-byte tables per intensity in the arena (each band stage needs its own; an evicted one is released). */
const tables = new BoundedCache<number>(4, (ptr) => arena().release(ptr));

/** Scanlines as a band stage: the table for this intensity, then the affected rows of each band. */
export const scanlinesStage: BandStage<{ intensity: number; spacing: number }> = {
  readsFrame: false,
  prepare(_frame, _ptr, p, _ctx, st) {
    if (p.intensity === 0) return false;
    st.table = tables.lookup(0, 0, p.intensity, 0, 0, () => {
      const a = arena();
      const t16 = a.alloc(131072);
      const t8 = a.scratch('scanlines:t8', 256);
      a.u8(t8, 256).set(scanlineLut(new Uint8Array(256), p.intensity));
      kernels().build_lut16(t8, t16);
      return t16;
    });
    st.spacing = p.spacing;
    return true;
  },
  rows(ptr, frame, y0, y1, st) {
    const k = kernels();
    const stride = frame.width * 3;
    const spacing = st.spacing!;
    for (let y = y0 + ((spacing - (y0 % spacing)) % spacing); y < y1; y += spacing) k.lut16(ptr + y * stride, stride, st.table!);
  },
};
registerBandStage(scanlines, scanlinesStage);
