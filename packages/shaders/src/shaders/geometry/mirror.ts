/**
 * Row and column reflections shared by the mirror shaders. They write only the half they replace and read only the
 * half they keep, so they work in place with no copy (the reference's dispatcher copied because numpy slices alias).
 * Odd sizes keep the middle column/row, so out[x] = out[W−1−x] holds for every x.
 */

/** Right half of each row y in [y0, y1) := reversed left half. */
export function reflectRowsLeftToRight(data: Uint8Array, width: number, y0: number, y1: number): void {
  const stride = width * 3;
  const half = (width + 1) >> 1;
  for (let y = y0; y < y1; y++) {
    const row = y * stride;
    for (let x = half; x < width; x++) {
      const o = row + x * 3;
      const s = row + (width - 1 - x) * 3;
      data[o] = data[s]!;
      data[o + 1] = data[s + 1]!;
      data[o + 2] = data[s + 2]!;
    }
  }
}

/** Bottom half rows := top half rows in reverse order. */
export function reflectTopToBottom(data: Uint8Array, width: number, height: number): void {
  const stride = width * 3;
  for (let y = (height + 1) >> 1; y < height; y++) {
    const s = (height - 1 - y) * stride;
    data.copyWithin(y * stride, s, s + stride);
  }
}
