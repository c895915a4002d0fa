import { defineShader } from '@glyphreel/core';
import { FRAME_COPY_KEY } from '../internal/bytes.js';

/**
 * Copies random blocks (width 10..max_size, height 5..max_size//2) from random sources to random destinations,
 * always reading the original frame. On frames smaller than a block the size is clamped to fit (the reference's
 * randint would fail there).
 */
export const blockGlitch = defineShader({
  name: 'block_glitch',
  description: 'Random rectangular blocks copied from random sources to random destinations',
  params: {
    n_blocks: { type: 'integer', default: 8, min: 0, max: 10000, description: 'blocks per frame' },
    max_size: { type: 'integer', default: 40, min: 10, max: 4096, description: 'largest block width (height: half)' },
  },
  apply(frame, p, ctx) {
    const { width, height, data } = frame;
    if (p.n_blocks === 0 || width < 2 || height < 2) return;
    const src = ctx.scratch.u8(FRAME_COPY_KEY, data.length);
    src.set(data);
    const rng = ctx.rng;
    const stride = width * 3;
    for (let k = 0; k < p.n_blocks; k++) {
      const bw = Math.min(rng.int(10, p.max_size), width - 1);
      const bh = Math.min(rng.int(5, p.max_size >> 1), height - 1);
      const sx = rng.int(0, width - bw - 1);
      const sy = rng.int(0, height - bh - 1);
      const dx = rng.int(0, width - bw - 1);
      const dy = rng.int(0, height - bh - 1);
      const len = bw * 3;
      for (let r = 0; r < bh; r++) {
        const s = (sy + r) * stride + sx * 3;
        const o = (dy + r) * stride + dx * 3;
        for (let i = 0; i < len; i++) data[o + i] = src[s + i]!;
      }
    }
  },
});
