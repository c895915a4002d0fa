import { GlyphreelError } from '@glyphreel/core';
import type { FeedbackOptions } from './buffer.js';

/**
 * The feedback presets of catalog 3.4. Opacities are shaders.md's explicit values (composition.md omits them for
 * three presets, which would mean the default 0.5): the lower values keep screen trails from compounding to white.
 * `multiplied_depth` is kept as shaders.md defines it although troubleshooting says never to use multiply for
 * feedback: with the current frame as base, multiply at opacity 0.3 can darken a pixel by at most 30 % and never
 * compounds to black (out = a·(0.7 + 0.3·b) ≥ 0.7a), so it is a deliberate darkening look, not a bug trap.
 */
export const FEEDBACK_PRESETS = Object.freeze({
  infinite_zoom_tunnel: { decay: 0.8, blend: 'screen', opacity: 0.4, transform: 'zoom', transformAmt: 0.015, hueShift: 0 },
  rainbow_trails: { decay: 0.7, blend: 'screen', opacity: 0.3, transform: 'zoom', transformAmt: 0.01, hueShift: 0.02 },
  ghostly_echo: { decay: 0.9, blend: 'add', opacity: 0.15, transform: 'shift_up', transformAmt: 0.01, hueShift: 0 },
  kaleidoscopic_recursion: { decay: 0.75, blend: 'screen', opacity: 0.35, transform: 'rotate_cw', transformAmt: 0.005, hueShift: 0.01 },
  color_evolution: { decay: 0.8, blend: 'difference', opacity: 0.4, transform: null, transformAmt: 0.02, hueShift: 0.03 },
  multiplied_depth: { decay: 0.65, blend: 'multiply', opacity: 0.3, transform: 'mirror_h', transformAmt: 0.02, hueShift: 0 },
  rising_heat_haze: { decay: 0.5, blend: 'add', opacity: 0.2, transform: 'shift_up', transformAmt: 0.02, hueShift: 0 },
} satisfies Record<string, Required<FeedbackOptions>>);

export type FeedbackPresetName = keyof typeof FEEDBACK_PRESETS;

/** A copy of a preset's options; unknown names are E_UNKNOWN listing the presets. */
export function feedbackPreset(name: string): Required<FeedbackOptions> {
  const p = (FEEDBACK_PRESETS as Record<string, Required<FeedbackOptions>>)[name];
  if (!p || !Object.prototype.hasOwnProperty.call(FEEDBACK_PRESETS, name)) {
    throw new GlyphreelError('E_UNKNOWN', `Unknown feedback preset ${JSON.stringify(name)}`, {
      hint: `known presets: ${Object.keys(FEEDBACK_PRESETS).join(', ')}`,
    });
  }
  return { ...p };
}

/**
 * Concept → feedback (catalog 3.4, design-patterns): which transform carries an idea. `entropy` has no feedback
 * (null); the amounts are the catalog's typical 0.01–0.02.
 */
export const FEEDBACK_BY_CONCEPT = Object.freeze({
  emergence: { transform: 'shrink', transformAmt: 0.015 },
  descent: { transform: 'zoom', transformAmt: 0.015 },
  inferno: { transform: 'shift_up', transformAmt: 0.02 },
  entropy: null,
  crescendo: { transform: 'zoom', transformAmt: 0.01, hueShift: 0.02 },
} satisfies Record<string, FeedbackOptions | null>);
