import { defineShader, type Scratch } from '@glyphreel/core';

/**
 * Sorts one line (a row, or a column read with a stride) of rgb24 pixels: runs where the channel sum exceeds
 * 3·threshold and that are longer than 2 px are sorted by brightness, ascending. Keys pack (sum·len + index) into
 * one Int32 so the sort is numeric and stable (equal brightness keeps the original order; numpy's argsort does not
 * promise that). Short runs use insertion sort; long ones the native typed-array sort.
 */
function sortLine(
  data: Uint8Array,
  start: number,
  step: number,
  count: number,
  limit: number,
  keys: Int32Array,
  sums: Int32Array,
  pix: Uint8Array,
): void {
  for (let i = 0, o = start; i < count; i++, o += step) sums[i] = data[o]! + data[o + 1]! + data[o + 2]!;
  let i = 0;
  while (i < count) {
    if (sums[i]! <= limit) {
      i++;
      continue;
    }
    let e = i + 1;
    while (e < count && sums[e]! > limit) e++;
    const len = e - i;
    if (len > 2) {
      for (let k = 0; k < len; k++) {
        keys[k] = sums[i + k]! * len + k;
        const o = start + (i + k) * step;
        pix[k * 3] = data[o]!;
        pix[k * 3 + 1] = data[o + 1]!;
        pix[k * 3 + 2] = data[o + 2]!;
      }
      if (len <= 24) {
        for (let a = 1; a < len; a++) {
          const v = keys[a]!;
          let b = a - 1;
          while (b >= 0 && keys[b]! > v) {
            keys[b + 1] = keys[b]!;
            b--;
          }
          keys[b + 1] = v;
        }
      } else {
        keys.subarray(0, len).sort();
      }
      for (let k = 0; k < len; k++) {
        const from = (keys[k]! % len) * 3;
        const o = start + (i + k) * step;
        data[o] = pix[from]!;
        data[o + 1] = pix[from + 1]!;
        data[o + 2] = pix[from + 2]!;
      }
    }
    i = e;
  }
}

function buffers(scratch: Scratch, n: number) {
  return {
    keys: scratch.i32('pixel_sort:keys', n),
    sums: scratch.i32('pixel_sort:sums', n),
    pix: scratch.u8('pixel_sort:pix', n * 3),
  };
}

export const pixelSort = defineShader({
  name: 'pixel_sort',
  description: 'On every 3rd row (h) or column (v), bright runs longer than 2 px sorted by brightness',
  params: {
    threshold: { type: 'number', default: 100, min: 0, max: 255, description: 'channel-mean brightness of a run' },
    direction: { type: 'enum', values: ['h', 'v'], default: 'h', description: 'h sorts rows, v sorts columns' },
  },
  apply(frame, p, ctx) {
    const { width, height, data } = frame;
    const limit = 3 * p.threshold;
    const stride = width * 3;
    if (p.direction === 'h') {
      const b = buffers(ctx.scratch, width);
      for (let y = 0; y < height; y += 3) sortLine(data, y * stride, 3, width, limit, b.keys, b.sums, b.pix);
    } else {
      const b = buffers(ctx.scratch, height);
      for (let x = 0; x < width; x += 3) sortLine(data, x * 3, stride, height, limit, b.keys, b.sums, b.pix);
    }
  },
});
