import { defineTransition } from '@glyphreel/core';
import { EASING_NAMES, EASINGS } from '../masks/easing.js';
import { checkTransitionFrames, revealMix, revealOrder } from './reveal.js';

/** Distance of each pixel centre from (cx, cy), divided by the distance to the farthest corner: in [0, 1]. */
export function irisOrder(width: number, height: number, cxFrac: number, cyFrac: number): Float32Array {
  return revealOrder(`iris:${cxFrac}:${cyFrac}`, width, height, (order) => {
    const cx = cxFrac * width;
    const cy = cyFrac * height;
    const far = Math.max(Math.hypot(cx, cy), Math.hypot(width - cx, cy), Math.hypot(cx, height - cy), Math.hypot(width - cx, height - cy));
    for (let y = 0, i = 0; y < height; y++) {
      for (let x = 0; x < width; x++, i++) order[i] = Math.min(0.999999, Math.hypot(x + 0.5 - cx, y + 0.5 - cy) / far);
    }
  });
}

/** An opening circle (mask_iris as a frame transition): round in pixels, reaching the farthest corner at 1. */
export const irisTransition = defineTransition({
  name: 'iris',
  description: 'An opening circle reveals the next frame',
  params: {
    cx_frac: { type: 'number', default: 0.5, min: 0, max: 1 },
    cy_frac: { type: 'number', default: 0.5, min: 0, max: 1 },
    feather: { type: 'number', default: 0.03, min: 0, max: 1, description: 'soft edge as a fraction of the radius range' },
    ease: { type: 'enum', values: EASING_NAMES, default: 'smoothstep' },
  } as const,
  apply(from, to, progress, out, _ctx, p) {
    checkTransitionFrames('iris', from, to, out);
    const t = progress < 0 ? 0 : progress > 1 ? 1 : progress;
    revealMix(from, to, out, irisOrder(from.width, from.height, p.cx_frac, p.cy_frac), EASINGS[p.ease](t), p.feather);
  },
});
