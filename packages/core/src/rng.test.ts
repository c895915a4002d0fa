import { describe, expect, it } from '@jest/globals';
import { deriveSeed, hashString, Rng } from './rng.js';

describe('xoshiro128**', () => {
  it('matches the reference output for state (1, 2, 3, 4)', () => {
    const r = Rng.fromState(1, 2, 3, 4);
    const out = Array.from({ length: 10 }, () => r.nextU32());
    // The first ten outputs of the authors' xoshiro128starstar.c seeded with s = {1, 2, 3, 4}.
    expect(out).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804]);
  });

  it('is reproducible per seed and differs across seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const sa = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(sa);
    expect(new Rng('scene-1').nextU32()).toBe(new Rng(hashString('scene-1')).nextU32());
  });

  it('uniform, int, chance stay in range and int is unbiased', () => {
    const r = new Rng(7);
    const counts = new Array(6).fill(0);
    let outOfRange = 0;
    for (let i = 0; i < 60000; i++) {
      const u = r.uniform(-2, 3);
      if (!(u >= -2 && u < 3)) outOfRange++;
      counts[r.int(1, 6) - 1]++;
    }
    expect(outOfRange).toBe(0);
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(400);
    expect(() => r.int(3, 1)).toThrow(RangeError);
    expect(() => r.int(0.5, 2)).toThrow(RangeError);
  });

  it('normal has mean 0 and sd 1', () => {
    const r = new Rng(3);
    let s = 0;
    let s2 = 0;
    const n = 40000;
    for (let i = 0; i < n; i++) {
      const x = r.normal();
      s += x;
      s2 += x * x;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.03);
    expect(Math.abs(Math.sqrt(s2 / n) - 1)).toBeLessThan(0.03);
  });

  it('choice and shuffle use every element; shuffle is a permutation', () => {
    const r = new Rng(11);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(r.choice('abcd'));
    expect([...seen].sort()).toEqual(['a', 'b', 'c', 'd']);
    const arr = Array.from({ length: 20 }, (_, i) => i);
    const sh = r.shuffle([...arr]);
    expect(sh).not.toEqual(arr);
    expect([...sh].sort((x, y) => x - y)).toEqual(arr);
    expect(() => r.choice([])).toThrow(RangeError);
  });

  it('fork gives independent reproducible streams', () => {
    const a = new Rng(5).fork('layer-0');
    const b = new Rng(5).fork('layer-0');
    const c = new Rng(5).fork('layer-1');
    const x = a.nextU32();
    expect(b.nextU32()).toBe(x);
    expect(c.nextU32()).not.toBe(x);
  });
});

describe('hashString (FNV-1a 32)', () => {
  it('matches the published test vectors', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
    expect(hashString('foobar')).toBe(0xbf9cf968);
  });
  it('hashes UTF-8 bytes', () => {
    // "é" is C3 A9 in UTF-8.
    let h = 0x811c9dc5;
    for (const b of [0xc3, 0xa9]) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    expect(hashString('é')).toBe(h);
    expect(hashString('█')).not.toBe(hashString('▓'));
  });
  it('deriveSeed is stable and order-sensitive', () => {
    expect(deriveSeed(1, 'a')).toBe(deriveSeed(1, 'a'));
    expect(deriveSeed(1, 'a')).not.toBe(deriveSeed('a', 1));
  });
});

describe('Rng.reseed', () => {
  it('restarts exactly like a new generator, spare normal included', () => {
    const r = new Rng(1);
    r.normal();
    r.reseed(99);
    const fresh = new Rng(99);
    expect([r.normal(), r.nextU32(), r.next()]).toEqual([fresh.normal(), fresh.nextU32(), fresh.next()]);
  });
});
