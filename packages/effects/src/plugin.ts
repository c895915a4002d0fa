import { definePlugin, PLUGIN_API_VERSION } from '@glyphreel/core';
import { cellEffects } from './cells/index.js';
import { hueFields, transforms, valueEffects } from './fields/index.js';

/** The built-in effect library, registered through the same API as any third-party plugin. */
export const effectsPlugin = definePlugin({
  name: 'effects',
  version: '0.1.0',
  apiVersion: PLUGIN_API_VERSION,
  description: 'Built-in value fields, hue fields, coordinate transforms, particle systems and character effects',
  effects: [...valueEffects, ...cellEffects],
  hues: hueFields,
  transforms,
});
