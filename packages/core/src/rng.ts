/**
 * Seeded randomness. Every random draw in glyphreel comes from an Rng handed down by the runtime, so the same seed
 * gives byte-identical frames whatever the worker count. The generator is xoshiro128** 1.1 (Blackman & Vigna), a
 * fast 32-bit generator with published reference output; seeds are expanded with SplitMix32 as its authors advise.
 */

/** FNV-1a, 32 bit: a stable string hash (unlike Python's salted `hash`) for per-scene seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    // Hash UTF-8 bytes so the value matches other FNV-1a implementations for non-ASCII text.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    const bytes = c < 0x80 ? [c] : c < 0x800 ? [0xc0 | (c >> 6), 0x80 | (c & 63)] : c < 0x10000
      ? [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)]
      : [0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
    for (const b of bytes) {
      h ^= b;
      h = Math.imul(h, 0x01000193);
    }
  }
  return h >>> 0;
}

/** Combines seeds and strings into one 32-bit seed, e.g. `deriveSeed(runSeed, sceneId, 'particles')`. */
export function deriveSeed(...parts: Array<number | string>): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    const v = typeof p === 'number' ? p >>> 0 : hashString(p);
    h = Math.imul(h ^ v, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | undefined;

  /** A generator seeded from one 32-bit number (or a string, through hashString). */
  constructor(seed: number | string = 0) {
    this.a = this.b = this.c = this.d = 0;
    this.reseed(seed);
  }

  /**
   * Restarts the stream from a seed, exactly as `new Rng(seed)` would: the runtime reseeds one generator per layer
   * and frame (from scene, layer and frame index) so a render can start at any frame without allocating.
   */
  reseed(seed: number | string): this {
    const st = { s: typeof seed === 'string' ? hashString(seed) : seed >>> 0 };
    this.a = splitmix32(st);
    this.b = splitmix32(st);
    this.c = splitmix32(st);
    this.d = splitmix32(st);
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 1;
    this.spareNormal = undefined;
    return this;
  }

  /** A generator from the raw 128-bit state (four 32-bit words), as the reference implementation is seeded. */
  static fromState(s0: number, s1: number, s2: number, s3: number): Rng {
    const r = new Rng(0);
    r.a = s0 >>> 0;
    r.b = s1 >>> 0;
    r.c = s2 >>> 0;
    r.d = s3 >>> 0;
    return r;
  }

  /** The next raw 32-bit output of xoshiro128**. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform in [lo, hi). */
  uniform(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer in [lo, hi] inclusive (like Python's randint), without modulo bias. */
  int(lo: number, hi: number): number {
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo) {
      throw new RangeError(`Rng.int needs integers lo <= hi, got ${lo}, ${hi}`);
    }
    const span = hi - lo + 1;
    if (span > 4294967296) return lo + Math.floor(this.next() * span);
    const limit = 4294967296 - (4294967296 % span);
    let x = this.nextU32();
    while (x >= limit) x = this.nextU32();
    return lo + (x % span);
  }

  /** Standard normal (Box–Muller, the spare value kept for the next call). */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== undefined) {
      const v = this.spareNormal;
      this.spareNormal = undefined;
      return mean + sd * v;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array or string. */
  choice<T>(items: ArrayLike<T>): T {
    if (items.length === 0) throw new RangeError('Rng.choice needs a non-empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  /** Fills a typed array with uniform values in [lo, hi). */
  fillUniform(out: Float32Array | Float64Array, lo = 0, hi = 1): typeof out {
    const span = hi - lo;
    for (let i = 0; i < out.length; i++) out[i] = lo + span * (this.nextU32() / 4294967296);
    return out;
  }

  /** An independent child stream, e.g. one per layer, so adding draws in one layer does not shift another. */
  fork(label: string | number): Rng {
    return new Rng(deriveSeed(this.a, this.b, this.c, this.d, label));
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
