import { AUDIO_FEATURES, closest, GlyphreelError, isGridSizeKey, VIDEO_FEATURES, type Registry } from '@glyphreel/core';
import { rememberSceneFile } from '../runtime/plan.js';
import type { Condition, ExtraSpec, FeedbackSpec, LayerSpec, ProjectSpec, Ref, SceneSpec, TransitionSpec } from './types.js';

const FEEDBACK_TRANSFORMS = ['zoom', 'shrink', 'rotate_cw', 'rotate_ccw', 'shift_up', 'shift_down', 'mirror_h'] as const;
const SCENE_KEYS = ['name', 'start', 'end', 'grid', 'gamma', 'layers', 'scene', 'params', 'shaders', 'feedback', 'extras', 'transition'];
/** Seconds a transition lasts when the scene file gives only its name. */
export const DEFAULT_TRANSITION_S = 0.5;
const LAYER_KEYS = ['effect', 'params', 'grid', 'palette', 'hue', 'saturation', 'threshold', 'blend', 'opacity', 'mask', 'transform', 'post', 'when'];
const TOP_KEYS = ['$schema', 'version', 'seed', 'bpm', 'plugins', 'audio', 'narration', 'scenes'];

type Json = Record<string, unknown>;

/** Collects the location of a value for error messages: `scenes.json: scene 1 "drop": layers[0].blend`. */
class Where {
  constructor(
    readonly file: string,
    readonly scene?: string,
    readonly path: string[] = [],
  ) {}
  at(...p: Array<string | number>): Where {
    return new Where(this.file, this.scene, [...this.path, ...p.map((x) => (typeof x === 'number' ? `[${x}]` : x))]);
  }
  inScene(label: string): Where {
    return new Where(this.file, label, []);
  }
  toString(): string {
    const field = this.path.join('.').replace(/\.\[/g, '[');
    return [this.file, this.scene, field].filter(Boolean).join(': ');
  }
  err(message: string, hint?: string): GlyphreelError {
    return new GlyphreelError('E_INPUT', `${this.toString()}: ${message}`, { hint });
  }
}

function isObj(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function onlyKeys(obj: Json, allowed: readonly string[], where: Where): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) throw where.at(k).err(`unknown field "${k}"`, `allowed: ${allowed.join(', ')}`);
  }
}

function num(v: unknown, where: Where, dflt: number, min = -Infinity, max = Infinity): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw where.err(`expected a number${min > -Infinity || max < Infinity ? ` in [${min}, ${max}]` : ''}, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** Re-throws a registry error (unknown name, bad parameter) with the file/scene/field location in front. */
function located<T>(where: Where, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof GlyphreelError) throw new GlyphreelError(e.code === 'E_UNKNOWN' || e.code === 'E_PARAM' ? e.code : 'E_INPUT', `${where}: ${e.message}`, { hint: e.hint });
    throw e;
  }
}

type RefKind = 'effects' | 'hues' | 'shaders' | 'masks' | 'scenes' | 'transforms' | 'transitions';

/** `"bloom"`, `{ "name": "bloom", "params": {…} }` or `["bloom", {…}]` → a validated Ref. */
function ref(raw: unknown, kind: RefKind, reg: Registry, where: Where): Ref {
  let name: unknown;
  let params: unknown;
  if (typeof raw === 'string') name = raw;
  else if (Array.isArray(raw) && raw.length >= 1 && raw.length <= 2) [name, params] = raw;
  else if (isObj(raw)) {
    onlyKeys(raw, ['name', 'params'], where);
    ({ name, params } = raw);
  } else throw where.err(`expected a name, [name, params] or { name, params }, got ${JSON.stringify(raw)}`);
  if (typeof name !== 'string') throw where.err(`expected a name string, got ${JSON.stringify(name)}`);
  if (params !== undefined && !isObj(params)) throw where.at('params').err(`expected an object, got ${JSON.stringify(params)}`);
  const resolved = located(where, () => reg.resolve(kind, name as string, params as Json | undefined));
  return { name: name as string, params: resolved.params };
}

/**
 * The features a `when` can read: the 19 audio features (the synthetic ones of generative mode are a subset) and
 * those video input adds. Plugins cannot add features (the feature table is built by the inputs only), so a name
 * outside this list would read its default forever and the layer would silently never (or always) show.
 */
export const CONDITION_FEATURES: readonly string[] = [...AUDIO_FEATURES, ...VIDEO_FEATURES];

function condition(raw: unknown, where: Where): Condition {
  if (!isObj(raw)) throw where.err('expected a condition like { "feature": "bdecay", "gt": 0.4 }');
  onlyKeys(raw, ['feature', 'gt', 'gte', 'lt', 'lte'], where);
  if (typeof raw.feature !== 'string' || raw.feature === '') throw where.at('feature').err('expected a feature name such as "bdecay"');
  if (!CONDITION_FEATURES.includes(raw.feature)) {
    const guess = closest(raw.feature, CONDITION_FEATURES);
    throw where.at('feature').err(`unknown feature "${raw.feature}"`, guess ? `did you mean "${guess}"?` : `use one of ${CONDITION_FEATURES.join(', ')}`);
  }
  const c: Condition = { feature: raw.feature };
  for (const k of ['gt', 'gte', 'lt', 'lte'] as const) if (raw[k] !== undefined) c[k] = num(raw[k], where.at(k), 0);
  if (c.gt === undefined && c.gte === undefined && c.lt === undefined && c.lte === undefined) {
    throw where.err('a condition needs at least one of gt, gte, lt, lte');
  }
  return c;
}

export function holds(c: Condition, value: number): boolean {
  return (c.gt === undefined || value > c.gt) && (c.gte === undefined || value >= c.gte) && (c.lt === undefined || value < c.lt) && (c.lte === undefined || value <= c.lte);
}

function gridKey(v: unknown, where: Where, dflt: string): string {
  if (v === undefined) return dflt;
  if (typeof v !== 'string' || !isGridSizeKey(v)) throw where.err(`unknown grid size ${JSON.stringify(v)}`, 'use xs, sm, md, lg, xl or xxl');
  return v;
}

function blendName(v: unknown, reg: Registry, where: Where, dflt: string): string {
  if (v === undefined) return dflt;
  if (typeof v !== 'string') throw where.err(`expected a blend mode name, got ${JSON.stringify(v)}`);
  located(where, () => reg.get('blends', v));
  return v;
}

function layer(raw: unknown, reg: Registry, where: Where, sceneGrid: string): LayerSpec {
  if (!isObj(raw)) throw where.err('expected a layer object with at least "effect"');
  onlyKeys(raw, LAYER_KEYS, where);
  if (raw.effect === undefined) throw where.err('a layer needs an "effect"');
  const effect = ref(raw.params === undefined ? raw.effect : { name: raw.effect, params: raw.params }, 'effects', reg, where.at('effect'));
  const kind = (reg.get('effects', effect.name).def as { kind: 'value' | 'cells' }).kind;
  if (kind === 'cells') {
    for (const k of ['palette', 'hue', 'saturation', 'threshold', 'transform'] as const) {
      if (raw[k] !== undefined) throw where.at(k).err(`"${effect.name}" draws its own glyphs and colours; "${k}" applies to value-field effects only`);
    }
  }
  const palette = raw.palette === undefined ? 'default' : raw.palette;
  if (typeof palette !== 'string' || palette.length === 0) throw where.at('palette').err('expected a palette name or a string of glyphs');
  let hue: Ref | number = 0;
  if (typeof raw.hue === 'number') hue = num(raw.hue, where.at('hue'), 0, 0, 1);
  else if (raw.hue !== undefined) hue = ref(raw.hue, 'hues', reg, where.at('hue'));
  else hue = ref('angle', 'hues', reg, where.at('hue'));
  if (raw.post !== undefined && !Array.isArray(raw.post)) throw where.at('post').err('expected a list of cell effects');
  const post: unknown[] = raw.post === undefined ? [] : (raw.post as unknown[]);
  const posts = post.map((p, i) => {
    const r = ref(p, 'effects', reg, where.at('post', i));
    if ((reg.get('effects', r.name).def as { kind: string }).kind !== 'cells') {
      throw where.at('post', i).err(`"${r.name}" is a value field; "post" takes cell effects such as shake or glitch_displace`);
    }
    return r;
  });
  return {
    effect,
    kind,
    grid: gridKey(raw.grid, where.at('grid'), sceneGrid),
    palette: located(where.at('palette'), () => reg.palette(palette)),
    hue,
    saturation: num(raw.saturation, where.at('saturation'), 0.8, 0, 1),
    threshold: num(raw.threshold, where.at('threshold'), 0.03, 0, 1),
    blend: blendName(raw.blend, reg, where.at('blend'), 'lighten'),
    opacity: num(raw.opacity, where.at('opacity'), 1, 0, 1),
    mask: raw.mask === undefined || raw.mask === null ? null : ref(raw.mask, 'masks', reg, where.at('mask')),
    transform: raw.transform === undefined || raw.transform === null ? null : ref(raw.transform, 'transforms', reg, where.at('transform')),
    post: posts,
    when: raw.when === undefined ? null : condition(raw.when, where.at('when')),
  };
}

function feedback(raw: unknown, reg: Registry, where: Where): FeedbackSpec | null {
  if (raw === undefined || raw === null || raw === false) return null;
  if (!isObj(raw)) throw where.err('expected a feedback object or null');
  onlyKeys(raw, ['decay', 'blend', 'opacity', 'transform', 'transformAmt', 'hueShift'], where);
  const t = raw.transform;
  if (t !== undefined && t !== null && !(FEEDBACK_TRANSFORMS as readonly unknown[]).includes(t)) {
    throw where.at('transform').err(`unknown feedback transform ${JSON.stringify(t)}`, `use one of ${FEEDBACK_TRANSFORMS.join(', ')}`);
  }
  return {
    decay: num(raw.decay, where.at('decay'), 0.85, 0, 1),
    blend: blendName(raw.blend, reg, where.at('blend'), 'screen'),
    opacity: num(raw.opacity, where.at('opacity'), 0.5, 0, 1),
    transform: (t ?? null) as FeedbackSpec['transform'],
    transformAmt: num(raw.transformAmt, where.at('transformAmt'), 0.02, 0, 0.5),
    hueShift: num(raw.hueShift, where.at('hueShift'), 0, 0, 1),
  };
}

/** `"crossfade"`, or `{ "name": "wipe", "params": { "direction": "left" }, "duration": 1 }` (seconds, default 0.5). */
function transition(raw: unknown, reg: Registry, where: Where, sceneS: number): TransitionSpec | null {
  if (raw === undefined || raw === null) return null;
  let durationS = DEFAULT_TRANSITION_S;
  let refRaw = raw;
  if (isObj(raw)) {
    onlyKeys(raw, ['name', 'params', 'duration'], where);
    durationS = num(raw.duration, where.at('duration'), DEFAULT_TRANSITION_S, 0);
    if (!(durationS > 0)) throw where.at('duration').err('expected a duration in seconds greater than 0');
    refRaw = raw.params === undefined ? { name: raw.name } : { name: raw.name, params: raw.params };
  } else if (typeof raw !== 'string') {
    throw where.err(`expected a transition name or { "name", "params", "duration" }, got ${JSON.stringify(raw)}`);
  }
  if (durationS > sceneS + 1e-9) {
    throw where.at('duration').err(`the transition (${durationS}s) is longer than the scene (${sceneS}s)`, 'shorten the transition or lengthen the scene');
  }
  return { ...ref(refRaw, 'transitions', reg, where), durationS };
}

function shaderList(raw: unknown, reg: Registry, where: Where): Ref[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw where.err('expected a list of shaders: [["bloom", { "thr": 130 }], "vignette"]');
  return raw.map((s, i) => ref(s, 'shaders', reg, where.at(i)));
}

function scene(raw: unknown, i: number, reg: Registry, file: string, prevEnd: number): SceneSpec {
  const label = `scene ${i}${isObj(raw) && typeof raw.name === 'string' ? ` "${raw.name}"` : ''}`;
  const where = new Where(file).inScene(label);
  if (!isObj(raw)) throw where.err('expected a scene object');
  onlyKeys(raw, SCENE_KEYS, where);
  if (typeof raw.name !== 'string' || !/^[\w-]{1,64}$/.test(raw.name)) {
    const bad = typeof raw.name === 'string' ? [...raw.name].find((c) => !/[\w-]/.test(c)) : undefined;
    throw where.at('name').err(
      typeof raw.name !== 'string' ? `expected a name string, got ${JSON.stringify(raw.name)}` : raw.name.length === 0 || raw.name.length > 64 ? `expected a name of 1 to 64 characters, got ${raw.name.length}` : `expected a name of ASCII letters, digits, "_" or "-", got ${JSON.stringify(bad)} in ${JSON.stringify(raw.name)}`,
      'names become file and scene ids (s00_name): use ASCII letters a-z, A-Z, digits, "_" or "-", e.g. "drop_2"',
    );
  }
  const start = num(raw.start, where.at('start'), prevEnd, 0);
  if (raw.end === undefined) throw where.at('end').err('a scene needs an "end" time in seconds');
  const end = num(raw.end, where.at('end'), 0, 0);
  if (end <= start) throw where.at('end').err(`end (${end}) must be after start (${start})`);
  const grid = gridKey(raw.grid, where.at('grid'), 'md');
  let sceneRef: Ref | null = null;
  let layers: LayerSpec[] = [];
  if (raw.scene !== undefined) {
    if (raw.layers !== undefined) throw where.at('layers').err('give either "scene" (a custom scene) or "layers", not both');
    sceneRef = ref(raw.params === undefined ? raw.scene : { name: raw.scene, params: raw.params }, 'scenes', reg, where.at('scene'));
  } else {
    if (raw.params !== undefined) throw where.at('params').err('"params" belongs to a custom "scene"');
    if (!Array.isArray(raw.layers) || raw.layers.length === 0) throw where.at('layers').err('a scene needs at least one layer (or a custom "scene")');
    layers = raw.layers.map((l, k) => layer(l, reg, where.at('layers', k), grid));
  }
  if (raw.extras !== undefined && !Array.isArray(raw.extras)) throw where.at('extras').err('expected a list');
  const extrasRaw: unknown[] = raw.extras === undefined ? [] : (raw.extras as unknown[]);
  const extras: ExtraSpec[] = extrasRaw.map((x, k) => {
    const w = where.at('extras', k);
    if (!isObj(x)) throw w.err('expected { "when": {…}, "shaders": [...] }');
    onlyKeys(x, ['when', 'shaders'], w);
    return { when: condition(x.when, w.at('when')), shaders: shaderList(x.shaders, reg, w.at('shaders')) };
  });
  return {
    id: `s${String(i).padStart(2, '0')}_${raw.name}`,
    name: raw.name,
    start,
    end,
    grid,
    gamma: num(raw.gamma, where.at('gamma'), 0.75, 0.05, 4),
    layers,
    scene: sceneRef,
    shaders: shaderList(raw.shaders, reg, where.at('shaders')),
    feedback: feedback(raw.feedback, reg, where.at('feedback')),
    extras,
    transition: transition(raw.transition, reg, where.at('transition'), end - start),
  };
}

/**
 * Validates a parsed scene file against the registry: unknown effect, hue, palette, blend, mask or shader names and
 * bad parameters are errors naming the file, the scene and the field. Scenes without `start` follow the previous
 * one; the timeline must be contiguous from 0 (checked again when frames are planned).
 */
export function validateProject(raw: unknown, registry: Registry, file = 'scenes'): ProjectSpec {
  const where = new Where(file);
  if (!isObj(raw)) throw where.err('expected a JSON object with a "scenes" list');
  onlyKeys(raw, TOP_KEYS, where);
  if (raw.version !== undefined && raw.version !== 1) throw where.at('version').err(`unsupported scene-file version ${JSON.stringify(raw.version)}`, 'this glyphreel reads version 1');
  const plugins = raw.plugins === undefined ? [] : raw.plugins;
  if (!Array.isArray(plugins) || !plugins.every((p) => typeof p === 'string' && p.length > 0)) throw where.at('plugins').err('expected a list of module specifiers');
  if (raw.audio !== undefined && (typeof raw.audio !== 'string' || raw.audio === '')) throw where.at('audio').err('expected a file path');
  const narrationRaw = raw.narration === undefined ? [] : raw.narration;
  if (!Array.isArray(narrationRaw)) throw where.at('narration').err('expected a list of { "file": "voice.mp3", "at": seconds }');
  const narration = narrationRaw.map((n, i) => {
    const w = where.at('narration', i);
    if (typeof n === 'string' && n.length > 0) return { file: n };
    if (!isObj(n) || typeof n.file !== 'string' || n.file.length === 0) throw w.err('expected { "file": "voice.mp3", "at": seconds } or a file path');
    onlyKeys(n, ['file', 'at'], w);
    return n.at === undefined ? { file: n.file } : { file: n.file, atS: num(n.at, w.at('at'), 0, 0) };
  });
  if (!Array.isArray(raw.scenes) || raw.scenes.length === 0) throw where.at('scenes').err('expected a non-empty list of scenes');
  const scenes: SceneSpec[] = [];
  let prevEnd = 0;
  raw.scenes.forEach((s, i) => {
    const spec = scene(s, i, registry, file, prevEnd);
    if (Math.abs(spec.start - prevEnd) > 1e-9) {
      throw new Where(file).inScene(`scene ${i} "${spec.name}"`).at('start').err(
        `starts at ${spec.start}s but the previous scene ends at ${prevEnd}s`,
        'scenes must follow each other without gaps or overlaps',
      );
    }
    prevEnd = spec.end;
    // Planning frames (runtime/plan.ts) names the file in its errors too.
    rememberSceneFile(spec, file);
    scenes.push(spec);
  });
  const seed = num(raw.seed, where.at('seed'), 1, 0, 0xffffffff);
  if (!Number.isInteger(seed)) throw where.at('seed').err('expected a whole number');
  return {
    file: file === 'scenes' ? null : file,
    seed,
    bpm: num(raw.bpm, where.at('bpm'), 120, 20, 400),
    plugins: plugins as string[],
    audio: (raw.audio as string | undefined) ?? null,
    narration,
    scenes,
    durationS: prevEnd,
  };
}
