import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { GlyphreelError } from '@glyphreel/core';
import { fileURLToPath } from 'node:url';
import { buildRegistry, loadPlugin } from './plugins.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'glyphreel-plugins-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const body = (name: string) =>
  `{ name: '${name}', version: '1.0.0', apiVersion: 1, shaders: [{ name: 'tint', params: {}, apply(frame) { frame.data.fill(7); } }] }`;
writeFileSync(path.join(dir, 'local.mjs'), `export default ${body('local')};\n`);
writeFileSync(path.join(dir, 'named.mjs'), `export const thePlugin = ${body('named')};\nexport const helper = 3;\n`);
writeFileSync(path.join(dir, 'empty.mjs'), 'export const x = 1;\n');
writeFileSync(path.join(dir, 'broken.mjs'), "throw new Error('boom at load');\n");
for (const [pkg, exportsField] of [
  ['glyphreel-plugin-vhs', { '.': { import: './index.mjs' } }],
  ['plainpkg', './index.mjs'],
] as const) {
  const pdir = path.join(dir, 'node_modules', pkg);
  mkdirSync(pdir, { recursive: true });
  writeFileSync(path.join(pdir, 'package.json'), JSON.stringify({ name: pkg, type: 'module', exports: exportsField }));
  writeFileSync(path.join(pdir, 'index.mjs'), `export default ${body(pkg === 'plainpkg' ? 'plain' : 'vhs')};\n`);
}

// Plugin folders, loaded like packages: exports (".", import condition), main, or index.js.
for (const [folder, files, pj] of [
  ['folder-exports', { 'src/index.js': 'fexports' }, { type: 'module', exports: { '.': { import: './src/index.js', require: './nope.cjs' } }, main: './wrong.js' }],
  ['folder-main', { 'lib/entry.mjs': 'fmain' }, { main: './lib/entry.mjs' }],
  ['folder-index', { 'index.js': 'findex' }, { type: 'module' }],
  ['folder-bare', { 'index.mjs': 'fbare' }, undefined],
  ['folder-empty', {}, { name: 'nothing' }],
] as const) {
  const fdir = path.join(dir, folder);
  mkdirSync(fdir, { recursive: true });
  if (pj) writeFileSync(path.join(fdir, 'package.json'), JSON.stringify(pj));
  for (const [file, name] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(fdir, file)), { recursive: true });
    writeFileSync(path.join(fdir, file), `export default ${body(name)};\n`);
  }
}
writeFileSync(path.join(dir, 'effects.mjs'), `export default ${body('effects')};\n`);
writeFileSync(path.join(dir, 'local-again.mjs'), `export default ${body('local')};\n`);

async function failure(spec: string): Promise<GlyphreelError> {
  try {
    await loadPlugin(spec, dir);
  } catch (e) {
    if (e instanceof GlyphreelError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('loadPlugin', () => {
  it('loads a module path relative to cwd', async () => {
    const p = await loadPlugin('./local.mjs', dir);
    expect(p.plugin.name).toBe('local');
    expect(p.file).toBe(path.join(dir, 'local.mjs'));
  });
  it('takes the only plugin-shaped named export', async () => {
    expect((await loadPlugin('./named.mjs', dir)).plugin.name).toBe('named');
  });
  it('resolves a package, and a bare name through glyphreel-plugin-<name> (ESM-only exports map)', async () => {
    expect((await loadPlugin('plainpkg', dir)).plugin.name).toBe('plain');
    const vhs = await loadPlugin('vhs', dir);
    expect(vhs.plugin.name).toBe('vhs');
    expect(vhs.file).toBe(path.join(dir, 'node_modules', 'glyphreel-plugin-vhs', 'index.mjs'));
  });
  it('explains what it tried when nothing is found', async () => {
    const e = await failure('nosuch');
    expect(e.message).toBe(`Cannot find plugin "nosuch" (tried nosuch, glyphreel-plugin-nosuch from ${dir})`);
    expect(e.hint).toBe('install it (npm i glyphreel-plugin-nosuch) or give a path to the module');
    // A module that is not there is a missing input (exit 2); one that loads but is broken is E_PLUGIN (exit 1).
    expect([e.code, e.exitCode]).toEqual(['E_INPUT', 2]);
    expect((await failure('./missing.mjs')).message).toContain(`tried ${path.join(dir, 'missing.mjs')}`);
  });
  it('reports a module without a plugin and one that fails to load', async () => {
    expect((await failure('./empty.mjs')).message).toBe('Module "./empty.mjs" does not export a plugin');
    const broken = await failure('./broken.mjs');
    expect(broken.message).toBe('Plugin "./broken.mjs" failed to load: boom at load');
    expect([broken.code, broken.exitCode]).toEqual(['E_PLUGIN', 1]);
  });
});

describe('plugin folders', () => {
  it.each([
    ['./folder-exports', 'src/index.js', 'fexports'],
    ['./folder-main', 'lib/entry.mjs', 'fmain'],
    ['./folder-index', 'index.js', 'findex'],
    [path.join(dir, 'folder-bare'), 'index.mjs', 'fbare'],
  ])('loads %s like a package (its %s)', async (spec, file, name) => {
    const p = await loadPlugin(spec, dir);
    expect(p.plugin.name).toBe(name);
    expect(p.file).toBe(path.join(dir, path.basename(spec), file));
  });
  it('says what a folder without an entry module needs', async () => {
    const e = await failure('./folder-empty');
    expect([e.code, e.exitCode, e.message]).toEqual(['E_INPUT', 2, `Plugin folder ${path.join(dir, 'folder-empty')} has no entry module`]);
    expect(e.hint).toContain('"exports" or "main"');
  });
  it('loads the example plugin from its folder, as its README shows', async () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
    const p = await loadPlugin('./examples/glyphreel-plugin-example', root);
    expect(p.plugin.name).toBe('example');
    expect(p.file).toBe(path.join(root, 'examples/glyphreel-plugin-example/src/index.js'));
  });
});

describe('buildRegistry', () => {
  it('loads a module given twice once: the scene file absolute path and --plugin as typed, a folder and its entry', async () => {
    const reg = await buildRegistry([path.join(dir, 'local.mjs'), './local.mjs', './folder-index', './folder-index/index.js'], dir);
    expect(reg.plugins().filter((p) => !p.builtin).map((p) => p.plugin.name)).toEqual(['local', 'findex']);
    expect(reg.has('shaders', 'local/tint')).toBe(true);
  });
  it('still refuses two different modules with the same plugin name', async () => {
    const e = (await buildRegistry(['./local.mjs', './local-again.mjs'], dir).catch((x: unknown) => x)) as GlyphreelError;
    expect([e.code, e.message]).toEqual(['E_DUPLICATE', 'Plugin "local" is already registered']);
  });
  it('tells a plugin named like a built-in to rename itself', async () => {
    const e = (await buildRegistry(['./effects.mjs'], dir).catch((x: unknown) => x)) as GlyphreelError;
    expect([e.code, e.exitCode, e.message]).toEqual(['E_DUPLICATE', 1, 'Plugin name "effects" belongs to a built-in plugin']);
    expect(e.hint).toContain('rename the plugin');
    expect(e.hint).not.toContain('list each plugin once');
  });
});

describe('scene-file plugins by package name', () => {
  it('are found from the scene file\'s folder, so the project renders from any working directory', async () => {
    const { prepareProject } = await import('../render/unit.js');
    const project = path.join(dir, 'project-with-modules');
    const pkg = path.join(project, 'node_modules', 'glyphreel-plugin-nearby');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'glyphreel-plugin-nearby', version: '1.0.0', type: 'module', exports: './index.mjs' }));
    writeFileSync(
      path.join(pkg, 'index.mjs'),
      `export default { name: 'nearby', version: '1.0.0', apiVersion: 1, effects: [{ name: 'flat', kind: 'value', description: 'flat', params: {}, pure: true, fill(out) { out.fill(0.5); } }] };\n`,
    );
    const file = path.join(project, 'scenes.json');
    writeFileSync(file, JSON.stringify({ plugins: ['nearby'], scenes: [{ name: 'a', end: 1, layers: [{ effect: 'nearby/flat' }] }] }));
    // From the filesystem root, where no node_modules holds it.
    const { registry, project: spec } = await prepareProject({ file }, [], path.parse(dir).root);
    expect(registry.has('effects', 'nearby/flat')).toBe(true);
    expect(spec.scenes[0]!.layers[0]!.effect.name).toBe('nearby/flat');
    // Not there either: the working directory is tried as before, and the error says so.
    writeFileSync(file, JSON.stringify({ plugins: ['faraway'], scenes: [{ name: 'a', end: 1, layers: [{ effect: 'plasma' }] }] }));
    await expect(prepareProject({ file }, [], path.parse(dir).root)).rejects.toThrow('Cannot find plugin "faraway" (tried faraway, glyphreel-plugin-faraway from /)');
  });
});

describe('plugin modules with a missing or wrong apiVersion', () => {
  const effect = "effects: [{ name: 'waves', kind: 'value', params: {}, fill(o) { o.fill(0.5); } }]";
  writeFileSync(path.join(dir, 'noapi.mjs'), `export default { name: 'bad', version: '0.1.0', ${effect} };\n`);
  writeFileSync(path.join(dir, 'apistr.mjs'), `export default { name: 'bad', version: '0.1.0', apiVersion: '1', ${effect} };\n`);

  it('are loaded, and registering them says what to fix rather than "does not export a plugin"', async () => {
    const none = await buildRegistry(['./noapi.mjs'], dir).catch((e: unknown) => e as GlyphreelError);
    expect(none).toBeInstanceOf(GlyphreelError);
    expect([(none as GlyphreelError).code, (none as GlyphreelError).toLine()]).toEqual([
      'E_PLUGIN',
      'Plugin "bad" has no apiVersion (add apiVersion: PLUGIN_API_VERSION from @glyphreel/core)',
    ]);
    const str = (await buildRegistry(['./apistr.mjs'], dir).catch((e: unknown) => e)) as GlyphreelError;
    expect(str.message).toBe('Plugin "bad" has apiVersion "1", which is not a number');
  });
});
