import { TINTS } from '@glyphreel/shaders';
import type { Rng } from '@glyphreel/core';

/**
 * The curated material the planner draws from. Every entry here renders well with the parameters given (checked by
 * test frames over all of them), needs no user input (no text, files, or shape choice) and keeps to the per-frame
 * budget: no strange attractor (50,000 points a frame), no reaction–diffusion or life simulations (their state only
 * looks good after a long warm-up, which a test frame would have to replay).
 */

export type Level = 'calm' | 'drive' | 'peak';
export type ShaderTier = 'minimal' | 'standard' | 'full';
export type Params = Record<string, unknown>;

const ALL: readonly Level[] = ['calm', 'drive', 'peak'];
const LOUD: readonly Level[] = ['drive', 'peak'];

export interface FieldLook {
  name: string;
  levels: readonly Level[];
  /** Parameters for a section; `calm` means slower, softer motion. */
  params: (level: Level, rng: Rng) => Params;
}

const none = (): Params => ({});
const pace = (level: Level, calm: number, drive: number, peak: number): number => (level === 'calm' ? calm : level === 'drive' ? drive : peak);
/** Rounded to `step` without binary noise (0.35, not 0.35000000000000003), so plans read cleanly as JSON. */
const round = (x: number, step = 0.01) => Number((Math.round(x / step) * step).toFixed(6));

/** Value fields for the content layer (md grid). */
export const CONTENT_FIELDS: readonly FieldLook[] = [
  { name: 'aurora', levels: ['calm', 'drive'], params: (_l, r) => ({ n_bands: r.int(3, 5) }) },
  { name: 'fbm', levels: ALL, params: (l) => ({ speed: pace(l, 0.1, 0.2, 0.35), bri: 0.9 }) },
  { name: 'domain_warp', levels: ALL, params: (l, r) => ({ speed: pace(l, 0.1, 0.2, 0.4), warp_strength: r.int(10, 25) }) },
  { name: 'smooth_noise', levels: ['calm'], params: (_l, r) => ({ octaves: r.int(3, 5), bri: 0.8 }) },
  { name: 'temporal_noise', levels: ['calm', 'drive'], params: (l) => ({ t_freq: pace(l, 0.15, 0.3, 0.5) }) },
  { name: 'sinefield', levels: ALL, params: (l) => ({ bri: 0.8, speed: [0.5, -0.4, -0.3, 0.2].map((s) => round(s * pace(l, 0.5, 1, 1.6))) }) },
  { name: 'rotated_plasma', levels: ALL, params: (l, r) => ({ speed: pace(l, 0.05, 0.1, 0.2), angle: round(r.uniform(0.3, 1.2)) }) },
  { name: 'voronoi', levels: ALL, params: (l, r) => ({ speed: pace(l, 0.1, 0.3, 0.6), n_cells: r.int(12, 30), mode: l === 'calm' ? 'distance' : r.choice(['distance', 'edge']), seed: r.int(1, 9999) }) },
  { name: 'cellular', levels: ['calm', 'drive'], params: (_l, r) => ({ n_centers: r.int(8, 20), seed: r.int(1, 9999), bri: 0.8 }) },
  { name: 'plasma', levels: LOUD, params: none },
  { name: 'tunnel', levels: LOUD, params: (l, r) => ({ speed: pace(l, 1.5, 3, 5), complexity: r.int(4, 8) }) },
  { name: 'vortex', levels: LOUD, params: (l) => ({ twist: pace(l, 2, 3, 5) }) },
  { name: 'spiral', levels: LOUD, params: (_l, r) => ({ n_arms: r.int(2, 6), tightness: round(r.uniform(1.5, 3.5)) }) },
  // Sparse lines on black: fine in a driving part, too dark for a climax.
  { name: 'rings', levels: ['drive'], params: none },
  { name: 'interference', levels: ALL, params: (_l, r) => ({ n_waves: r.int(4, 8) }) },
  { name: 'diamond', levels: LOUD, params: (_l, r) => ({ freq: round(r.uniform(0.1, 0.2)) }) },
  { name: 'rays', levels: ['drive'], params: (_l, r) => ({ n_base: r.int(6, 12) }) },
  { name: 'tiled_vortex', levels: ['peak'], params: (_l, r) => ({ nx: r.int(2, 4), ny: r.int(2, 3), twist: 3 }) },
  { name: 'ripple', levels: ['drive'], params: none },
  { name: 'freq_waves', levels: LOUD, params: none },
];

/** Dim, even textures for the background layer (xs/sm grid, low opacity). */
export const BACKGROUND_FIELDS: readonly FieldLook[] = [
  { name: 'noise', levels: ALL, params: (l) => ({ speed: pace(l, 0.15, 0.3, 0.5), bri: 0.7 }) },
  { name: 'fbm', levels: ALL, params: (l) => ({ speed: pace(l, 0.1, 0.2, 0.3), octaves: 4 }) },
  { name: 'smooth_noise', levels: ALL, params: () => ({ octaves: 3 }) },
  { name: 'sinefield', levels: ALL, params: none },
  { name: 'aurora', levels: ALL, params: none },
  { name: 'temporal_noise', levels: ALL, params: (l) => ({ t_freq: pace(l, 0.15, 0.3, 0.5) }) },
  { name: 'interference', levels: ALL, params: () => ({ n_waves: 4 }) },
];

export interface AccentLook {
  name: string;
  levels: readonly Level[];
  grid: 'sm' | 'lg';
  /** `hue` is the accent hue the section's harmony gives. */
  params: (level: Level, rng: Rng, hue: number) => Params;
  /** A feedback preset that suits it (fire rises), overriding the mood's. */
  feedback?: keyof typeof FEEDBACK;
}

/** Sparse cell effects for the accent layer: particles, rain, bars. */
export const ACCENTS: readonly AccentLook[] = [
  { name: 'embers', levels: LOUD, grid: 'sm', params: (l, _r, h) => ({ hue: h, rate: pace(l, 4, 6, 10), beat_burst: pace(l, 20, 40, 80) }) },
  { name: 'starfield', levels: LOUD, grid: 'sm', params: (l, _r, h) => ({ hue: h, count: pace(l, 300, 500, 800), sat: 0.3 }) },
  { name: 'explosion', levels: ['peak'], grid: 'lg', params: (_l, _r, h) => ({ hue: h }) },
  { name: 'spectrum', levels: LOUD, grid: 'lg', params: (_l, r) => ({ n_bars: r.choice([32, 48, 64]), gain: 1.8 }) },
  { name: 'matrix_rain', levels: LOUD, grid: 'lg', params: (_l, _r, h) => ({ hue: h }) },
  { name: 'fire', levels: ['peak'], grid: 'sm', params: (_l, _r, h) => ({ hue_base: h }), feedback: 'heat' },
  { name: 'orbit', levels: LOUD, grid: 'lg', params: (_l, r, h) => ({ hue: h, count: r.int(16, 32) }) },
  { name: 'trails', levels: LOUD, grid: 'sm', params: (_l, r, h) => ({ hue: h, count: r.int(16, 32) }) },
  { name: 'gravity_well', levels: ['peak'], grid: 'sm', params: (_l, _r, h) => ({ hue: h, count: 300 }) },
];

/** Glyph ramps for content layers: every built-in but the two-glyph `binary` and scripts some fonts lack. */
export const CONTENT_PALETTES: readonly string[] = [
  'default', 'dense', 'minimal', 'gradient', 'blocks', 'blocks_ext', 'shade', 'math', 'box', 'circuit', 'alchemic',
  'arrows', 'music', 'kata', 'greek', 'dots', 'braille', 'stars', 'halffill', 'hatch', 'hermes', 'ocean', 'organic',
  'machine',
];

/**
 * Ramps with enough ink to carry a climax: plasma drawn alone through each at 320×180 reads a mean of 39–94, the
 * rest (braille, dots, arrows, kata, stars, ocean, machine, math, default) 25–38.
 */
export const PEAK_PALETTES: readonly string[] = [
  'dense', 'minimal', 'gradient', 'blocks', 'blocks_ext', 'shade', 'box', 'circuit', 'alchemic', 'music', 'greek',
  'halffill', 'hatch', 'hermes', 'organic',
];

/** Fine, low-ink ramps that read as texture behind the content. */
export const BACKGROUND_PALETTES: readonly string[] = ['default', 'dots', 'braille', 'dense', 'gradient'];

export interface HueLook {
  /** Key for "no two neighbours alike". */
  key: string;
  /** A hue field reference, or a fixed hue from the harmony (null: use the section's harmony hue). */
  make: (base: number, level: Level, rng: Rng) => string | [string, Params] | null;
}

const wrap = (h: number) => round(((h % 1) + 1) % 1, 0.001) % 1;

/** Colour strategies (catalog 2.2 hue fields, or a fixed hue from the project's harmony). */
export const HUES: readonly HueLook[] = [
  { key: 'fixed', make: () => null },
  { key: 'angle', make: (b) => ['angle', { offset: b }] },
  { key: 'distance', make: (b) => ['distance', { base: b, scale: 0.02 }] },
  { key: 'time_cycle', make: (_b, l) => ['time_cycle', { speed: pace(l, 0.03, 0.08, 0.15) }] },
  { key: 'plasma', make: (_b, l) => ['plasma', { speed: pace(l, 0.15, 0.3, 0.5) }] },
  { key: 'gradient_h', make: (b, _l, r) => ['gradient_h', { start: b, end: round(b + r.uniform(0.15, 0.4)) }] },
  { key: 'gradient_v', make: (b, _l, r) => ['gradient_v', { start: b, end: round(b + r.uniform(0.15, 0.4)) }] },
  { key: 'audio_cent', make: () => 'audio_cent' },
  { key: 'oklch_angle', make: (b) => ['oklch_angle', { offset: b, chroma: 0.14 }] },
];

/** Hue offsets of the colour harmonies (the HSV equivalents of core's harmony helpers). */
export const HARMONIES: Readonly<Record<string, readonly number[]>> = {
  analogous: [0, 0.08, -0.08, 0.16],
  complementary: [0, 0.5],
  triadic: [0, 1 / 3, 2 / 3],
  split: [0, 0.42, 0.58],
  tetradic: [0, 0.25, 0.5, 0.75],
};

export function harmonyHue(base: number, scheme: string, i: number): number {
  const offs = HARMONIES[scheme] ?? [0];
  return wrap(base + (offs[i % offs.length] as number));
}

// Tints of catalog 3.5 come from the shaders package, which owns the presets.
const tint = (r: Rng, names: readonly string[]): number[] => [...((TINTS as Record<string, readonly number[]>)[r.choice(names)] ?? [1, 1, 1])];

/** Cost class of a shader at 1080p: cheap = one pass of per-pixel arithmetic; heavy = multi-pass or data-dependent. */
export type Cost = 'cheap' | 'medium' | 'heavy';
export interface ShaderStep {
  name: string;
  params: Params;
  cost: Cost;
}
const s = (name: string, params: Params, cost: Cost): ShaderStep => ({ name, params, cost });

export interface Mood {
  name: string;
  levels: readonly Level[];
  /** In priority order: tiers and calm sections keep a prefix of the affordable ones. */
  shaders: (rng: Rng) => ShaderStep[];
  feedback?: keyof typeof FEEDBACK;
  /** Glitchy moods never go to calm sections. */
  glitch?: boolean;
}

/** The mood presets of catalog 3.5 on registered shader names (the ones in brackets in the catalog come last). */
export const MOODS: readonly Mood[] = [
  { name: 'clean', levels: ['calm', 'drive'], shaders: () => [s('vignette', { s: 0.15 }, 'cheap'), s('bloom', { thr: 150 }, 'medium')] },
  {
    name: 'cinematic',
    levels: ALL,
    shaders: (r) => [s('vignette', { s: 0.22 }, 'cheap'), s('color_grade', { tint: tint(r, ['warm', 'cool', 'sepia', 'sunset', 'void']) }, 'cheap'), s('bloom', { thr: 130 }, 'medium'), s('grain', { amt: 8 }, 'cheap')],
  },
  {
    name: 'dreamy',
    levels: ['calm', 'drive'],
    shaders: () => [s('bloom', { thr: 110 }, 'medium'), s('color_wobble', { amt: 0.2 }, 'medium'), s('soft_focus', { strength: 0.35 }, 'heavy'), s('vignette', { s: 0.15 }, 'cheap')],
  },
  {
    name: 'retro',
    levels: ['calm', 'drive'],
    shaders: (r) => [s('scanlines', { intensity: 0.1 }, 'cheap'), s('color_grade', { tint: tint(r, ['amber', 'matrix']) }, 'cheap'), s('grain', { amt: 8 }, 'cheap'), s('crt', { strength: 0.05 }, 'medium')],
  },
  { name: 'industrial', levels: ['drive'], shaders: () => [s('contrast', { factor: 1.4 }, 'cheap'), s('grain', { amt: 14 }, 'cheap'), s('scanlines', { intensity: 0.12 }, 'cheap')] },
  {
    name: 'glitch',
    levels: LOUD,
    glitch: true,
    shaders: () => [s('chromatic', { amt: 5 }, 'medium'), s('glitch_bands', {}, 'medium'), s('color_wobble', { amt: 0.4 }, 'medium'), s('pixel_sort', { threshold: 110 }, 'heavy')],
  },
  {
    name: 'psychedelic',
    levels: LOUD,
    feedback: 'rainbow',
    shaders: () => [s('saturation', { factor: 1.3 }, 'cheap'), s('color_wobble', { amt: 0.5 }, 'medium'), s('chromatic', { amt: 3 }, 'medium'), s('mirror_quad', {}, 'medium')],
  },
  {
    name: 'corruption',
    levels: ['peak'],
    glitch: true,
    shaders: () => [s('posterize', { levels: 5 }, 'cheap'), s('data_bend', {}, 'heavy'), s('block_glitch', { n_blocks: 8, max_size: 40 }, 'medium'), s('pixel_sort', { threshold: 100 }, 'heavy')],
  },
  { name: 'recursive', levels: LOUD, feedback: 'tunnel', shaders: (r) => [s('vignette', { s: 0.2 }, 'cheap'), s('bloom', { thr: 130 }, 'medium'), s('hue_rotate', { amount: round(r.uniform(0.03, 0.1)) }, 'cheap')] },
];

export interface FeedbackPreset {
  decay: number;
  blend: string;
  opacity: number;
  transform?: 'zoom' | 'shrink' | 'rotate_cw' | 'rotate_ccw' | 'shift_up' | 'shift_down' | 'mirror_h';
  transformAmt?: number;
  hueShift?: number;
}

/** Feedback presets of catalog 3.4 (opacities the catalog leaves open are taken from its scene examples). */
export const FEEDBACK = {
  tunnel: { decay: 0.8, blend: 'screen', opacity: 0.4, transform: 'zoom', transformAmt: 0.015 },
  rainbow: { decay: 0.7, blend: 'screen', opacity: 0.3, transform: 'zoom', transformAmt: 0.01, hueShift: 0.02 },
  echo: { decay: 0.9, blend: 'add', opacity: 0.15, transform: 'shift_up', transformAmt: 0.01 },
  recursion: { decay: 0.75, blend: 'screen', opacity: 0.35, transform: 'rotate_cw', transformAmt: 0.005, hueShift: 0.01 },
  heat: { decay: 0.5, blend: 'add', opacity: 0.2, transform: 'shift_up', transformAmt: 0.02 },
} satisfies Record<string, FeedbackPreset>;
