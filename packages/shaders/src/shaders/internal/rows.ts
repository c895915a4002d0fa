/**
 * Rolls the pixels of one row right by s (0 < s < width), wrapping, as np.roll does: the s pixels that fall off the
 * end move to the front through `tmp` (at least 3·s bytes), the rest shift with copyWithin. No views are created.
 */
export function rollRow(data: Uint8Array, row: number, width: number, s: number, tmp: Uint8Array): void {
  const cut = (width - s) * 3;
  const wrap = s * 3;
  for (let i = 0; i < wrap; i++) tmp[i] = data[row + cut + i]!;
  data.copyWithin(row + wrap, row, row + cut);
  for (let i = 0; i < wrap; i++) data[row + i] = tmp[i]!;
}
