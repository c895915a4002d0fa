import { GlyphreelError } from './errors.js';
import { closest } from './registry.js';

/**
 * Parameter schemas. One schema drives validation (defaults filled, bad values rejected with an error that names the
 * plugin, entry, parameter, value and allowed range), `glyphreel plugins --describe`, and the scene-file JSON schema.
 */
interface Described {
  description?: string;
  /**
   * The value must be given (a `file` to read, say): the default is only a placeholder for listings and is not
   * validated; leaving the parameter out is an error.
   */
  required?: boolean;
}
export interface NumberParam extends Described {
  type: 'number';
  default: number;
  min?: number;
  max?: number;
}
export interface IntegerParam extends Described {
  type: 'integer';
  default: number;
  min?: number;
  max?: number;
}
export interface BooleanParam extends Described {
  type: 'boolean';
  default: boolean;
}
export interface EnumParam<V extends string = string> extends Described {
  type: 'enum';
  values: readonly V[];
  default: V;
}
/** An RGB colour: `[r, g, b]` bytes, or `#rrggbb` in scene files (normalized to the tuple). */
export interface ColorParam extends Described {
  type: 'color';
  default: readonly [number, number, number];
}
export interface StringParam extends Described {
  type: 'string';
  default: string;
  /** Reject the empty string. */
  nonEmpty?: boolean;
}
/** An item spec of an array: a scalar spec whose `default` is optional (the array has the default). */
type Itemize<T> = T extends { default: unknown } ? Omit<T, 'default'> & { default?: T['default'] } : never;
export type ArrayItemSpec = Itemize<NumberParam | IntegerParam | BooleanParam | EnumParam | ColorParam | StringParam | ArrayParam>;

/** A list of items of one scalar spec; `length` fixes the length (e.g. a 2-vector), otherwise min/max items. */
export interface ArrayParam extends Described {
  type: 'array';
  items: ArrayItemSpec;
  default: readonly unknown[];
  length?: number;
  minItems?: number;
  maxItems?: number;
}
/** A palette: a registered palette name or a literal string of glyphs (index 0 should be a space). */
export interface PaletteParam extends Described {
  type: 'palette';
  default: string;
}

export type ParamSpec =
  | NumberParam
  | IntegerParam
  | BooleanParam
  | EnumParam
  | ColorParam
  | StringParam
  | ArrayParam
  | PaletteParam;

export type ParamSchema = Readonly<Record<string, ParamSpec>>;

type RGB = [number, number, number];

/** The TypeScript type of validated parameters for a schema. */
export type ParamValues<S extends ParamSchema> = {
  -readonly [K in keyof S]: ValueOf<S[K]>;
};
type ValueOf<P> = P extends NumberParam | IntegerParam
  ? number
  : P extends BooleanParam
    ? boolean
    : P extends EnumParam<infer V>
      ? V
      : P extends ColorParam
        ? RGB
        : P extends StringParam | PaletteParam
          ? string
          : P extends ArrayParam
            ? ArrayValue<P['items']>[]
            : never;
type ArrayValue<I> = I extends { type: 'number' | 'integer' }
  ? number
  : I extends { type: 'boolean' }
    ? boolean
    : I extends { type: 'enum'; values: readonly (infer V)[] }
      ? V
      : I extends { type: 'color' }
        ? RGB
        : I extends { type: 'string' }
          ? string
          : unknown[];

/** Where a value came from, for error messages: "plugin effects, effect plasma". */
export interface ParamOwner {
  plugin: string;
  kind: string;
  entry: string;
}

/** Human text for the allowed values of a spec: "a number in [0, 1]", "one of x, y". */
export function describeAllowed(spec: ParamSpec | ArrayItemSpec): string {
  switch (spec.type) {
    case 'number':
    case 'integer': {
      const noun = spec.type === 'integer' ? 'an integer' : 'a number';
      if (spec.min !== undefined && spec.max !== undefined) return `${noun} in [${spec.min}, ${spec.max}]`;
      if (spec.min !== undefined) return `${noun} >= ${spec.min}`;
      if (spec.max !== undefined) return `${noun} <= ${spec.max}`;
      return noun;
    }
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
    case 'color':
      return 'an RGB colour [r, g, b] with bytes 0-255, or "#rrggbb"';
    case 'string':
      return spec.nonEmpty ? 'a non-empty string' : 'a string';
    case 'palette':
      return 'a palette name or a string of glyphs';
    case 'array': {
      const len = spec.length !== undefined ? `${spec.length} ` : '';
      const bounds = spec.length === undefined && (spec.minItems !== undefined || spec.maxItems !== undefined)
        ? ` (${spec.minItems ?? 0}..${spec.maxItems ?? '∞'} items)`
        : '';
      return `a list of ${len}items, each ${describeAllowed(spec.items)}${bounds}`;
    }
    default:
      return `nothing (unknown parameter type ${show((spec as { type?: unknown }).type)})`;
  }
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  try {
    const s = JSON.stringify(value);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function fail(owner: ParamOwner, name: string, value: unknown, spec: ParamSpec | ArrayItemSpec): never {
  throw new GlyphreelError(
    'E_PARAM',
    `${owner.plugin}/${owner.entry} (${owner.kind}): parameter "${name}" = ${show(value)} is invalid; expected ${describeAllowed(spec)}`,
    { hint: spec.description ? `${name}: ${spec.description}` : undefined },
  );
}

/** Parses a `#rrggbb` / `#rgb` string or checks an [r,g,b] tuple; undefined when invalid. */
export function parseColor(value: unknown): RGB | undefined {
  if (typeof value === 'string') {
    const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
    if (!m) return undefined;
    let hex = m[1] as string;
    if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
    return [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16)];
  }
  if (Array.isArray(value) && value.length === 3 && value.every((c) => Number.isInteger(c) && c >= 0 && c <= 255)) {
    return [value[0], value[1], value[2]];
  }
  return undefined;
}

function checkValue(owner: ParamOwner, name: string, spec: ParamSpec | ArrayItemSpec, value: unknown): unknown {
  switch (spec.type) {
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail(owner, name, value, spec);
      if (spec.type === 'integer' && !Number.isInteger(value)) return fail(owner, name, value, spec);
      if (spec.min !== undefined && value < spec.min) return fail(owner, name, value, spec);
      if (spec.max !== undefined && value > spec.max) return fail(owner, name, value, spec);
      return value;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : fail(owner, name, value, spec);
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value) ? value : fail(owner, name, value, spec);
    case 'color':
      return parseColor(value) ?? fail(owner, name, value, spec);
    case 'string':
      if (typeof value !== 'string' || (spec.nonEmpty && value.length === 0)) return fail(owner, name, value, spec);
      return value;
    case 'palette':
      return typeof value === 'string' && value.length > 0 ? value : fail(owner, name, value, spec);
    case 'array': {
      if (!Array.isArray(value)) return fail(owner, name, value, spec);
      if (spec.length !== undefined && value.length !== spec.length) return fail(owner, name, value, spec);
      if (spec.minItems !== undefined && value.length < spec.minItems) return fail(owner, name, value, spec);
      if (spec.maxItems !== undefined && value.length > spec.maxItems) return fail(owner, name, value, spec);
      return value.map((v, i) => checkValue(owner, `${name}[${i}]`, spec.items, v));
    }
    default:
      // checkSchema refuses unknown types when a plugin registers; a schema that skipped it accepts nothing.
      throw unknownType(owner, name, spec);
  }
}

/**
 * Fills defaults and validates `given` against `schema`. Unknown parameter names are errors too (a typo should not
 * silently do nothing). Returns a fresh object; `given` is not modified.
 */
export function validateParams<S extends ParamSchema>(
  schema: S,
  given: Readonly<Record<string, unknown>> | undefined,
  owner: ParamOwner,
): ParamValues<S> {
  const out: Record<string, unknown> = {};
  const input = given ?? {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new GlyphreelError('E_PARAM', `${owner.plugin}/${owner.entry} (${owner.kind}): parameters must be an object, got ${show(input)}`);
  }
  for (const key of Object.keys(input)) {
    if (!(key in schema)) {
      const known = Object.keys(schema);
      throw new GlyphreelError(
        'E_PARAM',
        `${owner.plugin}/${owner.entry} (${owner.kind}): unknown parameter "${key}"`,
        { hint: known.length ? `known parameters: ${known.join(', ')}` : 'it takes no parameters' },
      );
    }
  }
  for (const [name, spec] of Object.entries(schema)) {
    const value = input[name];
    if (value === undefined && spec.required) {
      throw new GlyphreelError('E_PARAM', `${owner.plugin}/${owner.entry} (${owner.kind}): parameter "${name}" is required; expected ${describeAllowed(spec)}`, {
        hint: spec.description ? `${name}: ${spec.description}` : undefined,
      });
    }
    out[name] = value === undefined ? cloneDefault(spec) : checkValue(owner, name, spec, value);
  }
  return out as ParamValues<S>;
}

function cloneDefault(spec: ParamSpec): unknown {
  const d = spec.default;
  return Array.isArray(d) ? structuredClone(d) : d;
}

/** Every parameter type, in the order messages list them. */
export const PARAM_TYPES: readonly ParamSpec['type'][] = ['number', 'integer', 'boolean', 'enum', 'color', 'string', 'array', 'palette'];

/** Names authors reach for that mean one of ours (`float` is `number`). */
const TYPE_ALIASES: Readonly<Record<string, ParamSpec['type']>> = {
  float: 'number', double: 'number', real: 'number', int: 'integer', bool: 'boolean', str: 'string', text: 'string',
  colour: 'color', rgb: 'color', list: 'array', select: 'enum', choice: 'enum', choices: 'enum',
};

/** The keys each type reads; any other key is a mistake (`options` for `values`) and is refused by name. */
const COMMON_KEYS = ['type', 'default', 'description', 'required'] as const;
const TYPE_KEYS: Readonly<Record<ParamSpec['type'], readonly string[]>> = {
  number: ['min', 'max'],
  integer: ['min', 'max'],
  boolean: [],
  enum: ['values'],
  color: [],
  string: ['nonEmpty'],
  array: ['items', 'length', 'minItems', 'maxItems'],
  palette: [],
};
const KEY_ALIASES: Readonly<Record<string, string>> = {
  options: 'values', choices: 'values', enum: 'values', items: 'values', minimum: 'min', maximum: 'max',
  desc: 'description', help: 'description', defaultValue: 'default', value: 'default', item: 'items', len: 'length',
  nonempty: 'nonEmpty', optional: 'required',
};

function where(owner: ParamOwner): string {
  return `${owner.plugin}/${owner.entry} (${owner.kind})`;
}

function unknownType(owner: ParamOwner, name: string, spec: unknown): GlyphreelError {
  const type = (spec as { type?: unknown } | null)?.type;
  const alias = typeof type === 'string' ? TYPE_ALIASES[type.toLowerCase()] ?? closest(type, PARAM_TYPES) : undefined;
  const what = type === undefined ? 'has no "type"' : `has unknown type ${show(type)}`;
  return new GlyphreelError('E_PLUGIN', `${where(owner)}: parameter "${name}" ${what}`, {
    hint: `${alias ? `use type: '${alias}'; ` : ''}valid types: ${PARAM_TYPES.join(', ')}`,
  });
}

/** Checks one spec's shape (type, keys, enum values, bounds, array items); `name` is `p` or `p[]` for items. */
function checkSpecShape(spec: unknown, name: string, owner: ParamOwner, item: boolean): void {
  const plugin = (what: string, hint?: string): never => {
    throw new GlyphreelError('E_PLUGIN', `${where(owner)}: parameter "${name}" ${what}`, { hint });
  };
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    plugin(`must be an object like { type: 'number', default: 1 }, got ${show(spec)}`);
  }
  const s = spec as Record<string, unknown>;
  const type = s.type as ParamSpec['type'];
  if (typeof type !== 'string' || !PARAM_TYPES.includes(type)) throw unknownType(owner, name, spec);
  const allowed = [...COMMON_KEYS, ...TYPE_KEYS[type]];
  for (const key of Object.keys(s)) {
    if (allowed.includes(key)) continue;
    const alias = KEY_ALIASES[key];
    const guess = alias !== undefined && allowed.includes(alias) ? alias : closest(key, allowed);
    plugin(`(type ${type}) has unknown key "${key}"`, `${guess ? `did you mean "${guess}"? ` : ''}${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} parameter takes ${allowed.join(', ')}`);
  }
  if (!item && s.default === undefined && !s.required) plugin('has no default', 'give it a default, or required: true');
  switch (type) {
    case 'enum': {
      const values = s.values;
      if (!Array.isArray(values) || values.length === 0) {
        plugin(`(enum) has no values: "values" must be a non-empty array of strings, got ${show(values)}`, "e.g. { type: 'enum', values: ['a', 'b'], default: 'a' }");
      }
      const notString = (values as unknown[]).find((v) => typeof v !== 'string');
      if (notString !== undefined) plugin(`(enum) has a value that is not a string: ${show(notString)}`);
      return;
    }
    case 'number':
    case 'integer':
      for (const k of ['min', 'max'] as const) {
        if (s[k] !== undefined && (typeof s[k] !== 'number' || !Number.isFinite(s[k]))) plugin(`has a ${k} that is not a finite number: ${show(s[k])}`);
      }
      if (s.min !== undefined && s.max !== undefined && (s.min as number) > (s.max as number)) plugin('has min > max');
      return;
    case 'array':
      for (const k of ['length', 'minItems', 'maxItems'] as const) {
        if (s[k] !== undefined && !(Number.isInteger(s[k]) && (s[k] as number) >= 0)) plugin(`has a ${k} that is not a whole number: ${show(s[k])}`);
      }
      if (s.items === undefined) plugin("(array) has no \"items\" spec", "e.g. { type: 'array', items: { type: 'number' }, default: [] }");
      checkSpecShape(s.items, `${name}[]`, owner, true);
      return;
    default:
      return;
  }
}

/**
 * Checks a schema (run when a plugin registers, so a broken plugin fails early with E_PLUGIN naming the parameter):
 * every spec is an object of a known type with only the keys that type reads, enums have values, bounds are
 * ordered, and the defaults are valid.
 */
export function checkSchema(schema: ParamSchema, owner: ParamOwner): void {
  for (const [name, spec] of Object.entries(schema)) {
    checkSpecShape(spec, name, owner, false);
    if (spec.required) continue;
    try {
      checkValue(owner, name, spec, spec.default);
    } catch (e) {
      throw new GlyphreelError('E_PLUGIN', `${where(owner)}: the default of parameter "${name}" is invalid`, {
        hint: e instanceof Error ? e.message : undefined,
      });
    }
  }
}

/** A JSON Schema (draft 2020-12) fragment for a parameter schema, used to generate the scene-file schema. */
export function toJsonSchema(schema: ParamSchema): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema)) properties[name] = specToJson(spec);
  const required = Object.entries(schema).filter(([, s]) => s.required).map(([n]) => n);
  return { type: 'object', additionalProperties: false, properties, ...(required.length ? { required } : {}) };
}

function specToJson(spec: ParamSpec | ArrayItemSpec): Record<string, unknown> {
  const base: Record<string, unknown> = spec.description ? { description: spec.description } : {};
  if (spec.default !== undefined && !spec.required) base.default = structuredClone(spec.default);
  switch (spec.type) {
    case 'number':
    case 'integer':
      return { ...base, type: spec.type, ...(spec.min !== undefined ? { minimum: spec.min } : {}), ...(spec.max !== undefined ? { maximum: spec.max } : {}) };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'enum':
      return { ...base, enum: [...spec.values] };
    case 'color':
      return {
        ...base,
        oneOf: [
          { type: 'array', items: { type: 'integer', minimum: 0, maximum: 255 }, minItems: 3, maxItems: 3 },
          { type: 'string', pattern: '^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$' },
        ],
      };
    case 'string':
    case 'palette':
      return { ...base, type: 'string', ...(spec.type === 'palette' || spec.nonEmpty ? { minLength: 1 } : {}) };
    case 'array':
      return {
        ...base,
        type: 'array',
        items: specToJson(spec.items),
        ...(spec.length !== undefined ? { minItems: spec.length, maxItems: spec.length } : {}),
        ...(spec.minItems !== undefined ? { minItems: spec.minItems } : {}),
        ...(spec.maxItems !== undefined ? { maxItems: spec.maxItems } : {}),
      };
  }
}
