import { defineShader } from '@glyphreel/core';
import { BoundedCache, roundTo } from '../internal/cache.js';
import { frameWords, PACKED_COPY_KEY, unpackPixels } from '../internal/packed.js';
import { groupWords } from '../internal/words.js';

interface SplitMaps {
  red: Int32Array;
  blue: Int32Array;
}
const maps = new BoundedCache<SplitMaps>();

/**
 * Offset = trunc(unit radial vector · strength·dist/maxdist) about (W//2, H//2) (the unit vector uses dist + 1, as the
 * reference); red samples outward (+offset), blue inward (−offset), both clamped.
 */
export function rgbSplitMaps(width: number, height: number, strength: number): SplitMaps {
  const red = new Int32Array(width * height);
  const blue = new Int32Array(width * height);
  const cx = width >> 1;
  const cy = height >> 1;
  const maxDist = Math.sqrt(cx * cx + cy * cy) || 1;
  const clampX = (v: number) => (v < 0 ? 0 : v >= width ? width - 1 : v);
  const clampY = (v: number) => (v < 0 ? 0 : v >= height ? height - 1 : v);
  for (let y = 0; y < height; y++) {
    const ry = y - cy;
    for (let x = 0; x < width; x++) {
      const rx = x - cx;
      const dist = Math.sqrt(rx * rx + ry * ry);
      const factor = (dist / maxDist) * strength;
      const dy = Math.trunc((ry / (dist + 1)) * factor);
      const dx = Math.trunc((rx / (dist + 1)) * factor);
      const i = y * width + x;
      red[i] = clampY(y + dy) * width + clampX(x + dx);
      blue[i] = clampY(y - dy) * width + clampX(x - dx);
    }
  }
  return { red, blue };
}

export const rgbSplitRadial = defineShader({
  name: 'rgb_split_radial',
  description: 'Radial chromatic aberration growing with distance from the centre; maps cached per size and strength (2 decimals)',
  params: {
    strength: { type: 'number', default: 5, min: 0, max: 512, description: 'offset in pixels at the corners' },
  },
  apply(frame, p, ctx) {
    const s = roundTo(p.strength, 2);
    if (s === 0) return;
    const { width, height } = frame;
    const m = maps.lookup(width, height, s, 0, 0, rgbSplitMaps);
    const npx = width * height;
    const src = ctx.scratch.i32(PACKED_COPY_KEY, npx);
    unpackPixels(frame.data, src);
    const red = m.red;
    const blue = m.blue;
    const data = frame.data;
    const words = frameWords(data);
    let i = 0;
    if (words) {
      for (let k = 0, nw = groupWords(data); k < nw; k += 3, i += 4) {
        const p1 = (src[red[i + 1]!]! & 0xff) | (src[i + 1]! & 0xff00) | (src[blue[i + 1]!]! & 0xff0000);
        const p2 = (src[red[i + 2]!]! & 0xff) | (src[i + 2]! & 0xff00) | (src[blue[i + 2]!]! & 0xff0000);
        const p0 = (src[red[i]!]! & 0xff) | (src[i]! & 0xff00) | (src[blue[i]!]! & 0xff0000);
        const p3 = (src[red[i + 3]!]! & 0xff) | (src[i + 3]! & 0xff00) | (src[blue[i + 3]!]! & 0xff0000);
        words[k] = p0 | (p1 << 24);
        words[k + 1] = (p1 >>> 8) | (p2 << 16);
        words[k + 2] = (p2 >>> 16) | (p3 << 8);
      }
    }
    for (let o = i * 3; i < npx; i++, o += 3) {
      data[o] = src[red[i]!]!;
      data[o + 2] = src[blue[i]!]! >>> 16;
    }
  },
});
