import { defineShader } from '@glyphreel/core';
import { BoundedCache, roundTo } from '../internal/cache.js';
import { frameWords, PACKED_COPY_KEY, unpackPixels } from '../internal/packed.js';
import { groupWords } from '../internal/words.js';

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
    const m = maps.lookup(width, height, s, cx, cy, radialBlurMaps);
    const npx = width * height;
    const src = ctx.scratch.i32(PACKED_COPY_KEY, npx);
    unpackPixels(data, src);
    const near = m.near;
    const far = m.far;
    const words = frameWords(data);
    let i = 0;
    if (words) {
      for (let k = 0, nw = groupWords(data); k < nw; k += 3, i += 4) {
        const p1 = mean3(src[i + 1]!, src[near[i + 1]!]!, src[far[i + 1]!]!);
        const p2 = mean3(src[i + 2]!, src[near[i + 2]!]!, src[far[i + 2]!]!);
        words[k] = mean3(src[i]!, src[near[i]!]!, src[far[i]!]!) | (p1 << 24);
        words[k + 1] = (p1 >>> 8) | (p2 << 16);
        words[k + 2] = (p2 >>> 16) | (mean3(src[i + 3]!, src[near[i + 3]!]!, src[far[i + 3]!]!) << 8);
      }
    }
    for (let o = i * 3; i < npx; i++, o += 3) {
      const p = mean3(src[i]!, src[near[i]!]!, src[far[i]!]!);
      data[o] = p;
      data[o + 1] = p >>> 8;
      data[o + 2] = p >>> 16;
    }
  },
});

/**
 * Per-channel floor((a + b + c)/3) of three packed pixels: red and blue sum in separate 16-bit lanes (≤ 765 each),
 * and x·0xAAAB >>> 17 is floor(x/3) for every x ≤ 765.
 */
function mean3(a: number, b: number, c: number): number {
  const rb = (a & 0xff00ff) + (b & 0xff00ff) + (c & 0xff00ff);
  const g = ((a >>> 8) & 0xff) + ((b >>> 8) & 0xff) + ((c >>> 8) & 0xff);
  return (((rb & 0xffff) * 0xaaab) >>> 17) | (((g * 0xaaab) >>> 17) << 8) | ((((rb >>> 16) * 0xaaab) >>> 17) << 16);
}
