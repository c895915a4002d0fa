/**
 * The reference's integer lattice hash `_hash2d`, bit-exact.
 *
 * The reference computes it in NumPy int64 with wrap-around:
 *   n = ix·374761393 + iy·668265263;  n = (n ^ (n >> 13))·1274126177;  ((n ^ (n >> 16)) & 0x7fffffff) / 0x7fffffff
 * The result only depends on the low 31 bits of the last line, which depend on bits 0..46 of the second product,
 * which depend on bits 0..59 of the first sum. So no full 64-bit product is needed: the first sum is exact in a
 * double for |ix|, |iy| < 2^22 (far beyond any grid), and the second product is taken mod 2^47 with the constant
 * split into 16-bit halves so every partial product stays below 2^53, all in plain doubles (the tests compare against
 * a BigInt transcription on random and negative inputs). Fields call it only to fill lattice tables (HashLattice).
 *
 * The division: the reference divides a float32 array by the Python int 0x7fffffff, which NumPy converts to float32,
 * where it rounds to 2^31. Dividing by 2^31 is therefore the exact match, and it is exact in float32 too.
 */
const P1 = 374761393;
const P2 = 668265263;
const K = 1274126177;
const K_HI = K >>> 16;
const K_LO = K & 0xffff;
const TWO16 = 65536;
const TWO24 = 16777216;
const TWO31 = 2147483648;
const TWO47 = 140737488355328;

export function hash2dInt(ix: number, iy: number): number {
  const n1 = ix * P1 + iy * P2;
  let a = n1 % TWO47;
  if (a < 0) a += TWO47;
  let b = Math.floor(n1 / 8192) % TWO47;
  if (b < 0) b += TWO47;
  const aLo = a % TWO24;
  const bLo = b % TWO24;
  const mLo = aLo ^ bLo;
  const mHi = ((a - aLo) / TWO24) ^ ((b - bLo) / TWO24);
  const n2 = ((Math.imul(mHi, K) & 0x7fffff) * TWO24 + ((mLo * K_HI) % TWO31) * TWO16 + mLo * K_LO) % TWO47;
  return ((n2 % TWO31) ^ Math.floor(n2 / TWO16)) & 0x7fffffff;
}

/**
 * `_hash2d(ix, iy)` in [0, 1]: the 31-bit hash converted to float32 (as the reference's astype(np.float32), which can
 * round up to 2^31), over 2^31.
 */
export function hash2d(ix: number, iy: number): number {
  return Math.fround(hash2dInt(ix, iy)) / TWO31;
}
