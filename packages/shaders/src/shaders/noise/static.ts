import { defineShader } from '@glyphreel/core';
import { GOLDEN, hash32 } from '../internal/noise.js';

/**
 * TV static: a half-resolution mask at the given density (each cell covers 2×2 pixels) whose pixels are replaced by
 * random RGB, or random grey when color is false. The random bytes are per pixel, as the reference draws them.
 */
export const staticNoise = defineShader({
  name: 'static',
  description: 'Random 2×2 cells at the given density replaced by random colour (or grey) pixels',
  params: {
    density: { type: 'number', default: 0.05, min: 0, max: 1, description: 'fraction of cells replaced' },
    color: { type: 'boolean', default: true, description: 'random RGB (true) or random grey (false)' },
  },
  apply(frame, p, ctx) {
    if (p.density <= 0) return;
    const { width, height, data } = frame;
    // u < density·2³² ⇔ uniform < density, compared on the raw integer.
    const limit = p.density >= 1 ? 4294967296 : p.density * 4294967296;
    const color = p.color;
    const stride = width * 3;
    let counter = ctx.rng.nextU32() | 0;
    for (let y = 0; y < height; y += 2) {
      for (let x = 0; x < width; x += 2) {
        counter = (counter + GOLDEN) | 0;
        if (hash32(counter) >= limit) continue;
        const y1 = Math.min(y + 2, height);
        const x1 = Math.min(x + 2, width);
        for (let yy = y; yy < y1; yy++) {
          for (let xx = x; xx < x1; xx++) {
            counter = (counter + GOLDEN) | 0;
            const z = hash32(counter);
            const o = yy * stride + xx * 3;
            if (color) {
              data[o] = z;
              data[o + 1] = z >>> 8;
              data[o + 2] = z >>> 16;
            } else {
              data[o] = z;
              data[o + 1] = z;
              data[o + 2] = z;
            }
          }
        }
      }
    }
  },
});
