import { defineShader } from '@glyphreel/core';
import { GOLDEN, hash32 } from '../internal/noise.js';
import { registerBandStage, runStage, type BandStage } from '../internal/bands.js';
import { arena, kernels } from '../internal/simd/kernels.js';

/**
 * Film grain as the seed describes: monochrome integer noise in [−amt, amt] at half resolution, repeated 2×2 and added
 * to all channels with clamping. Each u32 of a counter hash (seeded by one draw from ctx.rng) gives two noise values
 * through 16-bit multiply-shift range reduction (bias below span/65536). Half-resolution rounds up, so odd sizes are
 * covered (the reference's repeat-and-crop breaks on them). The chain scales amt by rms and truncates it (catalog 3.3).
 * One row of noise serves two frame rows; SIMD kernels hash four counters at a time and add the noise 16 pixels at a
 * time with saturation (grainNoiseRow is the scalar definition the kernel is tested against).
 */
export const grain = defineShader({
  name: 'grain',
  description: 'Monochrome integer noise in [−amt, amt] at half resolution, added to every channel (rms-scaled in a chain)',
  params: {
    amt: { type: 'number', default: 10, min: 0, max: 255, description: 'noise amplitude in byte units (truncated)' },
  },
  apply(frame, p, ctx) {
    runStage(grainStage, frame, p, ctx);
  },
});

/** Grain as a band stage: one draw from the rng, then noise row pairs in order (bands never split a pair). */
export const grainStage: BandStage<{ amt: number }> = {
  readsFrame: false,
  prepare(frame, _ptr, p, ctx, st) {
    const a = Math.trunc(p.amt);
    if (a <= 0) return false;
    const hw = (frame.width + 1) >> 1;
    st.hw = hw;
    st.span = 2 * a + 1;
    st.base = -a;
    // The noise kernel writes four hashes (8 values) per step: pad the row.
    st.noise = arena().scratch('grain:row', (hw + 8) * 2);
    st.counter = ctx.rng.nextU32() | 0;
    return true;
  },
  rows(ptr, frame, y0, y1, st) {
    const k = kernels();
    const { width, height } = frame;
    const stride = width * 3;
    let counter = st.counter!;
    for (let y = y0; y < y1; y += 2) {
      counter = k.grain_noise_row(st.noise!, st.hw!, counter, GOLDEN, st.span!, st.base!);
      k.add_pair_noise_row(ptr + y * stride, width, st.noise!);
      if (y + 1 < height) k.add_pair_noise_row(ptr + (y + 1) * stride, width, st.noise!);
    }
    st.counter = counter;
  },
};
registerBandStage(grain, grainStage);

/**
 * The scalar definition of one half-resolution row of noise (what the grain_noise_row kernel computes): hw values in
 * [base, base + span), two per u32 of the counter hash, low half first. Returns the advanced counter.
 */
export function grainNoiseRow(noise: Int16Array, hw: number, counter: number, span: number, base: number): number {
  for (let x = 0; x < hw; x += 2) {
    counter = (counter + GOLDEN) | 0;
    const z = hash32(counter);
    noise[x] = (((z & 0xffff) * span) >>> 16) + base;
    noise[x + 1] = ((((z >>> 16) & 0xffff) * span) >>> 16) + base;
  }
  return counter;
}
