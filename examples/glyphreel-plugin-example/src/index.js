// A glyphreel plugin is a plain object made with definePlugin. It depends on @glyphreel/core only.
import { defineShader, defineValueEffect, definePlugin, PLUGIN_API_VERSION } from '@glyphreel/core';

/** Diagonal stripes that scroll with time and widen with the bass. */
export const stripes = defineValueEffect({
  name: 'stripes',
  description: 'scrolling diagonal stripes, wider on loud bass',
  // Depends on this frame only (no history), so a render unit starting mid-scene may skip it while replaying.
  pure: true,
  params: {
    period: { type: 'number', default: 12, min: 2, max: 200, description: 'stripe period in cells' },
    speed: { type: 'number', default: 8, min: 0, max: 100, description: 'cells per second' },
  },
  fill(out, grid, ctx, { period, speed }) {
    // Per-frame scalars outside the loop; the loop reads the grid's cached coordinate fields.
    const shift = ctx.t * speed;
    const duty = 0.3 + 0.4 * ctx.features.get('bass');
    const { col, row } = grid;
    for (let i = 0; i < out.length; i++) {
      const phase = ((col[i] + row[i] + shift) / period) % 1;
      out[i] = phase < duty ? 1 - phase / duty : 0;
    }
  },
});

/** Swaps red and blue, scaled by `amount` (0 = no change, 1 = full swap). */
export const swapRedBlue = defineShader({
  name: 'swap-rb',
  description: 'blend red and blue into each other',
  params: { amount: { type: 'number', default: 1, min: 0, max: 1 } },
  apply(frame, { amount }) {
    const d = frame.data;
    const a = amount;
    for (let i = 0; i < d.length; i += 3) {
      const r = d[i];
      const b = d[i + 2];
      d[i] = r + (b - r) * a;
      d[i + 2] = b + (r - b) * a;
    }
  },
});

export default definePlugin({
  name: 'example',
  version: '0.1.0',
  apiVersion: PLUGIN_API_VERSION,
  description: 'An example plugin: stripes (value field) and swap-rb (shader)',
  effects: [stripes],
  shaders: [swapRedBlue],
});
