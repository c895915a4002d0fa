import { GlyphreelError, type BlendDef } from '@glyphreel/core';

/** ε of catalog 4.1, used by the division modes so a zero denominator saturates instead of producing NaN. */
export const BLEND_EPS = 1e-6;

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** The 20 separable blend modes of catalog 4.1, in catalog order. a = base, b = top, both in [0,1]. */
export const BLEND_MODE_NAMES = [
  'normal', 'add', 'subtract', 'multiply', 'screen', 'overlay', 'softlight', 'hardlight', 'difference', 'exclusion',
  'colordodge', 'colorburn', 'linearlight', 'vividlight', 'pin_light', 'hard_mix', 'lighten', 'darken',
  'grain_extract', 'grain_merge',
] as const;

export type BlendMode = (typeof BLEND_MODE_NAMES)[number];

const FORMULAS: Record<BlendMode, { fn: (a: number, b: number) => number; description: string }> = {
  normal: { fn: (_a, b) => b, description: 'b' },
  add: { fn: (a, b) => clamp01(a + b), description: 'clamp(a + b): sparkles and glows' },
  subtract: { fn: (a, b) => clamp01(a - b), description: 'clamp(a − b)' },
  multiply: { fn: (a, b) => a * b, description: 'a·b (darkens; avoid on dark ASCII)' },
  screen: { fn: (a, b) => 1 - (1 - a) * (1 - b), description: '1 − (1−a)(1−b): always brightens' },
  overlay: {
    fn: (a, b) => (a < 0.5 ? 2 * a * b : 1 - 2 * (1 - a) * (1 - b)),
    description: 'a < ½ ? 2ab : 1 − 2(1−a)(1−b) (crushes darks)',
  },
  softlight: {
    fn: (a, b) => (1 - 2 * b) * a * a + 2 * b * a,
    description: '(1 − 2b)·a² + 2b·a (the reference\'s simplified variant, not W3C/Photoshop)',
  },
  hardlight: {
    fn: (a, b) => (b < 0.5 ? 2 * a * b : 1 - 2 * (1 - a) * (1 - b)),
    description: 'b < ½ ? 2ab : 1 − 2(1−a)(1−b)',
  },
  difference: { fn: (a, b) => Math.abs(a - b), description: '|a − b| (psychedelic)' },
  exclusion: { fn: (a, b) => a + b - 2 * a * b, description: 'a + b − 2ab' },
  colordodge: { fn: (a, b) => clamp01(a / (1 - b + BLEND_EPS)), description: 'clamp(a / (1 − b + ε))' },
  colorburn: { fn: (a, b) => clamp01(1 - (1 - a) / (b + BLEND_EPS)), description: 'clamp(1 − (1 − a)/(b + ε))' },
  linearlight: { fn: (a, b) => clamp01(a + 2 * b - 1), description: 'clamp(a + 2b − 1)' },
  vividlight: {
    fn: (a, b) => (b < 0.5 ? clamp01(1 - (1 - a) / (2 * b + BLEND_EPS)) : clamp01(a / (2 * (1 - b) + BLEND_EPS))),
    description: 'b < ½ ? clamp(1 − (1 − a)/(2b + ε)) : clamp(a / (2(1 − b) + ε))',
  },
  pin_light: {
    fn: (a, b) => (b < 0.5 ? Math.min(a, 2 * b) : Math.max(a, 2 * b - 1)),
    description: 'b < ½ ? min(a, 2b) : max(a, 2b − 1)',
  },
  hard_mix: { fn: (a, b) => (a + b >= 1 ? 1 : 0), description: '(a + b ≥ 1) ? 1 : 0 per channel (posterized)' },
  lighten: { fn: (a, b) => Math.max(a, b), description: 'max(a, b)' },
  darken: { fn: (a, b) => Math.min(a, b), description: 'min(a, b)' },
  grain_extract: { fn: (a, b) => clamp01(a - b + 0.5), description: 'clamp(a − b + ½)' },
  grain_merge: { fn: (a, b) => clamp01(a + b - 0.5), description: 'clamp(a + b − ½)' },
};

/** The registered BlendDefs (bare names answer for built-ins: `screen`, `shaders/screen`). */
export const BLEND_DEFS: readonly BlendDef[] = BLEND_MODE_NAMES.map((name) => ({
  name,
  description: FORMULAS[name].description,
  fn: FORMULAS[name].fn,
}));

export function isBlendMode(name: string): name is BlendMode {
  return Object.prototype.hasOwnProperty.call(FORMULAS, name);
}

/**
 * The per-channel function of a mode. Unknown names are an error (the composition.md copy silently fell back to
 * normal, which hides typos in scene files; see README "Decisions").
 */
export function blendFunction(mode: string): (a: number, b: number) => number {
  if (!isBlendMode(mode)) throw unknownBlendMode(mode);
  return FORMULAS[mode].fn;
}

export function unknownBlendMode(mode: unknown): GlyphreelError {
  return new GlyphreelError('E_UNKNOWN', `Unknown blend mode ${JSON.stringify(mode)}`, {
    hint: `known blend modes: ${BLEND_MODE_NAMES.join(', ')}`,
  });
}
