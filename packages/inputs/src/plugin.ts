import { definePlugin, PLUGIN_API_VERSION } from '@glyphreel/core';
import { lyricsEffects } from './lyrics/index.js';
import { mediaEffects } from './video/index.js';

/** Inputs as layers: video and images converted to glyphs, and lyrics, registered like any other effect. */
export const inputsPlugin = definePlugin({
  name: 'inputs',
  version: '0.1.0',
  apiVersion: PLUGIN_API_VERSION,
  description: 'Video, image and lyrics layers',
  effects: [...mediaEffects, ...lyricsEffects],
});
