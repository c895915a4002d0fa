import { defineShader } from '@glyphreel/core';
import { reflectRowsLeftToRight } from './mirror.js';

export const mirrorH = defineShader({
  name: 'mirror_h',
  description: 'Left half reflected onto the right half',
  params: {},
  apply(frame) {
    reflectRowsLeftToRight(frame.data, frame.width, 0, frame.height);
  },
});
