import { GlyphreelError, type RgbFrame, type Scratch } from '@glyphreel/core';
import { FRAME_COPY_KEY } from '../internal/bytes.js';

/**
 * Moves each pixel by trunc(map·strength), clamped to the frame (positive = content from the right/below, as the
 * reference samples c[y + dy, x + dx]). Not a registered shader: it needs per-pixel maps, which scene code supplies.
 * Pass a Scratch to avoid allocating the copy it reads from.
 */
export function displacementMap(
  frame: RgbFrame,
  dxMap: Float32Array,
  dyMap: Float32Array,
  strength = 10,
  scratch?: Scratch,
): void {
  const { width, height, data } = frame;
  const n = width * height;
  if (dxMap.length !== n || dyMap.length !== n) {
    throw new GlyphreelError(
      'E_PARAM',
      `displacementMap: maps must have width·height = ${n} entries, got ${dxMap.length} and ${dyMap.length}`,
    );
  }
  const src = scratch ? scratch.u8(FRAME_COPY_KEY, data.length) : new Uint8Array(data.length);
  src.set(data);
  const stride = width * 3;
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      let sx = x + Math.trunc(dxMap[i]! * strength);
      let sy = y + Math.trunc(dyMap[i]! * strength);
      sx = sx < 0 ? 0 : sx >= width ? width - 1 : sx;
      sy = sy < 0 ? 0 : sy >= height ? height - 1 : sy;
      const s = sy * stride + sx * 3;
      const o = i * 3;
      data[o] = src[s]!;
      data[o + 1] = src[s + 1]!;
      data[o + 2] = src[s + 2]!;
    }
  }
}
