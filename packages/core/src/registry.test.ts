import { describe, expect, it } from '@jest/globals';
import { GlyphreelError } from './errors.js';
import { defineCellEffect, defineShader, defineValueEffect, definePlugin, PLUGIN_API_VERSION, type Plugin } from './plugin.js';
import { Registry } from './registry.js';

const plasma = defineValueEffect({
  name: 'plasma',
  params: { speed: { type: 'number', default: 1, min: 0, max: 10, description: 'animation speed' } },
  fill(out) {
    out.fill(0.5);
  },
});
const bloom = defineShader({
  name: 'bloom',
  params: { thr: { type: 'integer', default: 130, min: 0, max: 255 } },
  apply() {},
});

function builtin(): Plugin {
  return definePlugin({ name: 'effects', version: '1.0.0', apiVersion: PLUGIN_API_VERSION, effects: [plasma], shaders: [bloom] });
}

function thrown(fn: () => unknown): GlyphreelError {
  try {
    fn();
  } catch (e) {
    if (e instanceof GlyphreelError) return e;
    throw e;
  }
  throw new Error('expected a GlyphreelError');
}

describe('Registry', () => {
  it('finds built-ins by bare and qualified name, third-party only by qualified name', () => {
    const reg = new Registry().register(builtin(), { builtin: true });
    const vhs = definePlugin({
      name: 'vhs',
      version: '0.1.0',
      apiVersion: 1,
      shaders: [defineShader({ name: 'tape-warp', params: {}, apply() {} })],
    });
    reg.register(vhs);
    expect(reg.get('effects', 'plasma').qualifiedName).toBe('effects/plasma');
    expect(reg.get('effects', 'effects/plasma').def).toBe(plasma);
    expect(reg.get('shaders', 'vhs/tape-warp').plugin).toBe('vhs');
    expect(reg.has('shaders', 'tape-warp')).toBe(false);
    expect(reg.names('shaders')).toEqual(['bloom', 'vhs/tape-warp']);
    expect(reg.list().map((e) => e.qualifiedName)).toEqual(['effects/plasma', 'effects/bloom', 'vhs/tape-warp']);
  });

  it('rejects an unknown name with a suggestion', () => {
    const reg = new Registry().register(builtin(), { builtin: true });
    const e = thrown(() => reg.get('shaders', 'blom'));
    expect(e.code).toBe('E_UNKNOWN');
    expect(e.message).toBe('Unknown shader "blom"');
    expect(e.hint).toContain('did you mean "bloom"');
    expect(e.exitCode).toBe(2);
    expect(thrown(() => reg.get('effects', 'zzzzzz')).hint).toContain('known: plasma');
  });

  it('rejects a plugin registered twice, and a third-party plugin named like a built-in with its own message', () => {
    const twice = new Registry().register(builtin());
    const e = thrown(() => twice.register(builtin()));
    expect(e.code).toBe('E_DUPLICATE');
    expect(e.message).toBe('Plugin "effects" is already registered');
    const reg = new Registry().register(builtin(), { builtin: true });
    const b = thrown(() => reg.register(builtin()));
    expect([b.code, b.message]).toEqual(['E_DUPLICATE', 'Plugin name "effects" belongs to a built-in plugin']);
    expect(b.hint).toContain('rename the plugin');
  });

  it('rejects two entries of one kind with one name in a plugin', () => {
    const e = thrown(() =>
      new Registry().register(definePlugin({ name: 'dup', version: '1', apiVersion: 1, effects: [plasma, plasma] })),
    );
    expect(e.code).toBe('E_DUPLICATE');
    expect(e.message).toBe('Plugin "dup" defines the effect "plasma" twice');
  });

  it('rejects a bare name that another built-in already owns, and adds nothing of the failing plugin', () => {
    const reg = new Registry().register(builtin(), { builtin: true });
    const other = definePlugin({
      name: 'more',
      version: '1',
      apiVersion: 1,
      shaders: [defineShader({ name: 'glow', params: {}, apply() {} })],
      effects: [plasma],
    });
    const e = thrown(() => reg.register(other, { builtin: true }));
    expect(e.code).toBe('E_DUPLICATE');
    expect(e.message).toContain('"plasma" of plugin "more" is already registered by "effects"');
    expect(reg.has('shaders', 'more/glow')).toBe(false);
    expect(reg.plugins()).toHaveLength(1);
  });

  it('checks apiVersion', () => {
    const e = thrown(() => new Registry().register({ name: 'old', version: '1', apiVersion: 0 }));
    expect(e.code).toBe('E_API_VERSION');
    expect(e.message).toBe('Plugin "old" needs plugin API 0, but this @glyphreel/core supports 1');
    expect(thrown(() => new Registry().register({ name: 'new', version: '1', apiVersion: 99 })).code).toBe('E_API_VERSION');
  });

  it('rejects malformed plugins and entries', () => {
    const reg = new Registry();
    expect(thrown(() => reg.register(null as unknown as Plugin)).code).toBe('E_PLUGIN');
    expect(thrown(() => reg.register({ name: 'Bad Name', version: '1', apiVersion: 1 })).message).toContain('Plugin name "Bad Name" is invalid');
    expect(thrown(() => reg.register({ name: 'nover', version: '', apiVersion: 1 })).message).toBe('Plugin "nover" has no version string');
    const badEntry = { name: 'x', version: '1', apiVersion: 1, effects: [{ name: 'Plasma!', kind: 'value', params: {}, fill() {} }] };
    expect(thrown(() => reg.register(badEntry as unknown as Plugin)).message).toContain('effect name "Plasma!" is invalid');
    const noFn = { name: 'x', version: '1', apiVersion: 1, shaders: [{ name: 'nofn', params: {} }] };
    expect(thrown(() => reg.register(noFn as unknown as Plugin)).message).toBe('Plugin "x": shader "nofn" has no apply() function');
    const noKind = { name: 'x', version: '1', apiVersion: 1, effects: [{ name: 'k', params: {}, fill() {} }] };
    expect(thrown(() => reg.register(noKind as unknown as Plugin)).message).toContain('needs kind "value" or "cells"');
    const noParams = { name: 'x', version: '1', apiVersion: 1, shaders: [{ name: 'np', apply() {} }] };
    expect(thrown(() => reg.register(noParams as unknown as Plugin)).message).toContain('has no params schema');
    const notArray = { name: 'x', version: '1', apiVersion: 1, shaders: {} };
    expect(thrown(() => reg.register(notArray as unknown as Plugin)).message).toBe('Plugin "x": "shaders" must be an array');
    const badDefault = {
      name: 'x', version: '1', apiVersion: 1,
      shaders: [{ name: 'bd', params: { amt: { type: 'number', default: 5, min: 0, max: 1 } }, apply() {} }],
    };
    const e = thrown(() => reg.register(badDefault as unknown as Plugin));
    expect(e.code).toBe('E_PLUGIN');
    expect(e.message).toContain('the default of parameter "amt" is invalid');
    expect(reg.plugins()).toHaveLength(0);
  });

  it('resolves params: defaults filled, bad values rejected naming plugin, entry, parameter, value and range', () => {
    const reg = new Registry().register(builtin(), { builtin: true });
    expect(reg.resolve('shaders', 'bloom').params).toEqual({ thr: 130 });
    expect(reg.resolve('shaders', 'bloom', { thr: 90 }).params).toEqual({ thr: 90 });
    const e = thrown(() => reg.resolve('shaders', 'bloom', { thr: 300 }));
    expect(e.code).toBe('E_PARAM');
    expect(e.message).toBe('effects/bloom (shader): parameter "thr" = 300 is invalid; expected an integer in [0, 255]');
    const u = thrown(() => reg.resolve('effects', 'plasma', { sped: 2 }));
    expect(u.message).toBe('effects/plasma (effect): unknown parameter "sped"');
    expect(u.hint).toBe('known parameters: speed');
  });

  it('resolves palettes by name, else as literal glyphs', () => {
    const reg = new Registry().register(
      definePlugin({ name: 'grid', version: '1', apiVersion: 1, palettes: [{ name: 'dense', glyphs: ' .:#' }] }),
      { builtin: true },
    );
    expect(reg.palette('dense')).toBe(' .:#');
    expect(reg.palette('Dense')).toBe(' .:#');
    expect(reg.palette(' ░▒▓█')).toBe(' ░▒▓█');
    // Anything that is not a name is a ramp: spaces, punctuation, digits first, non-ASCII.
    for (const ramp of [' abc', '01', '.:-=+*#', 'ab c', '#x', 'ﾊﾐﾋ']) expect(reg.palette(ramp)).toBe(ramp);
  });

  it('refuses a palette that reads as a name but is not registered (a typo would draw its own letters)', () => {
    const reg = new Registry()
      .register(definePlugin({ name: 'grid', version: '1', apiVersion: 1, palettes: [{ name: 'dense', glyphs: ' .:#' }] }), { builtin: true })
      .register(definePlugin({ name: 'neon', version: '1', apiVersion: 1, palettes: [{ name: 'tubes', glyphs: ' -=' }] }));
    const e = thrown(() => reg.palette('dnese'));
    expect([e.code, e.exitCode, e.message]).toEqual(['E_UNKNOWN', 2, 'Unknown palette "dnese"']);
    expect(e.hint).toBe('did you mean "dense"? A ramp of these letters is written with its leading space: " dnese"');
    expect(thrown(() => reg.palette('abc')).hint).toContain('known: dense, neon/tubes');
    expect(thrown(() => reg.palette('neon/tubez')).message).toBe('Unknown palette "neon/tubez"');
    expect(reg.palette('neon/tubes')).toBe(' -=');
    expect(reg.palette(' abc')).toBe(' abc');
  });

  it('resolves palette parameters to their glyphs, plugin palettes included, and names the parameter of a bad one', () => {
    const rain = defineCellEffect({ name: 'rain', description: 'test', params: { glyphs: { type: 'palette', default: 'dense' } }, draw() {} });
    const reg = new Registry()
      .register(definePlugin({ name: 'fx', version: '1', apiVersion: 1, effects: [rain], palettes: [{ name: 'dense', glyphs: ' .:#' }] }), { builtin: true })
      .register(definePlugin({ name: 'neon', version: '1', apiVersion: 1, palettes: [{ name: 'tubes', glyphs: ' -=' }] }));
    expect(reg.resolve('effects', 'rain').params).toEqual({ glyphs: ' .:#' });
    expect(reg.resolve('effects', 'rain', { glyphs: 'neon/tubes' }).params).toEqual({ glyphs: ' -=' });
    expect(reg.resolve('effects', 'rain', { glyphs: ' xy' }).params).toEqual({ glyphs: ' xy' });
    const e = thrown(() => reg.resolve('effects', 'rain', { glyphs: 'tubes' }));
    expect([e.code, e.message]).toEqual(['E_UNKNOWN', 'fx/rain (effect): parameter "glyphs": Unknown palette "tubes"']);
    expect(e.hint).toContain('known: dense, neon/tubes');
  });
});

describe('Registry: plugin author mistakes', () => {
  const waves = defineValueEffect({ name: 'waves', params: {}, fill() {} });
  const invert = defineShader({ name: 'invert', params: {}, apply() {} });

  it('says a plugin without apiVersion needs one, and that a string apiVersion must be a number', () => {
    const none = thrown(() => new Registry().register({ name: 'bad', version: '0.1.0', effects: [waves] } as unknown as Plugin));
    expect([none.code, none.toLine()]).toEqual(['E_PLUGIN', 'Plugin "bad" has no apiVersion (add apiVersion: PLUGIN_API_VERSION from @glyphreel/core)']);
    const str = thrown(() => new Registry().register({ name: 'bad', version: '0.1.0', apiVersion: '1', effects: [waves] } as unknown as Plugin));
    expect([str.code, str.toLine()]).toEqual([
      'E_PLUGIN',
      'Plugin "bad" has apiVersion "1", which is not a number (write apiVersion: PLUGIN_API_VERSION from @glyphreel/core, the number 1)',
    ]);
    expect(thrown(() => new Registry().register({ name: 'bad', version: '0.1.0', apiVersion: 2 } as Plugin)).code).toBe('E_API_VERSION');
  });

  it('names a parameter schema mistake when the plugin registers, and adds nothing', () => {
    const reg = new Registry();
    const bad = defineValueEffect({ name: 'waves', params: { freq: { type: 'float', default: 1 } } as never, fill() {} });
    const e = thrown(() => reg.register(definePlugin({ name: 'bad', version: '1', apiVersion: 1, effects: [bad] })));
    expect([e.code, e.message]).toEqual(['E_PLUGIN', 'bad/waves (effect): parameter "freq" has unknown type "float"']);
    expect(reg.plugins()).toEqual([]);
  });

  it('suggests the prefixed name of a plugin entry written without its plugin name', () => {
    const reg = new Registry().register(builtin(), { builtin: true }).register(definePlugin({ name: 'mine', version: '1', apiVersion: 1, effects: [waves], shaders: [invert] }));
    const e = thrown(() => reg.get('effects', 'waves'));
    expect([e.code, e.toLine()]).toEqual(['E_UNKNOWN', `Unknown effect "waves" (did you mean mine/waves? plugin entries carry their plugin's name)`]);
    expect(thrown(() => reg.get('effects', 'other/waves')).hint).toBe(`did you mean mine/waves? plugin entries carry their plugin's name`);
    expect(reg.suggest('waves')).toBe(`did you mean mine/waves? plugin entries carry their plugin's name`);
  });

  it('says when the name is another kind of entry', () => {
    const reg = new Registry().register(builtin(), { builtin: true }).register(definePlugin({ name: 'mine', version: '1', apiVersion: 1, shaders: [invert] }));
    expect(thrown(() => reg.get('effects', 'mine/invert')).toLine()).toBe('Unknown effect "mine/invert" (mine/invert is a shader, not an effect; glyphreel plugins lists the effects)');
    expect(thrown(() => reg.get('effects', 'invert')).hint).toBe('mine/invert is a shader, not an effect; glyphreel plugins lists the effects');
    expect(thrown(() => reg.get('shaders', 'plasma')).hint).toBe('plasma is an effect, not a shader; glyphreel plugins lists the shaders');
  });
});
