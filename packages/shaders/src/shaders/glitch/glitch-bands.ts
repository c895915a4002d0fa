import { defineShader } from '@glyphreel/core';
import { rollRow } from '../internal/rows.js';

/**
 * Beat-reactive horizontal band displacement; reads bdecay and sub from ctx.features itself (as the reference does),
 * so it takes no parameters. n = trunc(3 + 10·bdecay) bands; each draws y, a height in 1..max(2, trunc(4 + 12·sub))
 * and a shift trunc((U − 0.5)·60·bdecay), and rolls rows y..y+h−1 (wrapping) in the output, cumulatively. Bands that
 * would touch the bottom edge are skipped, but their draws still happen so the stream stays aligned.
 */
export const glitchBands = defineShader({
  name: 'glitch_bands',
  description: 'Beat-reactive horizontal band rolls: count and shift from bdecay, height from sub',
  params: {},
  apply(frame, _p, ctx) {
    const { width, height, data } = frame;
    const bd = ctx.features.get('bdecay');
    const sub = ctx.features.get('sub');
    const n = Math.trunc(3 + bd * 10);
    const maxH = Math.max(2, Math.trunc(4 + sub * 12));
    const stride = width * 3;
    const tmp = ctx.scratch.u8('glitch_bands:row', stride);
    for (let k = 0; k < n; k++) {
      const y = ctx.rng.int(0, height - 1);
      const h = ctx.rng.int(1, maxH);
      const shift = Math.trunc((ctx.rng.next() - 0.5) * bd * 60);
      if (shift === 0 || y + h >= height) continue;
      let s = shift % width;
      if (s < 0) s += width;
      if (s === 0) continue;
      for (let r = y; r < y + h; r++) rollRow(data, r * stride, width, s, tmp);
    }
  },
});
