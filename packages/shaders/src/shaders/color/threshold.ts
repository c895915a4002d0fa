import { defineShader } from '@glyphreel/core';

export const threshold = defineShader({
  name: 'threshold',
  description: 'Pixels whose channel mean exceeds thr become white, all others black',
  params: {
    thr: { type: 'number', default: 128, min: 0, max: 255, description: 'mean brightness threshold' },
  },
  apply(frame, p) {
    const d = frame.data;
    const n = d.length;
    // mean > thr  ⇔  sum > 3·thr, with no division per pixel.
    const limit = 3 * p.thr;
    for (let i = 0; i < n; i += 3) {
      const v = d[i]! + d[i + 1]! + d[i + 2]! > limit ? 255 : 0;
      d[i] = v;
      d[i + 1] = v;
      d[i + 2] = v;
    }
  },
});
