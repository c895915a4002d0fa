import { definePlugin, PLUGIN_API_VERSION } from '@glyphreel/core';
import { blendDefs, maskDefs, transitionDefs } from './compose/index.js';
import { shaderDefs } from './shaders/index.js';

/** The built-in pixel pipeline, registered through the same API as any third-party plugin. */
export const shadersPlugin = definePlugin({
  name: 'shaders',
  version: '0.1.0',
  apiVersion: PLUGIN_API_VERSION,
  description: 'Built-in shaders, blend modes, masks and transitions for rgb24 frames',
  shaders: shaderDefs,
  blends: blendDefs,
  masks: maskDefs,
  transitions: transitionDefs,
});
