import { defineShader } from '@glyphreel/core';
import { BoundedCache, roundTo } from '../internal/cache.js';
import { DIV3, FRAME_COPY_KEY } from '../internal/bytes.js';

interface BlurMaps {
  near: Int32Array;
  far: Int32Array;
}
const maps = new BoundedCache<BlurMaps>();

/** Sample positions pushed outward from (cx, cy) by s and 2s: trunc(p + (p − c)·s), clamped. */
export function radialBlurMaps(width: number, height: number, strength: number, cx: number, cy: number): BlurMaps {
  const near = new Int32Array(width * height);
  const far = new Int32Array(width * height);
  const fill = (map: Int32Array, s: number) => {
    for (let y = 0; y < height; y++) {
      let sy = Math.trunc(y + (y - cy) * s);
      sy = sy < 0 ? 0 : sy >= height ? height - 1 : sy;
      for (let x = 0; x < width; x++) {
        let sx = Math.trunc(x + (x - cx) * s);
        sx = sx < 0 ? 0 : sx >= width ? width - 1 : sx;
        map[y * width + x] = sy * width + sx;
      }
    }
  };
  fill(near, strength);
  fill(far, strength * 2);
  return { near, far };
}

export const radialBlur = defineShader({
  name: 'radial_blur',
  description: 'Zoom blur: mean of the pixel and two samples pushed outward from the centre by s and 2s',
  params: {
    strength: { type: 'number', default: 0.03, min: 0, max: 1, description: 'push per sample, as a fraction of the distance' },
    center: {
      type: 'array',
      items: { type: 'number', min: 0, max: 1 },
      maxItems: 2,
      default: [],
      description: '[x, y] as fractions of width and height; [] = the frame centre (W//2, H//2)',
    },
  },
  apply(frame, p, ctx) {
    const s = roundTo(p.strength, 4);
    if (s === 0) return;
    const { width, height, data } = frame;
    const cx = p.center.length > 0 ? p.center[0]! * width : width >> 1;
    const cy = p.center.length > 1 ? p.center[1]! * height : height >> 1;
    const m = maps.get(`${width}x${height}:${s}:${cx}:${cy}`, () => radialBlurMaps(width, height, s, cx, cy));
    const src = ctx.scratch.u8(FRAME_COPY_KEY, data.length);
    src.set(data);
    const near = m.near;
    const far = m.far;
    const npx = width * height;
    for (let i = 0, o = 0; i < npx; i++, o += 3) {
      const a = near[i]! * 3;
      const b = far[i]! * 3;
      data[o] = DIV3[src[o]! + src[a]! + src[b]!]!;
      data[o + 1] = DIV3[src[o + 1]! + src[a + 1]! + src[b + 1]!]!;
      data[o + 2] = DIV3[src[o + 2]! + src[a + 2]! + src[b + 2]!]!;
    }
  },
});
