import { defineShader } from '@glyphreel/core';
import { GOLDEN } from '../internal/noise.js';
import { arena } from '../internal/simd/kernels.js';

/**
 * Film grain as the seed describes: monochrome integer noise in [−amt, amt] at half resolution, repeated 2×2 and added
 * to all channels with clamping. Each u32 of a counter hash (seeded by one draw from ctx.rng) gives two noise values
 * through 16-bit multiply-shift range reduction (bias below span/65536). Half-resolution rounds up, so odd sizes are
 * covered (the reference's repeat-and-crop breaks on them). The chain scales amt by rms and truncates it (catalog 3.3).
 * One row of noise serves two frame rows; the SIMD kernel adds it 16 pixels at a time with saturation.
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
    const arn = arena();
    // Even length: grainRow writes values in pairs.
    const noisePtr = arn.scratch('grain:row', (hw + 1) * 2);
    const noise = arn.i16(noisePtr, hw + 1);
    const stride = width * 3;
    const k = arn.kernels;
    let counter = ctx.rng.nextU32() | 0;
    arn.withBytes(data, (ptr) => {
      for (let y = 0; y < height; y += 2) {
        counter = grainRow(noise, hw, counter, span, -a);
        k.add_pair_noise_row(ptr + y * stride, width, noisePtr);
        if (y + 1 < height) k.add_pair_noise_row(ptr + (y + 1) * stride, width, noisePtr);
      }
    });
  },
});

/**
 * One half-resolution row of noise: hw values in [base, base + span), two per u32 of the counter hash. Returns the
 * advanced counter.
 */
function grainRow(noise: Int16Array, hw: number, counter: number, span: number, base: number): number {
  for (let x = 0; x < hw; x += 2) {
    counter = (counter + GOLDEN) | 0;
    let z = Math.imul(counter ^ (counter >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    noise[x] = (((z & 0xffff) * span) >>> 16) + base;
    noise[x + 1] = (((z >>> 16) * span) >>> 16) + base;
  }
  return counter;
}
