import { defineShader } from '@glyphreel/core';
import { invertBytes } from '../internal/bytes.js';

export const invert = defineShader({
  name: 'invert',
  description: '255 − c on every channel',
  params: {},
  apply(frame) {
    invertBytes(frame.data);
  },
});
