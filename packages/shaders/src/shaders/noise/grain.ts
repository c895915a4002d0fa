import { defineShader } from '@glyphreel/core';
import { CLAMP_OFFSET, CLAMP_TABLE } from '../internal/bytes.js';
import { GOLDEN } from '../internal/noise.js';

/**
 * Film grain as the seed describes: monochrome integer noise in [−amt, amt] at half resolution, repeated 2×2 and added
 * to all channels. Each u32 of a counter hash (seeded by one draw from ctx.rng) gives two noise values through
 * 16-bit multiply-shift range reduction (bias below span/65536). Half-resolution rounds up, so odd sizes are covered
 * (the reference's repeat-and-crop breaks on them). The chain scales amt by rms and truncates it (catalog 3.3).
 */
export const grain = defineShader({
  name: 'grain',
  description: 'Monochrome integer noise in [−amt, amt] at half resolution, added to every channel (rms-scaled in a chain)',
  params: {
    amt: { type: 'number', default: 10, min: 0, max: 255, description: 'noise amplitude in byte units (truncated)' },
  },
  apply(frame, p, ctx) {
    const a = Math.trunc(p.amt);
    if (a <= 0) return;
    const { width, height, data } = frame;
    const hw = (width + 1) >> 1;
    const span = 2 * a + 1;
    const bias = CLAMP_OFFSET - a;
    const noise = ctx.scratch.i32('grain:row', hw + 1);
    const stride = width * 3;
    let counter = ctx.rng.nextU32() | 0;
    for (let y = 0; y < height; y += 2) {
      for (let x = 0; x < hw; x += 2) {
        counter = (counter + GOLDEN) | 0;
        let z = Math.imul(counter ^ (counter >>> 16), 0x85ebca6b);
        z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
        z ^= z >>> 16;
        noise[x] = (((z & 0xffff) * span) >>> 16) + bias;
        noise[x + 1] = (((z >>> 16) * span) >>> 16) + bias;
      }
      const rows = y + 1 < height ? 2 : 1;
      for (let r = 0; r < rows; r++) {
        let o = (y + r) * stride;
        const end = o + stride;
        // Two pixels share a noise value: 6 bytes per step, the last odd pixel handled after the loop.
        let k = 0;
        for (; o + 6 <= end; o += 6, k++) {
          const nv = noise[k]!;
          data[o] = CLAMP_TABLE[data[o]! + nv]!;
          data[o + 1] = CLAMP_TABLE[data[o + 1]! + nv]!;
          data[o + 2] = CLAMP_TABLE[data[o + 2]! + nv]!;
          data[o + 3] = CLAMP_TABLE[data[o + 3]! + nv]!;
          data[o + 4] = CLAMP_TABLE[data[o + 4]! + nv]!;
          data[o + 5] = CLAMP_TABLE[data[o + 5]! + nv]!;
        }
        if (o < end) {
          const nv = noise[k]!;
          data[o] = CLAMP_TABLE[data[o]! + nv]!;
          data[o + 1] = CLAMP_TABLE[data[o + 1]! + nv]!;
          data[o + 2] = CLAMP_TABLE[data[o + 2]! + nv]!;
        }
      }
    }
  },
});
