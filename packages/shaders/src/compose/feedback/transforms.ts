import { GlyphreelError } from '@glyphreel/core';
import { arena } from '../../shaders/internal/simd/arena.js';
import { composeKernels, stage, wordsIn } from '../blend/wasm.js';
import { allocOwned } from '../../shaders/internal/simd/owned.js';

/** The FeedbackBuffer's own transforms (catalog 3.4); `mirror_h` here flips the whole buffer, unlike the shader. */
export const FEEDBACK_TRANSFORMS = ['zoom', 'shrink', 'rotate_cw', 'rotate_ccw', 'shift_up', 'shift_down', 'mirror_h'] as const;
export type FeedbackTransform = (typeof FEEDBACK_TRANSFORMS)[number];

export function isFeedbackTransform(name: unknown): name is FeedbackTransform {
  return typeof name === 'string' && (FEEDBACK_TRANSFORMS as readonly string[]).includes(name);
}

/**
 * A transform as a source lookup, built once per (width, height, transform, amt). zoom and shrink are separable
 * (destination row y reads source row rowMap[y], column x reads colMap[x]; −1 is black), so repeated rows are copied
 * with memcpy; shifts move whole rows; the flip uses the native reverse; rotation keeps one source pixel index per
 * destination pixel.
 */
export type TransformPlan =
  | {
      kind: 'separable';
      rowMap: Int32Array;
      colMap: Int32Array;
      identityCols: boolean;
      /** Byte offset of each destination column's source pixel within a row (colMap·3). */
      colByte: Int32Array;
      /** Destination columns [colStart, colEnd) have a source; the rest are black (shrink's side bars). */
      colStart: number;
      colEnd: number;
    }
  | { kind: 'pixel'; pixMap: Int32Array }
  /** Whole rows moved by `shift` (dst row y = src row y + shift), black where that leaves the frame: one memcpy. */
  | { kind: 'rows'; shift: number }
  /** Horizontal flip: native row reverse, then swap R and B back (≈40 % faster than the gather). */
  | { kind: 'mirror' };

/** Nearest-neighbour source index for a resize from `src` to `dst` samples, OpenCV INTER_NEAREST style: ⌊i·src/dst⌋. */
function nearest(i: number, src: number, dst: number): number {
  return Math.floor((i * src) / dst);
}

export function buildTransformPlan(width: number, height: number, transform: FeedbackTransform, amt: number): TransformPlan {
  const rowMap = new Int32Array(height);
  const colMap = new Int32Array(width);
  for (let y = 0; y < height; y++) rowMap[y] = y;
  for (let x = 0; x < width; x++) colMap[x] = x;
  switch (transform) {
    case 'zoom': {
      // Crop ⌊H·amt⌋ × ⌊W·amt⌋ margins and stretch the rest back to full size: an expanding tunnel.
      const m = Math.floor(height * amt);
      const n = Math.floor(width * amt);
      const ch = height - 2 * m;
      const cw = width - 2 * n;
      for (let y = 0; y < height; y++) rowMap[y] = m + nearest(y, ch, height);
      for (let x = 0; x < width; x++) colMap[x] = n + nearest(x, cw, width);
      break;
    }
    case 'shrink': {
      // Resize to (W − 2n) × (H − 2m) and paste centred on black: zoom-out, "emergence".
      const m = Math.floor(height * amt);
      const n = Math.floor(width * amt);
      const sh = height - 2 * m;
      const sw = width - 2 * n;
      for (let y = 0; y < height; y++) rowMap[y] = y < m || y >= m + sh ? -1 : nearest(y - m, height, sh);
      for (let x = 0; x < width; x++) colMap[x] = x < n || x >= n + sw ? -1 : nearest(x - n, width, sw);
      break;
    }
    case 'shift_up':
    case 'shift_down': {
      const k = Math.max(1, Math.floor(height * amt));
      return { kind: 'rows', shift: transform === 'shift_up' ? k : -k };
    }
    case 'mirror_h':
      return { kind: 'mirror' };
    case 'rotate_cw':
    case 'rotate_ccw': {
      // The reference's angle is amt·10 in radians (its comment says degrees): amt 0.005 → 0.05 rad ≈ 2.9°/frame.
      const angle = (transform === 'rotate_cw' ? 1 : -1) * amt * 10;
      const cos = Math.cos(angle);
      const sin = Math.sin(angle);
      const cx = width / 2;
      const cy = height / 2;
      // In the SIMD arena so the gather kernel reads it in place (released when the map is collected).
      const npx = width * height;
      const pixMap = allocOwned(npx * 4, (ptr) => arena().i32(ptr, npx));
      for (let y = 0, i = 0; y < height; y++) {
        const Y = y - cy;
        for (let x = 0; x < width; x++, i++) {
          const X = x - cx;
          let sx = Math.trunc(X * cos + Y * sin + cx);
          let sy = Math.trunc(-X * sin + Y * cos + cy);
          sx = sx < 0 ? 0 : sx >= width ? width - 1 : sx;
          sy = sy < 0 ? 0 : sy >= height ? height - 1 : sy;
          pixMap[i] = sy * width + sx;
        }
      }
      return { kind: 'pixel', pixMap };
    }
    default:
      throw new GlyphreelError('E_UNKNOWN', `Unknown feedback transform ${JSON.stringify(transform)}`, {
        hint: `known transforms: ${FEEDBACK_TRANSFORMS.join(', ')}`,
      });
  }
  let identityCols = true;
  for (let x = 0; x < width; x++) if (colMap[x] !== x) identityCols = false;
  let colStart = 0;
  while (colStart < width && (colMap[colStart] as number) < 0) colStart++;
  let colEnd = width;
  while (colEnd > colStart && (colMap[colEnd - 1] as number) < 0) colEnd--;
  const colByte = new Int32Array(width);
  for (let x = 0; x < width; x++) colByte[x] = (colMap[x] as number) * 3;
  return { kind: 'separable', rowMap, colMap, identityCols, colByte, colStart, colEnd };
}

/** dst = transform(src) for rgb24 buffers of width × height (src and dst must not alias). */
export function applyTransformPlan(plan: TransformPlan, src: Uint8Array, dst: Uint8Array, width: number, height: number): void {
  const n = width * height * 3;
  if (src.length < n || dst.length < n) {
    throw new GlyphreelError('E_PARAM', `applyTransformPlan: buffers of ${src.length} and ${dst.length} bytes, ${width}×${height} needs ${n}`);
  }
  const s = stage([src.subarray(0, n)], dst.subarray(0, n), 'compose');
  runTransformPlan(plan, s.ptrs[0] as number, s.out, width, height);
  s.finish();
}

/** applyTransformPlan on arena addresses (the kernels of wasm/compose.wat.mjs). */
export function runTransformPlan(plan: TransformPlan, src: number, dst: number, width: number, height: number): void {
  const k = composeKernels();
  const rowLen = width * 3;
  if (plan.kind === 'rows') {
    const shift = Math.max(-height, Math.min(height, plan.shift));
    const moved = (height - Math.abs(shift)) * rowLen;
    if (shift >= 0) {
      k.copy_bytes(dst, src + shift * rowLen, moved);
      k.fill_bytes(dst + moved, 0, height * rowLen - moved);
    } else {
      k.fill_bytes(dst, 0, -shift * rowLen);
      k.copy_bytes(dst - shift * rowLen, src, moved);
    }
    return;
  }
  if (plan.kind === 'mirror') {
    k.mirror_rows(src, dst, width, height);
    return;
  }
  if (plan.kind === 'pixel') {
    k.gather_px(src, dst, width * height, wordsIn(plan.pixMap, 'compose:map'));
    return;
  }
  const { rowMap, identityCols, colByte, colStart, colEnd } = plan;
  k.gather_rows(src, dst, width, height, wordsIn(rowMap, 'compose:rows'), wordsIn(colByte, 'compose:cols'), colStart, colEnd, identityCols ? 1 : 0);
}
