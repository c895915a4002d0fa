import { defineShader } from '@glyphreel/core';

export const channelSwap = defineShader({
  name: 'channel_swap',
  description: 'Output channel i takes input channel order[i] ((2,1,0) = BGR); repeats are allowed',
  params: {
    order: {
      type: 'array',
      items: { type: 'integer', min: 0, max: 2 },
      length: 3,
      default: [2, 1, 0],
      description: 'source channel for R, G and B',
    },
  },
  apply(frame, p) {
    const [a, b, c] = p.order as [number, number, number];
    if (a === 0 && b === 1 && c === 2) return;
    const d = frame.data;
    const n = d.length;
    for (let i = 0; i < n; i += 3) {
      const r = d[i + a]!;
      const g = d[i + b]!;
      const bl = d[i + c]!;
      d[i] = r;
      d[i + 1] = g;
      d[i + 2] = bl;
    }
  },
});
