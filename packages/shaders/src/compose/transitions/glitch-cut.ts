import { defineTransition } from '@glyphreel/core';
import { checkTransitionFrames, copyBytes } from './reveal.js';

/**
 * tr_glitch_cut at pixel level: `from` below progress 0.5, `to` from 0.5; between 0.3 and 0.7, ⌊20·intensity⌋ random
 * bands are rolled horizontally (wrapping) by up to ±⌊20·intensity⌋ units, intensity = 1 − 4|p − 0.5|. The reference
 * rolled character rows by cells; here a band is `band_px` rows and a unit is `shift_px` pixels (defaults: a md cell).
 * Randomness comes from ctx.rng, so a replayed frame glitches identically.
 */
export const glitchCutTransition = defineTransition({
  name: 'glitch_cut',
  description: 'A hard cut at the midpoint with rolled glitch bands around it',
  params: {
    band_px: { type: 'integer', default: 20, min: 1, max: 1000, description: 'height of a glitch band' },
    shift_px: { type: 'integer', default: 10, min: 1, max: 1000, description: 'pixels per roll unit' },
  },
  apply(from, to, progress, out, ctx, p) {
    checkTransitionFrames('glitch_cut', from, to, out);
    const src = progress < 0.5 ? from.data : to.data;
    if (out.data !== src) copyBytes(src, out.data);
    if (progress < 0.3 || progress > 0.7) return;
    const intensity = 1 - 4 * Math.abs(progress - 0.5);
    const count = Math.floor(20 * intensity);
    const maxUnits = Math.floor(20 * intensity);
    if (count <= 0 || maxUnits <= 0) return;
    const { width, height } = out;
    const rowLen = width * 3;
    const bands = Math.ceil(height / p.band_px);
    const tmp = ctx.scratch.u8('glitch_cut/row', rowLen);
    const d = out.data;
    for (let k = 0; k < count; k++) {
      const band = ctx.rng.int(0, bands - 1);
      const shift = ctx.rng.int(-maxUnits, maxUnits) * p.shift_px;
      const s = ((shift % width) + width) % width;
      if (s === 0) continue;
      const y1 = Math.min(height, (band + 1) * p.band_px);
      for (let y = band * p.band_px; y < y1; y++) {
        const r0 = y * rowLen;
        // np.roll by s: new[x] = old[x − s].
        tmp.set(d.subarray(r0, r0 + rowLen));
        d.set(tmp.subarray(rowLen - s * 3, rowLen), r0);
        d.set(tmp.subarray(0, rowLen - s * 3), r0 + s * 3);
      }
    }
  },
});
