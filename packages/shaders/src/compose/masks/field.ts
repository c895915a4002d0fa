import type { Field } from '@glyphreel/core';
import { checkSameLength, clamp01 } from './common.js';

/**
 * mask_from_vf: a value field as a mask, clamp((v − threshold + feather)/(2·feather)), so the soft band is
 * [threshold − feather, threshold + feather]; feather = 0 is a hard threshold v > threshold.
 */
export function maskFromField(vf: Field, threshold = 0.5, feather = 0.1, out: Field = new Float32Array(vf.length)): Field {
  checkSameLength('mask from_vf', vf, out);
  for (let i = 0; i < vf.length; i++) {
    const v = vf[i] as number;
    out[i] = feather > 0 ? clamp01((v - threshold + feather) / (2 * feather)) : v > threshold ? 1 : 0;
  }
  return out;
}

/** apply_mask_vf: out = a·m + b·(1 − m), the mask blend at value-field level. `out` may alias a or b. */
export function applyMaskField(a: Field, b: Field, mask: Field, out: Field = new Float32Array(a.length)): Field {
  checkSameLength('applyMaskField', a, b, mask, out);
  for (let i = 0; i < a.length; i++) {
    const m = mask[i] as number;
    out[i] = (a[i] as number) * m + (b[i] as number) * (1 - m);
  }
  return out;
}

/** mask_select(mask, vf_a, vf_b) = a·m + b·(1 − m): picks field a where the mask is on, b where it is off. */
export function maskSelect(mask: Field, a: Field, b: Field, out: Field = new Float32Array(mask.length)): Field {
  return applyMaskField(a, b, mask, out);
}
