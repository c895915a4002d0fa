import { defineShader } from '@glyphreel/core';

/**
 * Sorts one line (a row, or a column read with a stride) of rgb24 pixels: runs where the channel sum exceeds
 * 3·threshold and that are longer than 2 px are sorted by brightness, ascending. Keys pack (sum·len + index) into
 * one Int32 so the sort is numeric and stable (equal brightness keeps the original order; numpy's argsort does not
 * promise that). Short runs use insertion sort, long ones an in-place heap sort (keys are distinct, so an unstable
 * sort is fine, and no view or temporary array is created per run).
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
        heapSort(keys, len);
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

/** Ascending in-place heap sort of keys[0, n). */
function heapSort(keys: Int32Array, n: number): void {
  for (let start = (n >> 1) - 1; start >= 0; start--) siftDown(keys, start, n);
  for (let end = n - 1; end > 0; end--) {
    const t = keys[0]!;
    keys[0] = keys[end]!;
    keys[end] = t;
    siftDown(keys, 0, end);
  }
}

function siftDown(keys: Int32Array, i: number, n: number): void {
  const v = keys[i]!;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && keys[c + 1]! > keys[c]!) c++;
    if (keys[c]! <= v) break;
    keys[i] = keys[c]!;
    i = c;
  }
  keys[i] = v;
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
    const h = p.direction === 'h';
    const n = h ? width : height;
    const keys = ctx.scratch.i32('pixel_sort:keys', n);
    const sums = ctx.scratch.i32('pixel_sort:sums', n);
    const pix = ctx.scratch.u8('pixel_sort:pix', n * 3);
    if (h) {
      for (let y = 0; y < height; y += 3) sortLine(data, y * stride, 3, width, limit, keys, sums, pix);
    } else {
      for (let x = 0; x < width; x += 3) sortLine(data, x * 3, stride, height, limit, keys, sums, pix);
    }
  },
});
