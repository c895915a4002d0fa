import { GlyphreelError } from './errors.js';
import { checkSchema, validateParams, type ParamSchema } from './params.js';
import {
  ENTRY_KINDS,
  SUPPORTED_API_VERSIONS,
  type EntryKind,
  type EntryOf,
  type Plugin,
} from './plugin.js';

const NAME_RE = /^[a-z0-9][a-z0-9_-]*$/;
const PLUGIN_NAME_RE = /^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;

/** The singular noun for messages: "shader", "effect" … */
const NOUN: Record<EntryKind, string> = {
  effects: 'effect', hues: 'hue field', transforms: 'transform', shaders: 'shader', blends: 'blend mode',
  palettes: 'palette', masks: 'mask', transitions: 'transition', scenes: 'scene',
};

export interface RegisteredEntry<K extends EntryKind = EntryKind> {
  readonly kind: K;
  readonly plugin: string;
  readonly name: string;
  /** `plugin/name`: always accepted. */
  readonly qualifiedName: string;
  readonly builtin: boolean;
  readonly def: EntryOf<K>;
}

export interface RegisterOptions {
  /** Built-in plugins also answer to bare entry names. */
  builtin?: boolean;
}

export class Registry {
  private readonly pluginsByName = new Map<string, { plugin: Plugin; builtin: boolean }>();
  private readonly qualified = new Map<EntryKind, Map<string, RegisteredEntry>>();
  private readonly bare = new Map<EntryKind, Map<string, RegisteredEntry>>();

  constructor() {
    for (const k of ENTRY_KINDS) {
      this.qualified.set(k, new Map());
      this.bare.set(k, new Map());
    }
  }

  /**
   * Validates and adds a plugin. All or nothing: a plugin with one bad entry adds none.
   * Rejects: a malformed object, an unsupported apiVersion, a plugin name registered twice, a bad or duplicate entry
   * name, a bare name that another built-in already owns, an invalid parameter schema.
   */
  register(plugin: Plugin, options: RegisterOptions = {}): this {
    const builtin = options.builtin === true;
    if (plugin === null || typeof plugin !== 'object') {
      throw new GlyphreelError('E_PLUGIN', `A plugin must be an object made with definePlugin(), got ${typeof plugin}`);
    }
    const pname = String(plugin.name ?? '');
    if (!PLUGIN_NAME_RE.test(pname)) {
      throw new GlyphreelError('E_PLUGIN', `Plugin name ${JSON.stringify(plugin.name)} is invalid`, {
        hint: 'use lower-case letters, digits, "." "_" and "-"',
      });
    }
    if (typeof plugin.version !== 'string' || plugin.version.length === 0) {
      throw new GlyphreelError('E_PLUGIN', `Plugin "${pname}" has no version string`);
    }
    const api: unknown = plugin.apiVersion;
    if (api === undefined) {
      throw new GlyphreelError('E_PLUGIN', `Plugin "${pname}" has no apiVersion`, {
        hint: 'add apiVersion: PLUGIN_API_VERSION from @glyphreel/core',
      });
    }
    if (typeof api !== 'number') {
      throw new GlyphreelError('E_PLUGIN', `Plugin "${pname}" has apiVersion ${JSON.stringify(api)}, which is not a number`, {
        hint: `write apiVersion: PLUGIN_API_VERSION from @glyphreel/core, the number ${SUPPORTED_API_VERSIONS.join(' or ')}`,
      });
    }
    if (!SUPPORTED_API_VERSIONS.includes(api)) {
      throw new GlyphreelError(
        'E_API_VERSION',
        `Plugin "${pname}" needs plugin API ${JSON.stringify(plugin.apiVersion)}, but this @glyphreel/core supports ${SUPPORTED_API_VERSIONS.join(', ')}`,
        { hint: 'upgrade the plugin or @glyphreel/core so their API versions match' },
      );
    }
    const existing = this.pluginsByName.get(pname);
    if (existing?.builtin && !builtin) {
      throw new GlyphreelError('E_DUPLICATE', `Plugin name "${pname}" belongs to a built-in plugin`, {
        hint: `rename the plugin (its "name" in definePlugin), e.g. "${pname}-extra"; built-in names are reserved`,
      });
    }
    if (existing) {
      throw new GlyphreelError('E_DUPLICATE', `Plugin "${pname}" is already registered`, {
        hint: 'list each plugin once in "plugins" / --plugin',
      });
    }

    const staged: RegisteredEntry[] = [];
    for (const kind of ENTRY_KINDS) {
      const list = plugin[kind];
      if (list === undefined) continue;
      if (!Array.isArray(list)) {
        throw new GlyphreelError('E_PLUGIN', `Plugin "${pname}": "${kind}" must be an array`);
      }
      const seen = new Set<string>();
      for (const def of list as EntryOf<typeof kind>[]) {
        const ename = String((def as { name?: unknown })?.name ?? '');
        if (!NAME_RE.test(ename)) {
          throw new GlyphreelError('E_PLUGIN', `Plugin "${pname}": ${NOUN[kind]} name ${JSON.stringify(ename)} is invalid`, {
            hint: 'use lower-case letters, digits, "_" and "-"',
          });
        }
        if (seen.has(ename)) {
          throw new GlyphreelError('E_DUPLICATE', `Plugin "${pname}" defines the ${NOUN[kind]} "${ename}" twice`);
        }
        seen.add(ename);
        checkEntryShape(kind, def, pname, ename);
        if (builtin) {
          const owner = this.bare.get(kind)!.get(ename);
          if (owner) {
            throw new GlyphreelError(
              'E_DUPLICATE',
              `The ${NOUN[kind]} "${ename}" of plugin "${pname}" is already registered by "${owner.plugin}"`,
              { hint: 'built-in names must be unique across built-in plugins' },
            );
          }
        }
        staged.push({ kind, plugin: pname, name: ename, qualifiedName: `${pname}/${ename}`, builtin, def });
      }
    }

    this.pluginsByName.set(pname, { plugin, builtin });
    for (const e of staged) {
      this.qualified.get(e.kind)!.set(e.qualifiedName, e);
      if (builtin) this.bare.get(e.kind)!.set(e.name, e);
    }
    return this;
  }

  /** Looks an entry up by `plugin/name`, or by bare name for built-ins. Throws E_UNKNOWN with a suggestion. */
  get<K extends EntryKind>(kind: K, name: string): RegisteredEntry<K> {
    const found = this.find(kind, name);
    if (found) return found;
    throw new GlyphreelError('E_UNKNOWN', `Unknown ${NOUN[kind]} "${name}"`, { hint: this.suggest(name, kind) });
  }

  /**
   * What a user probably meant by a name that is not registered (as `kind`, or as anything when `kind` is left
   * out), for the hint of an "unknown" error: the plugin entry of that bare name ("did you mean mine/waves? …"), an
   * entry of that name of another kind ("mine/invert is a shader, not an effect"), a close spelling, or the list.
   */
  suggest(name: string, kind?: EntryKind): string {
    const kinds = kind ? [kind] : ENTRY_KINDS;
    // A third-party entry written without its plugin's name.
    const bare = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
    const unprefixed = kinds.flatMap((k) => [...this.qualified.get(k)!.values()].filter((e) => !e.builtin && e.name === bare && e.qualifiedName !== name));
    if (unprefixed.length) {
      const names = unprefixed.map((e) => e.qualifiedName);
      return `did you mean ${names.join(' or ')}? plugin entries carry their plugin's name`;
    }
    // The name exists, as another kind of entry.
    if (kind) {
      const other = ENTRY_KINDS.filter((k) => k !== kind)
        .map((k) => this.find(k, name) ?? [...this.qualified.get(k)!.values()].find((e) => !e.builtin && e.name === bare))
        .find((e) => e !== undefined);
      if (other) {
        const shown = other.builtin ? other.name : other.qualifiedName;
        return `${shown} is ${article(NOUN[other.kind])}, not ${article(NOUN[kind])}; glyphreel plugins lists the ${NOUN[kind]}s`;
      }
    }
    const candidates = kinds.flatMap((k) => this.names(k));
    const guess = closest(name, candidates);
    if (guess) return `did you mean "${guess}"? glyphreel plugins lists them`;
    return `known: ${candidates.slice(0, 12).join(', ')}${candidates.length > 12 ? ', …' : ''}`;
  }

  find<K extends EntryKind>(kind: K, name: string): RegisteredEntry<K> | undefined {
    return (this.qualified.get(kind)!.get(name) ?? this.bare.get(kind)!.get(name)) as RegisteredEntry<K> | undefined;
  }

  has(kind: EntryKind, name: string): boolean {
    return this.find(kind, name) !== undefined;
  }

  /** Every entry of a kind (or of all kinds), built-ins first, then in registration order. */
  list<K extends EntryKind>(kind?: K): RegisteredEntry<K>[] {
    const kinds = kind ? [kind] : ENTRY_KINDS;
    const out: RegisteredEntry[] = [];
    for (const k of kinds) out.push(...this.qualified.get(k)!.values());
    return out.sort((a, b) => Number(b.builtin) - Number(a.builtin)) as RegisteredEntry<K>[];
  }

  /** The names a user may type for a kind: bare names of built-ins and qualified names of the rest. */
  names(kind: EntryKind): string[] {
    return this.list(kind).map((e) => (e.builtin ? e.name : e.qualifiedName));
  }

  plugins(): Array<{ plugin: Plugin; builtin: boolean }> {
    return [...this.pluginsByName.values()];
  }

  /** Looks up an entry and validates parameters against its schema (defaults filled). */
  resolve<K extends Exclude<EntryKind, 'blends' | 'palettes'>>(
    kind: K,
    name: string,
    params?: Readonly<Record<string, unknown>>,
  ): { entry: RegisteredEntry<K>; params: Record<string, unknown> } {
    const entry = this.get(kind, name);
    const schema = (entry.def as { params: ParamSchema }).params;
    const values = validateParams(schema, params, { plugin: entry.plugin, kind: NOUN[kind], entry: entry.name });
    // Palette parameters become their glyphs here, so a plugin's palette names work in every effect's parameters;
    // one that looks like a name must be one (a typo must not become a ramp of its own letters).
    for (const [key, spec] of Object.entries(schema)) {
      const v = (values as Record<string, unknown>)[key];
      if (spec.type !== 'palette' || typeof v !== 'string') continue;
      try {
        (values as Record<string, unknown>)[key] = this.palette(v);
      } catch (e) {
        const err = e as GlyphreelError;
        throw new GlyphreelError(err.code, `${entry.plugin}/${entry.name} (${NOUN[kind]}): parameter "${key}": ${err.message}`, { hint: err.hint });
      }
    }
    return { entry, params: values as Record<string, unknown> };
  }

  /**
   * A palette value from a scene or a parameter: a registered palette name, else the literal glyph string. A value
   * that looks like a name (ASCII letters, digits, `_` and `-`, starting with a letter, optionally `plugin/name`) and
   * is not registered is an E_UNKNOWN error: otherwise a misspelt "defualt" would draw the letters d, e, f, u, a, l, t.
   * A ramp of such characters only is written with its leading space (" abc"), as ramps start anyway.
   */
  palette(value: string): string {
    const p = this.find('palettes', value) ?? this.find('palettes', value.toLowerCase());
    if (p) return (p.def as { glyphs: string }).glyphs;
    if (!looksLikePaletteName(value)) return value;
    const candidates = this.names('palettes');
    const guess = closest(value, candidates);
    throw new GlyphreelError('E_UNKNOWN', `Unknown palette "${value}"`, {
      hint: `${guess ? `did you mean "${guess}"?` : `known: ${candidates.slice(0, 12).join(', ')}${candidates.length > 12 ? ', … (glyphreel plugins lists them)' : ''}.`} A ramp of these letters is written with its leading space: " ${value}"`,
    });
  }
}

/** What a palette name looks like (see Registry#palette); as a string for JSON Schema's `pattern`. */
export const PALETTE_NAME_PATTERN = '^[A-Za-z][A-Za-z0-9_-]*(/[A-Za-z][A-Za-z0-9_-]*)?$';
const paletteName = new RegExp(PALETTE_NAME_PATTERN);

/** Whether a palette value reads as a name rather than a ramp of glyphs (see Registry#palette). */
export function looksLikePaletteName(value: string): boolean {
  return paletteName.test(value);
}

function checkEntryShape(kind: EntryKind, def: unknown, plugin: string, name: string): void {
  const d = def as Record<string, unknown>;
  const bad = (what: string): never => {
    throw new GlyphreelError('E_PLUGIN', `Plugin "${plugin}": ${NOUN[kind]} "${name}" ${what}`);
  };
  const needFn = (key: string) => {
    if (typeof d[key] !== 'function') bad(`has no ${key}() function`);
  };
  if (kind === 'blends') return needFn('fn');
  if (kind === 'palettes') {
    if (typeof d.glyphs !== 'string' || d.glyphs.length === 0) bad('has no glyphs string');
    return;
  }
  if (d.params === null || typeof d.params !== 'object') bad('has no params schema (use {} for none)');
  checkSchema(d.params as ParamSchema, { plugin, kind: NOUN[kind], entry: name });
  switch (kind) {
    case 'effects':
      if (d.kind === 'value') return needFn('fill');
      if (d.kind === 'cells') {
        needFn('draw');
        if (d.prepare !== undefined && typeof d.prepare !== 'function') bad('has a prepare that is not a function');
        if (d.dispose !== undefined && typeof d.dispose !== 'function') bad('has a dispose that is not a function');
        return;
      }
      return bad('needs kind "value" or "cells"');
    case 'hues':
      if (d.output !== 'hue' && d.output !== 'rgb') bad('needs output "hue" or "rgb"');
      return needFn('fill');
    case 'masks':
      return needFn('fill');
    case 'scenes':
      return needFn('render');
    default:
      return needFn('apply');
  }
}

/** "an effect", "a shader". */
function article(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** The candidate within edit distance 2 (or a third of the name), for "did you mean". */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j] as number;
      prev[j] = Math.min((prev[j] as number) + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length] as number;
}
