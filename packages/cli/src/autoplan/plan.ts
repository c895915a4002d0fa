import { deriveSeed, GlyphreelError, Rng, type FeatureTable, type Registry } from '@glyphreel/core';
import { analyzeTrack, estimateBpm, meanRms } from './analysis.js';
import { planCuts } from './cuts.js';
import {
  ACCENTS, BACKGROUND_FIELDS, BACKGROUND_PALETTES, CONTENT_FIELDS, CONTENT_PALETTES, FEEDBACK, HARMONIES, harmonyHue, HUES, MOODS, PEAK_PALETTES,
  type AccentLook, type Cost, type FieldLook, type Level, type Mood, type Params, type ShaderStep, type ShaderTier,
} from './looks.js';

export interface AutoPlanOptions {
  fps: number;
  durationS: number;
  registry: Registry;
  seed: number;
  /** The quality profile's shader tier (draft: minimal, preview: standard, production and max: full). */
  shaders?: ShaderTier;
  /** Written into the plan's `audio`, so the scene file renders with the same soundtrack. */
  audio?: string;
}

/** A section's loudness relative to the whole track: below CALM_RATIO is calm, above PEAK_RATIO a peak. */
export const CALM_RATIO = 0.8;
export const PEAK_RATIO = 1.2;

/** Gamma per level (catalog 4.2: 0.75 standard, lower lifts shadows: peaks come out brighter). */
export const LEVEL_GAMMA: Readonly<Record<Level, number>> = { calm: 0.75, drive: 0.7, peak: 0.6 };
/** Destructive shaders need a lower gamma (catalog 4.2): posterize 0.5, solarize 0.55. */
const DESTRUCTIVE_GAMMA: Readonly<Record<string, number>> = { posterize: 0.5, solarize: 0.55 };

/** Shaders in a section's chain per tier; calm sections get one fewer. */
export const TIER_SHADERS: Readonly<Record<ShaderTier, number>> = { minimal: 2, standard: 3, full: 4 };
const TIER_COSTS: Readonly<Record<ShaderTier, readonly Cost[]>> = { minimal: ['cheap'], standard: ['cheap', 'medium'], full: ['cheap', 'medium', 'heavy'] };

/** A planned section before it is written as a scene (kept for tests and `describePlan`). */
export interface PlannedSection {
  start: number;
  end: number;
  startFrame: number;
  level: Level;
  /** Mean rms over the section / mean over the track. */
  energy: number;
  content: string;
  palette: string;
  hue: string;
  mood: string;
}

export type RawProject = Record<string, unknown> & { scenes: Array<Record<string, unknown>> };

export function levelOf(ratio: number): Level {
  return ratio < CALM_RATIO ? 'calm' : ratio > PEAK_RATIO ? 'peak' : 'drive';
}

/**
 * Levels by loudness relative to the track; on a compressed master where nothing leaves CALM_RATIO–PEAK_RATIO, the
 * loudest section still becomes the climax and the quietest the calm (5 % apart from the mean at least), so a plan
 * of three or more sections always has an arc.
 */
export function assignLevels(energies: readonly number[]): Level[] {
  const levels = energies.map(levelOf);
  if (energies.length >= 3) {
    let hi = 0;
    let lo = 0;
    energies.forEach((e, i) => {
      if (e > (energies[hi] as number)) hi = i;
      if (e < (energies[lo] as number)) lo = i;
    });
    if ((energies[hi] as number) >= 1.05) levels[hi] = 'peak';
    if ((energies[lo] as number) <= 0.95) levels[lo] = 'calm';
  }
  return levels;
}

/**
 * Plans a whole music video from a soundtrack's features with no user input: cuts on phrase boundaries and energy
 * changes (see planCuts), then per section an effect, palette, colour strategy and shader mood drawn from the
 * seeded Rng, never the same as the neighbour's, scaled to the section's loudness. Returns the raw scene-file
 * object (what a user would write), so it goes through the same validation, caching and rendering path.
 */
export function autoPlan(features: FeatureTable, options: AutoPlanOptions): RawProject {
  return autoPlanDetailed(features, options).project;
}

/** autoPlan plus the section summary it was built from. */
export function autoPlanDetailed(features: FeatureTable, options: AutoPlanOptions): { project: RawProject; sections: PlannedSection[] } {
  const { fps, durationS, registry, seed } = options;
  if (!(fps > 0) || !Number.isFinite(fps)) throw new GlyphreelError('E_PARAM', `autoPlan: fps must be a positive number, got ${fps}`);
  if (!(durationS > 0) || !Number.isFinite(durationS)) throw new GlyphreelError('E_PARAM', `autoPlan: durationS must be a positive number, got ${durationS}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new GlyphreelError('E_PARAM', `autoPlan: seed must be a whole number in [0, 2^32), got ${seed}`);
  const tier = options.shaders ?? 'standard';
  if (!(tier in TIER_SHADERS)) throw new GlyphreelError('E_PARAM', `autoPlan: unknown shader tier "${tier}"`, { hint: 'use minimal, standard or full' });

  const track = analyzeTrack(features, fps, durationS);
  const { frames: cutFrames } = planCuts(track);
  const rng = new Rng(deriveSeed(seed, 'autoplan'));
  const looks = new Looks(registry, rng);
  const baseHue = Math.round(rng.next() * 1000) / 1000;
  const scheme = rng.choice(Object.keys(HARMONIES));
  const custom = inventPalette(registry, rng);

  const bounds = cutFrames.map((f0, i) => [f0, i + 1 < cutFrames.length ? (cutFrames[i + 1] as number) : track.frames] as const);
  const energies = bounds.map(([f0, f1]) => (track.meanRms > 1e-6 ? meanRms(track, f0, f1) / track.meanRms : 1));
  const levels = assignLevels(energies);
  const climax = energies.length > 1 ? energies.indexOf(Math.max(...energies)) : -1;
  const scenes: Array<Record<string, unknown>> = [];
  const sections: PlannedSection[] = [];
  for (let i = 0; i < cutFrames.length; i++) {
    const f0 = cutFrames[i] as number;
    const start = f0 / fps;
    const end = i + 1 < cutFrames.length ? (cutFrames[i + 1] as number) / fps : durationS;
    const energy = energies[i] as number;
    const level = levels[i] as Level;
    const { scene, summary } = planSection(looks, { i, start, end, level, tier, hue: harmonyHue(baseHue, scheme, i), customPalette: i === climax ? custom : null });
    scenes.push(scene);
    sections.push({ ...summary, start, end, startFrame: f0, level, energy });
  }
  const project: RawProject = { version: 1, seed, bpm: estimateBpm(track), ...(options.audio ? { audio: options.audio } : {}), scenes };
  return { project, sections };
}

interface SectionInput {
  i: number;
  start: number;
  end: number;
  level: Level;
  tier: ShaderTier;
  hue: number;
  /** An invented glyph ramp for this section (the climax), else null. */
  customPalette: string | null;
}

/** Draws looks from the seeded stream, preferring what no section used yet and never what the previous one used. */
class Looks {
  private readonly used = new Map<string, Set<string>>();
  private readonly prev = new Map<string, string>();

  constructor(
    readonly registry: Registry,
    readonly rng: Rng,
  ) {}

  pick<T>(slot: string, items: readonly T[], key: (x: T) => string, avoid: readonly string[] = []): T {
    const used = this.used.get(slot) ?? new Set<string>();
    const prev = this.prev.get(slot);
    const ok = items.filter((x) => key(x) !== prev && !avoid.includes(key(x)));
    const fresh = ok.filter((x) => !used.has(key(x)));
    if (items.length === 0) {
      throw new GlyphreelError('E_PLUGIN', `autoPlan: the registry has none of the built-in looks for "${slot}"`, { hint: 'plan with the registry from buildRegistry(), which loads the built-in plugins' });
    }
    const pool = fresh.length > 0 ? fresh : ok.length > 0 ? ok : items;
    if (fresh.length === 0) used.clear();
    const choice = this.rng.choice(pool);
    used.add(key(choice));
    this.used.set(slot, used);
    this.prev.set(slot, key(choice));
    return choice;
  }

  fields(list: readonly FieldLook[], level: Level): FieldLook[] {
    return list.filter((x) => x.levels.includes(level) && this.registry.has('effects', x.name));
  }
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

function planSection(looks: Looks, s: SectionInput): { scene: Record<string, unknown>; summary: Pick<PlannedSection, 'content' | 'palette' | 'hue' | 'mood'> } {
  const { rng, registry } = looks;
  const { level, tier } = s;
  const content = looks.pick('content', looks.fields(CONTENT_FIELDS, level), (x) => x.name);
  const background = looks.pick('background', looks.fields(BACKGROUND_FIELDS, level), (x) => x.name, [content.name]);
  const palette = s.customPalette ?? looks.pick('palette', level === 'peak' ? PEAK_PALETTES : CONTENT_PALETTES, (x) => x);
  const bgPalette = looks.pick('bgPalette', BACKGROUND_PALETTES, (x) => x, [palette]);
  const hueLook = looks.pick('hue', HUES.filter((h) => h.key === 'fixed' || registry.has('hues', h.key)), (h) => h.key);
  const mood = looks.pick('mood', MOODS.filter((m) => m.levels.includes(level)), (m) => m.name);

  const hueRef = hueLook.make(s.hue, level, rng);
  const layers: Array<Record<string, unknown>> = [
    {
      effect: background.name,
      params: background.params(level, rng),
      grid: level === 'peak' ? 'xs' : rng.choice(['xs', 'sm']),
      palette: bgPalette,
      hue: harmonyHue(s.hue, 'analogous', 1 + (s.i % 3)),
      saturation: 0.5,
      blend: 'lighten',
      // Catalog 4.3: the background sits at 0.10–0.25 of full brightness.
      opacity: level === 'drive' ? 0.25 : level === 'calm' ? 0.3 : 0.35,
    },
    {
      effect: content.name,
      params: content.params(level, rng),
      grid: 'md',
      palette,
      hue: hueRef ?? s.hue,
      saturation: level === 'calm' ? 0.6 : level === 'drive' ? 0.8 : 0.9,
      blend: level === 'calm' ? 'lighten' : level === 'drive' ? 'screen' : rng.choice(['screen', 'add']),
      opacity: 1,
    },
  ];
  let accent: AccentLook | null = null;
  if (level === 'peak' || (level === 'drive' && rng.chance(0.5))) {
    accent = looks.pick('accent', ACCENTS.filter((a) => a.levels.includes(level) && registry.has('effects', a.name)), (a) => a.name);
    layers.push({
      effect: accent.name,
      params: accent.params(level, rng, harmonyHue(s.hue, 'complementary', 1)),
      grid: accent.grid,
      blend: level === 'peak' ? 'add' : 'screen',
      opacity: level === 'peak' ? 1 : 0.85,
    });
  }

  const shaders = chooseShaders(mood, level, tier, rng).filter((x) => registry.has('shaders', x.name));
  const scene: Record<string, unknown> = {
    name: `${level}_${content.name}_${mood.name}`,
    start: s.start,
    end: s.end,
    grid: 'md',
    gamma: shaders.reduce((g, x) => Math.min(g, DESTRUCTIVE_GAMMA[x.name] ?? g), LEVEL_GAMMA[level]),
    layers,
    shaders: shaders.map((x) => [x.name, x.params]),
  };
  const extras = chooseExtras(looks, level, tier, shaders);
  if (extras.length > 0) scene.extras = extras;
  const fb = chooseFeedback(mood, accent, level, tier, rng);
  if (fb) scene.feedback = { ...FEEDBACK[fb] };
  return { scene, summary: { content: content.name, palette, hue: hueRef === null ? `fixed ${r3(s.hue)}` : typeof hueRef === 'string' ? hueRef : hueRef[0], mood: mood.name } };
}

/** Ramps whose low end reads as fine texture, and ramps whose high end is bold; both already run dark to bright. */
const FINE_RAMPS = ['dots', 'default', 'braille', 'math', 'stars'];
const BOLD_RAMPS = ['blocks', 'shade', 'halffill', 'machine', 'circuit', 'hatch', 'minimal'];

/**
 * A glyph ramp of the project's own (catalog 9.4 item 35: every project invents one): the low half of a fine ramp
 * followed by the high half of a bold one, without repeats, so ink still rises from the space to the last glyph.
 */
export function inventPalette(registry: Registry, rng: Rng): string {
  // Only ramps the registry has (all of them with the built-ins, so the seeded choices stay the same).
  const ramps = (names: readonly string[]) => {
    const have = names.filter((n) => registry.find('palettes', n));
    if (!have.length) throw new GlyphreelError('E_PLUGIN', 'autoPlan: the registry has none of the built-in looks for "palette"', { hint: 'plan with the registry from buildRegistry(), which loads the built-in plugins' });
    return have;
  };
  const glyphs = (name: string) => [...registry.palette(name)].filter((c) => c !== ' ');
  const fine = glyphs(rng.choice(ramps(FINE_RAMPS)));
  const bold = glyphs(rng.choice(ramps(BOLD_RAMPS)));
  const out = [' ', ...fine.slice(0, Math.max(2, Math.ceil(fine.length / 2)))];
  for (const c of bold.slice(Math.floor(bold.length / 2))) if (!out.includes(c)) out.push(c);
  return out.join('');
}

/** The mood's shaders the tier affords, in its priority order; calm sections one fewer, peaks always with bloom. */
export function chooseShaders(mood: Mood, level: Level, tier: ShaderTier, rng: Rng): ShaderStep[] {
  const cap = Math.max(1, TIER_SHADERS[tier] - (level === 'calm' ? 1 : 0));
  const costs = TIER_COSTS[tier];
  let list = mood.shaders(rng).filter((x) => costs.includes(x.cost));
  if (level === 'peak' && costs.includes('medium') && !list.some((x) => x.name === 'bloom')) list = [{ name: 'bloom', params: { thr: 130 }, cost: 'medium' }, ...list];
  list = list.slice(0, cap);
  if (list.length === 0) list = [{ name: 'vignette', params: { s: 0.2 }, cost: 'cheap' }];
  return list;
}

/** Beat-conditional looks for peaks (catalog 3.3 and 9.4 item 36: kaleidoscope, mirror, glitch); one per peak, rotating. */
const PEAK_EXTRAS: ReadonlyArray<{ key: string; shader: [string, Params] }> = [
  { key: 'kaleidoscope6', shader: ['kaleidoscope', { folds: 6 }] },
  { key: 'kaleidoscope8', shader: ['kaleidoscope', { folds: 8 }] },
  { key: 'mirror_quad', shader: ['mirror_quad', {}] },
  { key: 'rgb_split_radial', shader: ['rgb_split_radial', { strength: 6 }] },
];

/**
 * Beat-conditional shaders: at peaks a symmetry or split while bdecay > 0.4 (the catalog's kaleidoscope threshold),
 * on *full* also a chromatic kick on the strongest beats; in driving parts a chromatic kick half the time.
 */
function chooseExtras(looks: Looks, level: Level, tier: ShaderTier, base: readonly ShaderStep[]): Array<Record<string, unknown>> {
  const { rng, registry } = looks;
  if (tier === 'minimal' || level === 'calm') return [];
  const has = (name: string) => base.some((x) => x.name === name);
  if (level === 'peak') {
    const pool = PEAK_EXTRAS.filter((x) => registry.has('shaders', x.shader[0]) && !has(x.shader[0]));
    const out: Array<Record<string, unknown>> = [];
    if (pool.length > 0) out.push({ when: { feature: 'bdecay', gt: 0.4 }, shaders: [looks.pick('extra', pool, (x) => x.key).shader] });
    if (tier === 'full' && !has('chromatic')) out.push({ when: { feature: 'bdecay', gt: 0.7 }, shaders: [['chromatic', { amt: 6 }]] });
    return out;
  }
  return rng.chance(0.5) && !has('chromatic') ? [{ when: { feature: 'bdecay', gt: 0.6 }, shaders: [['chromatic', { amt: 4 }]] }] : [];
}

function chooseFeedback(mood: Mood, accent: AccentLook | null, level: Level, tier: ShaderTier, rng: Rng): keyof typeof FEEDBACK | null {
  if (tier === 'minimal' || level === 'calm') return null;
  if (accent?.feedback) return accent.feedback;
  if (mood.feedback) return mood.feedback;
  if (level === 'peak') return rng.choice(['tunnel', 'rainbow', 'recursion'] as const);
  return rng.chance(0.4) ? 'echo' : null;
}

/** Summary lines for `glyphreel list`: one per scene of a plan (or any raw scene file of the same shape). */
export function describePlan(project: { scenes?: unknown }): string[] {
  const scenes = Array.isArray(project.scenes) ? (project.scenes as Array<Record<string, unknown>>) : [];
  let prevEnd = 0;
  return scenes.map((sc, i) => {
    const start = typeof sc.start === 'number' ? sc.start : prevEnd;
    const end = typeof sc.end === 'number' ? sc.end : start;
    prevEnd = end;
    const layers = Array.isArray(sc.layers) ? (sc.layers as Array<Record<string, unknown>>) : [];
    const effects = layers.map((l) => `${String(l.effect)}${l.grid ? `@${String(l.grid)}` : ''}${l.blend && l.blend !== 'lighten' ? `/${String(l.blend)}` : ''}`).join(' + ');
    const names = (list: unknown) => (Array.isArray(list) ? list.map((x) => (Array.isArray(x) ? x[0] : typeof x === 'string' ? x : (x as { name?: string }).name)).join(', ') : '');
    // The content layer: a value layer on the scene's grid (what autoPlan puts second), else any value layer.
    const sceneGrid = typeof sc.grid === 'string' ? sc.grid : 'md';
    const content = layers.find((l) => (l.grid ?? sceneGrid) === sceneGrid && l.palette !== undefined) ?? layers.find((l) => l.palette !== undefined);
    const hue = content?.hue;
    const hueText = typeof hue === 'number' ? `hue ${hue}` : Array.isArray(hue) ? `hue ${String(hue[0])}` : typeof hue === 'string' ? `hue ${hue}` : '';
    const extras = Array.isArray(sc.extras) ? (sc.extras as Array<{ when: { feature: string; gt?: number }; shaders: unknown }>).map((x) => `${names(x.shaders)} when ${x.when.feature} > ${x.when.gt}`) : [];
    const fb = sc.feedback as { transform?: string } | undefined;
    const parts = [
      `s${String(i).padStart(2, '0')}_${String(sc.name)}`,
      `${start.toFixed(2)}–${end.toFixed(2)} s`,
      effects,
      content?.palette ? `palette ${String(content.palette)}` : '',
      hueText,
      `gamma ${String(sc.gamma ?? 0.75)}`,
      `shaders ${names(sc.shaders) || '—'}`,
      extras.length ? `extras ${extras.join('; ')}` : '',
      fb ? `feedback ${fb.transform ?? 'plain'}` : '',
    ];
    return parts.filter(Boolean).join('  ');
  });
}

