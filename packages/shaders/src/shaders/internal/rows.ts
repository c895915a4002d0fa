/**
 * Rolls the pixels of one row right by s (0 < s < width), wrapping, as np.roll does. The shorter side goes through
 * `tmp` (at least 3·min(s, width − s) bytes) and the rest moves with copyWithin, so a roll by −1 (s = width − 1) costs
 * as little as a roll by 1. No views are created.
 */
export function rollRow(data: Uint8Array, row: number, width: number, s: number, tmp: Uint8Array): void {
  const end = row + width * 3;
  if (s <= width - s) {
    const wrap = s * 3;
    const cut = end - wrap;
    for (let i = 0; i < wrap; i++) tmp[i] = data[cut + i]!;
    data.copyWithin(row + wrap, row, cut);
    for (let i = 0; i < wrap; i++) data[row + i] = tmp[i]!;
  } else {
    const wrap = (width - s) * 3; // a left roll by width − s
    for (let i = 0; i < wrap; i++) tmp[i] = data[row + i]!;
    data.copyWithin(row, row + wrap, end);
    for (let i = 0, o = end - wrap; i < wrap; i++) data[o + i] = tmp[i]!;
  }
}
