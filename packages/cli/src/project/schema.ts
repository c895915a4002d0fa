import { PALETTE_NAME_PATTERN, toJsonSchema, type ParamSchema, type Registry } from '@glyphreel/core';
import { CONDITION_FEATURES } from './validate.js';

type Json = Record<string, unknown>;

const refOf = (names: string[], defs: Record<string, string>) => ({
  oneOf: [
    { enum: names },
    { type: 'array', prefixItems: [{ enum: names }, { type: 'object' }], minItems: 1, maxItems: 2 },
    {
      type: 'object',
      required: ['name'],
      properties: { name: { enum: names }, params: { type: 'object' } },
      additionalProperties: false,
      allOf: Object.entries(defs).map(([name, def]) => ({ if: { properties: { name: { const: name } } }, then: { properties: { params: { $ref: `#/$defs/${def}` } } } })),
    },
  ],
});

/**
 * A JSON Schema (draft 2020-12) for scene files, generated from the registry: every registered effect, hue field,
 * transform, shader, blend mode, mask, palette and custom scene by name, and each entry's parameters from its own
 * schema. Editors use it for completion and inline errors (`"$schema": "./scenes.schema.json"`); glyphreel itself
 * validates with the same schemas through validateProject, which also gives file/scene/field messages.
 */
export function projectJsonSchema(registry: Registry): Json {
  const $defs: Json = {};
  const defsFor = (kind: 'effects' | 'hues' | 'transforms' | 'shaders' | 'masks' | 'scenes' | 'transitions') => {
    const map: Record<string, string> = {};
    for (const e of registry.list(kind)) {
      const name = e.builtin ? e.name : e.qualifiedName;
      const def = `${kind}.${name.replace(/[^\w-]/g, '_')}`;
      $defs[def] = { ...toJsonSchema((e.def as { params: ParamSchema }).params), ...((e.def as { description?: string }).description ? { description: (e.def as { description?: string }).description } : {}) };
      map[name] = def;
    }
    return map;
  };
  const effects = defsFor('effects');
  const hues = defsFor('hues');
  const transforms = defsFor('transforms');
  const shaders = defsFor('shaders');
  const masks = defsFor('masks');
  const scenes = defsFor('scenes');
  const transitions = defsFor('transitions');
  const blends = registry.names('blends');
  const palettes = registry.names('palettes');
  const condition = {
    type: 'object',
    required: ['feature'],
    properties: { feature: { enum: [...CONDITION_FEATURES], description: 'an audio feature (rms, bass, beat, bdecay …) or, with --video, a video feature' }, gt: { type: 'number' }, gte: { type: 'number' }, lt: { type: 'number' }, lte: { type: 'number' } },
    additionalProperties: false,
  };
  const shaderList = { type: 'array', items: refOf(Object.keys(shaders), shaders) };
  const layer = {
    type: 'object',
    required: ['effect'],
    additionalProperties: false,
    properties: {
      effect: { enum: Object.keys(effects), description: 'a registered effect (glyphreel plugins)' },
      params: { type: 'object' },
      grid: { enum: ['xs', 'sm', 'md', 'lg', 'xl', 'xxl'] },
      palette: { anyOf: [{ enum: palettes }, { type: 'string', minLength: 1, not: { pattern: PALETTE_NAME_PATTERN }, description: 'a literal glyph ramp, dark to bright (a ramp of letters only starts with its space: " abc")' }] },
      hue: { anyOf: [{ type: 'number', minimum: 0, maximum: 1 }, refOf(Object.keys(hues), hues)] },
      saturation: { type: 'number', minimum: 0, maximum: 1 },
      threshold: { type: 'number', minimum: 0, maximum: 1 },
      blend: { enum: blends },
      opacity: { type: 'number', minimum: 0, maximum: 1 },
      mask: refOf(Object.keys(masks), masks),
      transform: refOf(Object.keys(transforms), transforms),
      post: { type: 'array', items: refOf(Object.keys(effects), effects) },
      when: condition,
    },
    allOf: Object.entries(effects).map(([name, def]) => ({ if: { properties: { effect: { const: name } } }, then: { properties: { params: { $ref: `#/$defs/${def}` } } } })),
  };
  const scene = {
    type: 'object',
    required: ['name', 'end'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
      start: { type: 'number', minimum: 0 },
      end: { type: 'number', minimum: 0 },
      grid: { enum: ['xs', 'sm', 'md', 'lg', 'xl', 'xxl'] },
      gamma: { type: 'number', minimum: 0.05, maximum: 4 },
      layers: { type: 'array', items: { $ref: '#/$defs/layer' }, minItems: 1 },
      scene: { enum: Object.keys(scenes) },
      params: { type: 'object' },
      shaders: shaderList,
      feedback: {
        oneOf: [
          { type: 'null' },
          {
            type: 'object',
            additionalProperties: false,
            properties: {
              decay: { type: 'number', minimum: 0, maximum: 1 },
              blend: { enum: blends },
              opacity: { type: 'number', minimum: 0, maximum: 1 },
              transform: { enum: ['zoom', 'shrink', 'rotate_cw', 'rotate_ccw', 'shift_up', 'shift_down', 'mirror_h', null] },
              transformAmt: { type: 'number', minimum: 0, maximum: 0.5 },
              hueShift: { type: 'number', minimum: 0, maximum: 1 },
            },
          },
        ],
      },
      extras: { type: 'array', items: { type: 'object', required: ['when'], additionalProperties: false, properties: { when: condition, shaders: shaderList } } },
      transition: {
        description: 'how the scene comes in: from the previous scene (black for the first) over its first `duration` seconds',
        oneOf: [
          { type: 'null' },
          { enum: Object.keys(transitions) },
          {
            type: 'object',
            required: ['name'],
            additionalProperties: false,
            properties: { name: { enum: Object.keys(transitions) }, params: { type: 'object' }, duration: { type: 'number', exclusiveMinimum: 0 } },
            allOf: Object.entries(transitions).map(([name, def]) => ({ if: { properties: { name: { const: name } } }, then: { properties: { params: { $ref: `#/$defs/${def}` } } } })),
          },
        ],
      },
    },
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'glyphreel scene file',
    type: 'object',
    required: ['scenes'],
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      version: { const: 1 },
      seed: { type: 'integer', minimum: 0, maximum: 4294967295 },
      bpm: { type: 'number', minimum: 20, maximum: 400 },
      plugins: { type: 'array', items: { type: 'string', minLength: 1 } },
      audio: { type: 'string', minLength: 1 },
      narration: { type: 'array', items: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'object', required: ['file'], additionalProperties: false, properties: { file: { type: 'string', minLength: 1 }, at: { type: 'number', minimum: 0 } } }] } },
      scenes: { type: 'array', items: { $ref: '#/$defs/scene' }, minItems: 1 },
    },
    $defs: { ...$defs, layer, scene },
  };
}
