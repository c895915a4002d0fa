import { GlyphreelError } from '@glyphreel/core';
import type { FeedbackPresetName } from '../feedback/presets.js';
import { TINTS } from './tints.js';

/** One ShaderChain step: a registered shader name and its parameters (catalog 3.1 names and parameter keys). */
export type MoodStep = [name: string, params: Record<string, unknown>];

export interface Mood {
  description: string;
  steps: readonly MoodStep[];
  /** A feedback preset the mood relies on (psychedelic, recursive), applied before the shader chain. */
  feedback?: FeedbackPresetName;
}

const tint = (t: readonly [number, number, number]) => ({ tint: [t[0], t[1], t[2]] });

/**
 * The mood presets of catalog 3.5 as data: shader steps with concrete parameters. The reference names only the
 * ingredients ("light bloom", "heavy chromatic"); the numbers here are choices, kept inside the catalog's guidance
 * (bloom threshold 130 for normal glow, vignette floor handled by the shader, grain amounts near the default 10).
 */
export const MOODS = Object.freeze({
  retro_terminal: {
    description: 'CRT + scanlines + grain + amber tint (use the matrix tint for green phosphor)',
    steps: [['crt', { strength: 0.05 }], ['scanlines', { intensity: 0.12, spacing: 3 }], ['grain', { amt: 10 }], ['color_grade', tint(TINTS.amber)]],
  },
  clean_modern: {
    description: 'light bloom + subtle vignette',
    steps: [['bloom', { thr: 160 }], ['vignette', { s: 0.15 }]],
  },
  glitch_art: {
    description: 'heavy chromatic + glitch bands + colour wobble + pixel sort',
    steps: [['chromatic', { amt: 8 }], ['glitch_bands', {}], ['color_wobble', { amt: 0.5 }], ['pixel_sort', { threshold: 100, direction: 'h' }]],
  },
  cinematic: {
    description: 'bloom + vignette + grain + colour grade',
    steps: [['bloom', { thr: 130 }], ['vignette', { s: 0.22 }], ['grain', { amt: 8 }], ['color_grade', tint(TINTS.warm)]],
  },
  dreamy: {
    description: 'heavy bloom + soft focus + colour wobble + low contrast',
    steps: [['bloom', { thr: 100 }], ['soft_focus', { strength: 0.5 }], ['color_wobble', { amt: 0.2 }], ['contrast', { factor: 0.85 }]],
  },
  harsh_industrial: {
    description: 'high contrast + grain + scanlines, no bloom',
    steps: [['contrast', { factor: 1.6 }], ['grain', { amt: 18 }], ['scanlines', { intensity: 0.15, spacing: 3 }]],
  },
  psychedelic: {
    description: 'colour wobble + chromatic + kaleidoscope + high saturation, with hue-shifted feedback',
    steps: [['color_wobble', { amt: 0.6 }], ['chromatic', { amt: 5 }], ['kaleidoscope', { folds: 6 }], ['saturation', { factor: 1.6 }]],
    feedback: 'kaleidoscopic_recursion',
  },
  data_corruption: {
    description: 'pixel sort + data bend + block glitch + posterize',
    steps: [['pixel_sort', { threshold: 100, direction: 'h' }], ['data_bend', {}], ['block_glitch', { n_blocks: 8, max_size: 40 }], ['posterize', { levels: 4 }]],
  },
  recursive_infinite: {
    description: 'zoom feedback + screen + hue shift; a light bloom keeps the recursion glowing',
    steps: [['bloom', { thr: 130 }]],
    feedback: 'rainbow_trails',
  },
} satisfies Record<string, Mood>);

export type MoodName = keyof typeof MOODS;

/** A deep copy of a mood's shader steps (callers may edit it); unknown names are E_UNKNOWN listing the moods. */
export function moodSteps(name: string): MoodStep[] {
  if (!Object.prototype.hasOwnProperty.call(MOODS, name)) {
    throw new GlyphreelError('E_UNKNOWN', `Unknown mood ${JSON.stringify(name)}`, { hint: `known moods: ${Object.keys(MOODS).join(', ')}` });
  }
  return structuredClone((MOODS[name as MoodName] as Mood).steps) as MoodStep[];
}
