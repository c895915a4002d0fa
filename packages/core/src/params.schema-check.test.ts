import { describe, expect, it } from '@jest/globals';
import { GlyphreelError } from './errors.js';
import { checkSchema, validateParams, type ParamSchema } from './params.js';

// Mistakes a plugin author makes in a parameter schema: each is refused when the plugin registers, with one line
// naming the plugin, the entry, the parameter and the fix.
const owner = { plugin: 'bad', kind: 'effect', entry: 'waves' };

function refused(schema: unknown): GlyphreelError {
  try {
    checkSchema(schema as ParamSchema, owner);
  } catch (e) {
    expect(e).toBeInstanceOf(GlyphreelError);
    return e as GlyphreelError;
  }
  throw new Error('expected checkSchema to refuse the schema');
}

describe('checkSchema', () => {
  it('refuses an unknown type, naming the valid ones and the one meant', () => {
    const e = refused({ freq: { type: 'float', default: 1 } });
    expect(e.code).toBe('E_PLUGIN');
    expect(e.exitCode).toBe(1);
    expect(e.toLine()).toBe(
      `bad/waves (effect): parameter "freq" has unknown type "float" (use type: 'number'; valid types: number, integer, boolean, enum, color, string, array, palette)`,
    );
    expect(refused({ n: { type: 'nummber', default: 1 } }).hint).toContain("use type: 'number'");
    expect(refused({ n: { default: 1 } }).message).toBe('bad/waves (effect): parameter "n" has no "type"');
    expect(refused({ v: { type: 'array', items: { type: 'vec' }, default: [] } }).message).toBe('bad/waves (effect): parameter "v[]" has unknown type "vec"');
  });

  it('refuses an enum written with options instead of values, by name', () => {
    const e = refused({ mode: { type: 'enum', options: ['a', 'b'], default: 'a' } });
    expect(e.toLine()).toBe(
      'bad/waves (effect): parameter "mode" (type enum) has unknown key "options" (did you mean "values"? an enum parameter takes type, default, description, required, values)',
    );
    expect(refused({ mode: { type: 'enum', default: 'a' } }).message).toBe(
      'bad/waves (effect): parameter "mode" (enum) has no values: "values" must be a non-empty array of strings, got undefined',
    );
    expect(refused({ mode: { type: 'enum', values: 'a,b', default: 'a' } }).message).toContain('got "a,b"');
    expect(refused({ mode: { type: 'enum', values: ['a', 2], default: 'a' } }).message).toBe('bad/waves (effect): parameter "mode" (enum) has a value that is not a string: 2');
  });

  it('refuses other unknown keys with a did-you-mean', () => {
    expect(refused({ n: { type: 'number', default: 1, maximum: 4 } }).hint).toBe('did you mean "max"? a number parameter takes type, default, description, required, min, max');
    expect(refused({ n: { type: 'number', default: 1, mni: 0 } }).hint).toContain('did you mean "min"?');
    expect(refused({ n: { type: 'number', default: 1, min: '0' } }).message).toBe('bad/waves (effect): parameter "n" has a min that is not a finite number: "0"');
  });

  it('refuses a spec that is not an object, and one without a default', () => {
    expect(refused({ n: 5 }).message).toBe(`bad/waves (effect): parameter "n" must be an object like { type: 'number', default: 1 }, got 5`);
    expect(refused({ n: { type: 'number' } }).toLine()).toBe('bad/waves (effect): parameter "n" has no default (give it a default, or required: true)');
  });

  it('accepts every valid type', () => {
    expect(() =>
      checkSchema(
        {
          a: { type: 'number', default: 1, min: 0, max: 2, description: 'd' },
          b: { type: 'integer', default: 1 },
          c: { type: 'boolean', default: true },
          d: { type: 'enum', values: ['x'], default: 'x' },
          e: { type: 'color', default: [1, 2, 3] },
          f: { type: 'string', default: '', nonEmpty: true, required: true },
          g: { type: 'array', items: { type: 'number', min: 0 }, default: [1], minItems: 1, maxItems: 3 },
          h: { type: 'palette', default: 'dense' },
        },
        owner,
      ),
    ).not.toThrow();
  });
});

describe('validateParams', () => {
  it('never accepts a value for an unknown type (a schema that skipped checkSchema)', () => {
    const schema = { freq: { type: 'float', default: 1 } } as unknown as ParamSchema;
    expect(() => validateParams(schema, { freq: 2 }, owner)).toThrow('bad/waves (effect): parameter "freq" has unknown type "float"');
  });
});
