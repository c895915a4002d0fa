/**
 * 32-bit word views of frame bytes. V8 pays for every Uint8Array element access, so the hot passes read and write
 * four bytes at a time. rgb24 is 4 pixels per 3 words:
 *   w0 = r0 g0 b0 r1 · w1 = g1 b1 r2 g2 · w2 = b2 r3 g3 b3   (bytes low to high, little-endian)
 * Views are cached per Uint8Array, so a frame reused across a render creates no objects per frame.
 */

export const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

const views = new WeakMap<Uint8Array, Int32Array>();

/**
 * An Int32Array over the whole words of `data` (word k = bytes 4k..4k+3), or undefined on a big-endian host or when
 * `data` does not start on a 4-byte boundary of its buffer (callers then take their byte path).
 */
export function wordsOf(data: Uint8Array): Int32Array | undefined {
  if (!LITTLE_ENDIAN || (data.byteOffset & 3) !== 0 || data.length < 4) return undefined;
  let w = views.get(data);
  if (w === undefined) {
    w = new Int32Array(data.buffer, data.byteOffset, data.length >> 2);
    views.set(data, w);
  }
  return w;
}

/** Number of words covering whole 4-pixel groups (12 bytes each). */
export function groupWords(data: Uint8Array): number {
  return Math.floor(data.length / 12) * 3;
}
