/**
 * Module-level caches for maps that depend only on frame size and parameters (CRT remap, vignette factors, …). They
 * are per worker, like the reference's dicts, but bounded: a long render that changes strength every frame must not
 * grow memory without limit.
 */
export class BoundedCache<T> {
  private readonly map = new Map<string, T>();
  private lastKey: readonly number[] = [];
  private lastValue: T | undefined;

  constructor(
    private readonly maxEntries = 8,
    /** Called with each value dropped from the cache (to release memory held outside the JS heap). */
    private readonly onEvict?: (value: T) => void,
  ) {}

  /**
   * The value for (width, height, a, b, c), built by `build` on a miss. Repeating the previous call's numbers (every
   * frame of a clip) returns without building a key string or a closure, so a hit allocates nothing.
   */
  lookup(
    width: number,
    height: number,
    a: number,
    b: number,
    c: number,
    build: (width: number, height: number, a: number, b: number, c: number) => T,
  ): T {
    const k = this.lastKey;
    if (this.lastValue !== undefined && k[0] === width && k[1] === height && k[2] === a && k[3] === b && k[4] === c) {
      return this.lastValue;
    }
    const value = this.get(`${width}x${height}:${a}:${b}:${c}`, () => build(width, height, a, b, c));
    this.lastKey = [width, height, a, b, c];
    this.lastValue = value;
    return value;
  }

  get(key: string, build: () => T): T {
    const hit = this.map.get(key);
    if (hit !== undefined) {
      // Refresh recency: Map iterates in insertion order, so the first key is the least recently used.
      this.map.delete(key);
      this.map.set(key, hit);
      return hit;
    }
    const value = build();
    this.map.set(key, value);
    if (this.map.size > this.maxEntries) {
      const oldest = this.map.keys().next().value as string;
      const dropped = this.map.get(oldest) as T;
      this.map.delete(oldest);
      if (dropped === this.lastValue) this.lastValue = undefined;
      this.onEvict?.(dropped);
    }
    return value;
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    if (this.onEvict) for (const v of this.map.values()) this.onEvict(v);
    this.map.clear();
    this.lastValue = undefined;
  }
}

/** Rounds like Python's round(x, digits) closely enough for cache keys (ties are irrelevant here). */
export function roundTo(x: number, digits: number): number {
  const p = 10 ** digits;
  return Math.round(x * p) / p;
}
