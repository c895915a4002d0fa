import { defineShader } from '@glyphreel/core';
import { reflectTopToBottom } from './mirror.js';

export const mirrorV = defineShader({
  name: 'mirror_v',
  description: 'Top half reflected onto the bottom half',
  params: {},
  apply(frame) {
    reflectTopToBottom(frame.data, frame.width, frame.height);
  },
});
