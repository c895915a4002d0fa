import { defineTransition } from '@glyphreel/core';
import { checkTransitionFrames, revealMix, revealOrder } from './reveal.js';

/**
 * The six directions tr_wipe lists (catalog 3.6); the reference implemented only radial. A direction names where the
 * edge travels: 'right' reveals from the left edge, 'left' from the right edge, 'down' from the top, 'up' from the
 * bottom, 'radial' from the centre outwards, 'diagonal' from the top-left corner to the bottom-right.
 */
export const WIPE_DIRECTIONS = ['left', 'right', 'up', 'down', 'radial', 'diagonal'] as const;
export type WipeDirection = (typeof WIPE_DIRECTIONS)[number];

/** Reveal order of a pixel centre, in [0, 1). */
export function wipeOrder(direction: WipeDirection, width: number, height: number): Float32Array {
  return revealOrder(`wipe:${direction}`, width, height, (order) => {
    const hx = width / 2;
    const hy = height / 2;
    const halfDiag = Math.hypot(hx, hy);
    for (let y = 0, i = 0; y < height; y++) {
      const v = (y + 0.5) / height;
      for (let x = 0; x < width; x++, i++) {
        const u = (x + 0.5) / width;
        switch (direction) {
          case 'right': order[i] = u; break;
          case 'left': order[i] = 1 - u; break;
          case 'down': order[i] = v; break;
          case 'up': order[i] = 1 - v; break;
          case 'radial': order[i] = Math.hypot(x + 0.5 - hx, y + 0.5 - hy) / halfDiag; break;
          case 'diagonal': order[i] = (u + v) / 2; break;
        }
      }
    }
  });
}

export const wipeTransition = defineTransition({
  name: 'wipe',
  description: 'A moving edge reveals the next frame (left, right, up, down, radial, diagonal)',
  params: {
    direction: { type: 'enum', values: WIPE_DIRECTIONS, default: 'right', description: 'where the edge travels' },
    feather: { type: 'number', default: 0, min: 0, max: 1, description: 'soft edge width as a fraction of the travel; 0 is hard' },
  } as const,
  apply(from, to, progress, out, _ctx, p) {
    checkTransitionFrames('wipe', from, to, out);
    revealMix(from, to, out, wipeOrder(p.direction, from.width, from.height), progress, p.feather);
  },
});
