import { GlyphreelError } from '@glyphreel/core';

export type Tint = readonly [number, number, number];

/**
 * The tint presets of catalog 3.5: per-channel (R, G, B) multipliers for the `color_grade` shader. The reference
 * defines 11 (TINT_*); `neutral` (1, 1, 1), named in its README, is the color_grade default.
 */
export const TINTS = Object.freeze({
  warm: [1.15, 1.0, 0.85],
  cool: [0.85, 0.95, 1.15],
  matrix: [0.7, 1.2, 0.7],
  amber: [1.2, 0.9, 0.6],
  sepia: [1.2, 1.05, 0.8],
  neon_pink: [1.3, 0.7, 1.1],
  ice: [0.8, 1.0, 1.3],
  blood: [1.4, 0.7, 0.7],
  forest: [0.8, 1.15, 0.75],
  void: [0.85, 0.85, 1.1],
  sunset: [1.3, 0.85, 0.7],
  neutral: [1, 1, 1],
} satisfies Record<string, Tint>);

export type TintName = keyof typeof TINTS;

/** `color_grade` parameters for a tint preset (a fresh array each call); unknown names are E_UNKNOWN. */
export function tintParams(name: string): { tint: [number, number, number] } {
  if (!Object.prototype.hasOwnProperty.call(TINTS, name)) {
    throw new GlyphreelError('E_UNKNOWN', `Unknown tint preset ${JSON.stringify(name)}`, {
      hint: `known tints: ${Object.keys(TINTS).join(', ')}`,
    });
  }
  const t = TINTS[name as TintName];
  return { tint: [t[0], t[1], t[2]] };
}
