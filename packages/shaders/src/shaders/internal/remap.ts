/** dst pixel i = src pixel map[i] (rgb24, map holds pixel indices). The workhorse of every cached geometric remap. */
export function gatherPixels(src: Uint8Array, dst: Uint8Array, map: Int32Array): void {
  const n = map.length;
  for (let i = 0, o = 0; i < n; i++, o += 3) {
    const s = map[i]! * 3;
    dst[o] = src[s]!;
    dst[o + 1] = src[s + 1]!;
    dst[o + 2] = src[s + 2]!;
  }
}

/** dst channel `ch` of pixel i = src channel `ch` of pixel map[i]. */
export function gatherChannel(src: Uint8Array, dst: Uint8Array, map: Int32Array, ch: number): void {
  const n = map.length;
  for (let i = 0, o = ch; i < n; i++, o += 3) dst[o] = src[map[i]! * 3 + ch]!;
}
