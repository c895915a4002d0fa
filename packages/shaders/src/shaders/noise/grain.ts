import { defineShader } from '@glyphreel/core';
import { CLAMP_OFFSET, CLAMP_TABLE } from '../internal/bytes.js';
import { GOLDEN } from '../internal/noise.js';
import { wordsOf } from '../internal/words.js';

/** Noise is stored biased by 256 so that byte + noise stays positive in a 16-bit SWAR lane. */
const BIAS = 256;

/**
 * Film grain as the seed describes: monochrome integer noise in [−amt, amt] at half resolution, repeated 2×2 and added
 * to all channels with clamping. Each u32 of a counter hash (seeded by one draw from ctx.rng) gives two noise values
 * through 16-bit multiply-shift range reduction (bias below span/65536). Half-resolution rounds up, so odd sizes are
 * covered (the reference's repeat-and-crop breaks on them). The chain scales amt by rms and truncates it (catalog 3.3).
 *
 * Four pixels are three words and share two noise values, so rows whose bytes are word-aligned are processed as
 * words: even and odd bytes in 16-bit lanes, lane = byte + noise + 256, clamped with two bit tests.
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
    const base = BIAS - a;
    const noise = ctx.scratch.i32('grain:row', hw + 1);
    const stride = width * 3;
    // Rows start on word boundaries only when the row stride is a multiple of 4.
    const words = (stride & 3) === 0 ? wordsOf(data) : undefined;
    const groups = words ? width >> 2 : 0;
    const tableShift = CLAMP_OFFSET - BIAS;
    let counter = ctx.rng.nextU32() | 0;
    for (let y = 0; y < height; y += 2) {
      counter = grainRow(noise, hw, counter, span, base);
      const yEnd = Math.min(y + 2, height);
      for (let yy = y; yy < yEnd; yy++) {
        const row = yy * stride;
        if (words) {
          for (let g = 0, k = row >> 2; g < groups; g++, k += 3) {
            const n0 = noise[2 * g]!;
            const n1 = noise[2 * g + 1]!;
            words[k] = addNoise(words[k]!, n0 * 0x10001);
            words[k + 1] = addNoise(words[k + 1]!, n0 | (n1 << 16));
            words[k + 2] = addNoise(words[k + 2]!, n1 * 0x10001);
          }
        }
        for (let x = groups * 4, o = row + x * 3; x < width; x++, o += 3) {
          const nv = noise[x >> 1]! + tableShift;
          data[o] = CLAMP_TABLE[data[o]! + nv]!;
          data[o + 1] = CLAMP_TABLE[data[o + 1]! + nv]!;
          data[o + 2] = CLAMP_TABLE[data[o + 2]! + nv]!;
        }
      }
    }
  },
});

/**
 * One half-resolution row of noise: hw values in [base, base + span), two per u32 of the counter hash. Returns the
 * advanced counter.
 */
function grainRow(noise: Int32Array, hw: number, counter: number, span: number, base: number): number {
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

/** Adds biased noise lanes to the bytes of w: lane v = byte + n + 256 → 0 below 256, 255 from 512, else v − 256. */
function addNoise(w: number, x: number): number {
  const lo = (w & 0xff00ff) + x;
  const hi = ((w >>> 8) & 0xff00ff) + x;
  const l = (lo & (((lo >>> 8) & 0x10001) * 0xff)) | (((lo >>> 9) & 0x10001) * 0xff);
  const h = (hi & (((hi >>> 8) & 0x10001) * 0xff)) | (((hi >>> 9) & 0x10001) * 0xff);
  return (l & 0xff00ff) | ((h & 0xff00ff) << 8);
}
