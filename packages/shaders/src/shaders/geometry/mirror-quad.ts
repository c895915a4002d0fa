import { defineShader } from '@glyphreel/core';
import { reflectRowsLeftToRight, reflectTopToBottom } from './mirror.js';

export const mirrorQuad = defineShader({
  name: 'mirror_quad',
  description: 'Top-left quadrant reflected into all four quadrants',
  params: {},
  apply(frame) {
    const { width, height, data } = frame;
    // Only the top rows need the horizontal reflection: the bottom rows are then copied from them.
    reflectRowsLeftToRight(data, width, 0, (height + 1) >> 1);
    reflectTopToBottom(data, width, height);
  },
});
