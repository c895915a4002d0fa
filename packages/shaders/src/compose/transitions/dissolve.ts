import { defineTransition, Rng } from '@glyphreel/core';
import { checkTransitionFrames, revealMix, revealOrder } from './reveal.js';

/**
 * The dissolve order: one seeded uniform per block×block pixel tile (the reference's mask_dissolve works per cell;
 * a frame transition knows no grid, so the tile size stands in for it).
 */
export function dissolveOrder(width: number, height: number, block: number, seed: number): Float32Array {
  return revealOrder(`dissolve:${block}:${seed}`, width, height, (order) => {
    const bw = Math.ceil(width / block);
    const bh = Math.ceil(height / block);
    const rng = new Rng(seed);
    const tiles = new Float32Array(bw * bh);
    for (let k = 0; k < tiles.length; k++) tiles[k] = rng.next();
    for (let y = 0, i = 0; y < height; y++) {
      const rowTiles = ((y / block) | 0) * bw;
      for (let x = 0; x < width; x++, i++) order[i] = tiles[rowTiles + ((x / block) | 0)] as number;
    }
  });
}

export const dissolveTransition = defineTransition({
  name: 'dissolve',
  description: 'Tiles switch to the next frame in a fixed seeded random order',
  params: {
    block: { type: 'integer', default: 8, min: 1, max: 256, description: 'tile size in pixels' },
    seed: { type: 'integer', default: 42, min: 0, max: 4294967295 },
  },
  apply(from, to, progress, out, _ctx, p) {
    checkTransitionFrames('dissolve', from, to, out);
    revealMix(from, to, out, dissolveOrder(from.width, from.height, p.block, p.seed), progress, 0);
  },
});
