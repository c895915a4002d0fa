import { defineTransition } from '@glyphreel/core';
import { blendFrames } from '../blend/engine.js';
import { checkTransitionFrames } from './reveal.js';

/** tr_canvas_crossfade: a pixel lerp, i.e. `normal` blending at opacity = progress (exact at 0 and 1). */
export const crossfadeTransition = defineTransition({
  name: 'crossfade',
  description: 'Pixel crossfade from one frame to the other',
  params: {},
  apply(from, to, progress, out, _ctx, _params) {
    checkTransitionFrames('crossfade', from, to, out);
    const p = progress < 0 ? 0 : progress > 1 ? 1 : progress;
    blendFrames(from.data, to.data, 'normal', p, out.data);
  },
});
