/**
 * Module-level caches for maps that depend only on frame size and parameters (CRT remap, vignette factors, …). They
 * are per worker, like the reference's dicts, but bounded: a long render that changes strength every frame must not
 * grow memory without limit.
 */
export class BoundedCache<T> {
  private readonly map = new Map<string, T>();

  constructor(private readonly maxEntries = 8) {}

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
    if (this.map.size > this.maxEntries) this.map.delete(this.map.keys().next().value as string);
    return value;
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
  }
}

/** Rounds like Python's round(x, digits) closely enough for cache keys (ties are irrelevant here). */
export function roundTo(x: number, digits: number): number {
  const p = 10 ** digits;
  return Math.round(x * p) / p;
}
