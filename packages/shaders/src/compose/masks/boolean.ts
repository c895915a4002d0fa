import type { Field } from '@glyphreel/core';
import { checkSameLength } from './common.js';

/** Mask algebra (catalog 4.4). Each writes `out` (default a new field; it may alias an input) and returns it. */
export function maskUnion(a: Field, b: Field, out: Field = new Float32Array(a.length)): Field {
  checkSameLength('mask union', a, b, out);
  for (let i = 0; i < a.length; i++) out[i] = Math.max(a[i] as number, b[i] as number);
  return out;
}

export function maskIntersect(a: Field, b: Field, out: Field = new Float32Array(a.length)): Field {
  checkSameLength('mask intersect', a, b, out);
  for (let i = 0; i < a.length; i++) out[i] = Math.min(a[i] as number, b[i] as number);
  return out;
}

/** clamp(a − b): a with b cut out. */
export function maskSubtract(a: Field, b: Field, out: Field = new Float32Array(a.length)): Field {
  checkSameLength('mask subtract', a, b, out);
  for (let i = 0; i < a.length; i++) {
    const v = (a[i] as number) - (b[i] as number);
    out[i] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
  return out;
}

export function maskInvert(m: Field, out: Field = new Float32Array(m.length)): Field {
  checkSameLength('mask invert', m, out);
  for (let i = 0; i < m.length; i++) out[i] = 1 - (m[i] as number);
  return out;
}
