import { GlyphreelError } from '@glyphreel/core';

/** The GlyphreelError `fn` throws; fails the test when it throws nothing or something else. */
export function errorOf(fn: () => unknown): GlyphreelError {
  try {
    fn();
  } catch (e) {
    if (e instanceof GlyphreelError) return e;
    throw e;
  }
  throw new Error('expected a GlyphreelError');
}
