import { describe, expect, it } from '@jest/globals';
import { GlyphreelError } from './errors.js';
import { checkSchema, parseColor, toJsonSchema, validateParams, type ParamSchema } from './params.js';

const owner = { plugin: 'p', kind: 'effect', entry: 'e' };
const schema = {
  amount: { type: 'number', default: 0.5, min: 0, max: 1 },
  count: { type: 'integer', default: 3, min: 1 },
  cap: { type: 'number', default: 2, max: 4 },
  free: { type: 'number', default: -1 },
  on: { type: 'boolean', default: true },
  mode: { type: 'enum', values: ['a', 'b'], default: 'a' },
  tint: { type: 'color', default: [255, 0, 0] },
  label: { type: 'string', default: 'x' },
  name: { type: 'string', default: 'n', nonEmpty: true },
  offset: { type: 'array', items: { type: 'integer', default: 0 }, default: [0, 0], length: 2 },
  stops: { type: 'array', items: { type: 'color', default: [0, 0, 0] }, default: [], minItems: 0, maxItems: 3 },
  pal: { type: 'palette', default: 'default' },
} as const satisfies ParamSchema;

function msg(given: Record<string, unknown>): string {
  try {
    validateParams(schema, given, owner);
  } catch (e) {
    expect(e).toBeInstanceOf(GlyphreelError);
    return (e as GlyphreelError).message;
  }
  return 'no error';
}

describe('validateParams', () => {
  it('fills every default and keeps given values', () => {
    const v = validateParams(schema, { amount: 0.25, mode: 'b', tint: '#00ff80', offset: [3, -2] }, owner);
    expect(v).toEqual({
      amount: 0.25, count: 3, cap: 2, free: -1, on: true, mode: 'b', tint: [0, 255, 128], label: 'x', name: 'n',
      offset: [3, -2], stops: [], pal: 'default',
    });
  });

  it('does not share default arrays between calls', () => {
    const a = validateParams(schema, {}, owner);
    a.offset[0] = 9;
    expect(validateParams(schema, {}, owner).offset).toEqual([0, 0]);
  });

  it.each([
    [{ amount: 1.5 }, 'parameter "amount" = 1.5 is invalid; expected a number in [0, 1]'],
    [{ amount: '0.5' }, 'parameter "amount" = "0.5" is invalid; expected a number in [0, 1]'],
    [{ amount: Number.NaN }, 'parameter "amount" = NaN is invalid'],
    [{ count: 2.5 }, 'parameter "count" = 2.5 is invalid; expected an integer >= 1'],
    [{ count: 0 }, 'expected an integer >= 1'],
    [{ cap: 5 }, 'expected a number <= 4'],
    [{ free: 'x' }, 'expected a number'],
    [{ on: 1 }, 'parameter "on" = 1 is invalid; expected true or false'],
    [{ mode: 'c' }, 'parameter "mode" = "c" is invalid; expected one of a, b'],
    [{ tint: [256, 0, 0] }, 'parameter "tint" = [256,0,0] is invalid; expected an RGB colour'],
    [{ tint: '#ggg' }, 'expected an RGB colour'],
    [{ label: 3 }, 'expected a string'],
    [{ name: '' }, 'expected a non-empty string'],
    [{ offset: [1] }, 'parameter "offset" = [1] is invalid; expected a list of 2 items, each an integer'],
    [{ offset: [1, 0.5] }, 'parameter "offset[1]" = 0.5 is invalid'],
    [{ stops: [[0, 0, 0], [1, 1, 1], [2, 2, 2], [3, 3, 3]] }, '(0..3 items)'],
    [{ pal: '' }, 'expected a palette name or a string of glyphs'],
  ])('rejects %j', (given, expected) => {
    const m = msg(given);
    expect(m.startsWith('p/e (effect): ')).toBe(true);
    expect(m).toContain(expected);
  });

  it('rejects unknown parameters and non-object params', () => {
    expect(msg({ amout: 1 })).toBe('p/e (effect): unknown parameter "amout"');
    expect(() => validateParams(schema, [] as unknown as Record<string, unknown>, owner)).toThrow('parameters must be an object');
  });

  it('parses colours', () => {
    expect(parseColor('#fff')).toEqual([255, 255, 255]);
    expect(parseColor(' #102030 ')).toEqual([16, 32, 48]);
    expect(parseColor([1, 2, 3])).toEqual([1, 2, 3]);
    expect(parseColor([1, 2])).toBeUndefined();
    expect(parseColor([1.5, 2, 3])).toBeUndefined();
  });

  it('checkSchema rejects bad schemas', () => {
    expect(() => checkSchema({ m: { type: 'enum', values: [], default: 'a' } } as unknown as ParamSchema, owner)).toThrow('has no values');
    expect(() => checkSchema({ n: { type: 'number', default: 1, min: 2, max: 1 } }, owner)).toThrow('min > max');
    expect(() => checkSchema({ n: { type: 'number', default: 5, min: 0, max: 1 } }, owner)).toThrow('default of parameter "n"');
  });

  it('produces a JSON schema', () => {
    const js = toJsonSchema(schema) as { properties: Record<string, Record<string, unknown>>; additionalProperties: boolean };
    expect(js.additionalProperties).toBe(false);
    expect(js.properties.amount).toEqual({ type: 'number', default: 0.5, minimum: 0, maximum: 1 });
    expect(js.properties.mode).toEqual({ enum: ['a', 'b'], default: 'a' });
    expect(js.properties.offset).toMatchObject({ type: 'array', minItems: 2, maxItems: 2 });
  });
});

describe('array item specs', () => {
  it('need no default and type their values', () => {
    const s = { shift: { type: 'array', items: { type: 'integer', min: -9, max: 9 }, length: 2, default: [0, 0] } } as const satisfies ParamSchema;
    const v = validateParams(s, { shift: [3, -4] }, owner);
    const x: number = v.shift[0]!;
    expect(x).toBe(3);
    expect(() => validateParams(s, { shift: [3, 10] }, owner)).toThrow('parameter "shift[1]" = 10 is invalid; expected an integer in [-9, 9]');
  });
});

describe('required parameters', () => {
  const s = { file: { type: 'string', default: '', nonEmpty: true, required: true, description: 'the video to read' } } as const satisfies ParamSchema;
  it('must be given; their placeholder default is not validated', () => {
    expect(() => checkSchema(s, owner)).not.toThrow();
    expect(() => validateParams(s, {}, owner)).toThrow('p/e (effect): parameter "file" is required; expected a non-empty string');
    expect(() => validateParams(s, { file: '' }, owner)).toThrow('parameter "file" = "" is invalid');
    expect(validateParams(s, { file: 'a.mp4' }, owner)).toEqual({ file: 'a.mp4' });
    expect(toJsonSchema(s)).toMatchObject({ required: ['file'], properties: { file: { type: 'string', minLength: 1 } } });
  });
});
