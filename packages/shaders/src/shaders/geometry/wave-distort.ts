import { defineShader } from '@glyphreel/core';
import { FRAME_COPY_KEY } from '../internal/bytes.js';
import { rollRow } from '../internal/rows.js';

/** np.roll semantics: a positive shift moves content right (or down); wraps around. */
export const waveDistort = defineShader({
  name: 'wave_distort',
  description: 'Rolls each row (axis x) or column (axis y) by trunc(amp·sin(i·freq + 3t)), wrapping',
  params: {
    freq: { type: 'number', default: 0.02, min: 0, max: 10, description: 'radians per row (or column)' },
    amp: { type: 'number', default: 8, min: 0, max: 4096, description: 'peak shift in pixels' },
    axis: { type: 'enum', values: ['x', 'y'], default: 'x', description: 'x rolls rows sideways, y rolls columns vertically' },
  },
  apply(frame, p, ctx) {
    const { width, height, data } = frame;
    const phase = ctx.t * 3;
    const stride = width * 3;
    if (p.axis === 'x') {
      const tmp = ctx.scratch.u8('wave_distort:row', stride);
      for (let y = 0; y < height; y++) {
        let s = Math.trunc(p.amp * Math.sin(y * p.freq + phase)) % width;
        if (s < 0) s += width;
        if (s === 0) continue;
        rollRow(data, y * stride, width, s, tmp);
      }
      return;
    }
    // Columns: gather whole output rows from a copy so memory is walked row by row.
    const shifts = ctx.scratch.i32('wave_distort:shifts', width);
    let any = false;
    for (let x = 0; x < width; x++) {
      let s = Math.trunc(p.amp * Math.sin(x * p.freq + phase)) % height;
      if (s < 0) s += height;
      shifts[x] = s;
      if (s !== 0) any = true;
    }
    if (!any) return;
    const src = ctx.scratch.u8(FRAME_COPY_KEY, data.length);
    src.set(data);
    for (let y = 0; y < height; y++) {
      let o = y * stride;
      for (let x = 0; x < width; x++, o += 3) {
        let sy = y - shifts[x]!;
        if (sy < 0) sy += height;
        const s = sy * stride + x * 3;
        data[o] = src[s]!;
        data[o + 1] = src[s + 1]!;
        data[o + 2] = src[s + 2]!;
      }
    }
  },
});
