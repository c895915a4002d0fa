import type { FeatureFrame } from '@glyphreel/core';

/**
 * Writes the effective parameters for this frame into `out` from the validated `base` ones. Scalers live in the
 * chain, not in the shaders (catalog 9.2 item 13), so a shader applied on its own does exactly what its params say.
 */
export type AudioScaler = (base: Readonly<Record<string, unknown>>, out: Record<string, unknown>, features: FeatureFrame) => void;

/**
 * Catalog 3.3, keyed by built-in shader name. glitch_bands reads bdecay and sub itself (its band count, height and
 * shift are not parameters), so it has no entry here.
 */
export const AUDIO_SCALING: Readonly<Record<string, AudioScaler>> = Object.freeze({
  /** amt_eff = max(1, trunc(amt·(0.4 + 0.8·bdecay))): at least 1 px even when amt is 0, as the reference. */
  chromatic: (base, out, f) => {
    out.amt = Math.max(1, Math.trunc((base.amt as number) * (0.4 + 0.8 * f.get('bdecay'))));
  },
  /** amt_eff = amt·(0.5 + 0.8·rms). */
  color_wobble: (base, out, f) => {
    out.amt = (base.amt as number) * (0.5 + 0.8 * f.get('rms'));
  },
  /** amt_eff = trunc(amt·(0.5 + 0.8·rms)). */
  grain: (base, out, f) => {
    out.amt = Math.trunc((base.amt as number) * (0.5 + 0.8 * f.get('rms')));
  },
});
