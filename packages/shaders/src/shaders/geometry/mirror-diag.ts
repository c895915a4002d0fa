import { defineShader } from '@glyphreel/core';

/**
 * Per row y, cut at x = trunc(W·y/H); the part right of the cut becomes the part left of it reversed, starting with
 * the cut pixel itself (out[cut + j] = in[cut − j]). Where the right part is longer than the left one the reference
 * fails (a numpy shape mismatch); here the reflection continues back and forth across the left part.
 */
export const mirrorDiag = defineShader({
  name: 'mirror_diag',
  description: 'Diagonal fold: each row right of x = W·y/H is replaced by its left part reversed',
  params: {},
  apply(frame) {
    const { width, height, data } = frame;
    const stride = width * 3;
    for (let y = 0; y < height; y++) {
      const cut = Math.trunc((width * y) / height);
      if (cut <= 0 || cut >= width) continue;
      const row = y * stride;
      const period = 2 * (cut + 1);
      let m = 1; // j = 1 first: out[cut] = in[cut] already
      for (let x = cut + 1; x < width; x++) {
        const sx = m <= cut ? cut - m : m - (cut + 1);
        const o = row + x * 3;
        const s = row + sx * 3;
        data[o] = data[s]!;
        data[o + 1] = data[s + 1]!;
        data[o + 2] = data[s + 2]!;
        if (++m === period) m = 0;
      }
    }
  },
});
