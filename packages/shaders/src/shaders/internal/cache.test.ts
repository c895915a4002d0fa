import { describe, expect, test } from '@jest/globals';
import { BoundedCache, roundTo } from './cache.js';

describe('BoundedCache', () => {
  test('builds once per key, returns the same object on hits, and drops the least recently used beyond its size', () => {
    const cache = new BoundedCache<{ key: string }>(2);
    let builds = 0;
    const build = (w: number, h: number, a: number) => {
      builds++;
      return { key: `${w}x${h}:${a}` };
    };
    const a = cache.lookup(4, 3, 0.5, 0, 0, build);
    expect(cache.lookup(4, 3, 0.5, 0, 0, build)).toBe(a);
    const b = cache.lookup(4, 3, 0.25, 0, 0, build);
    expect(cache.lookup(4, 3, 0.5, 0, 0, build)).toBe(a); // a is now the most recent
    cache.lookup(8, 3, 0.5, 0, 0, build); // evicts b
    expect(builds).toBe(3);
    expect(cache.size).toBe(2);
    expect(cache.lookup(4, 3, 0.25, 0, 0, build)).not.toBe(b);
    expect(builds).toBe(4);
    expect(cache.lookup(4, 3, 0.5, 0, 0, build).key).toBe('4x3:0.5');
  });
  test('roundTo rounds to the given decimals', () => {
    expect(roundTo(0.0549, 3)).toBe(0.055);
    expect(roundTo(0.224, 2)).toBe(0.22);
    expect(roundTo(5, 2)).toBe(5);
  });
});
