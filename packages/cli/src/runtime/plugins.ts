import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENTRY_KINDS, GlyphreelError, Registry, type Plugin } from '@glyphreel/core';

/**
 * The built-in plugins, loaded through the same path as third-party ones. Worker threads rebuild their registry
 * from these specifiers plus the user's: functions never cross a thread boundary.
 */
export const BUILTIN_PLUGINS: readonly string[] = ['@glyphreel/grid', '@glyphreel/effects', '@glyphreel/shaders', '@glyphreel/inputs'];

export interface LoadedPlugin {
  plugin: Plugin;
  specifier: string;
  /** The file it came from. */
  file: string;
}

/**
 * A named object with an apiVersion or entry lists. One with entries but no (or a wrong) apiVersion counts, so that
 * registering it says what is missing rather than "does not export a plugin".
 */
function looksLikePlugin(x: unknown): x is Plugin {
  if (typeof x !== 'object' || x === null || typeof (x as Plugin).name !== 'string') return false;
  return 'apiVersion' in x || ENTRY_KINDS.some((k) => Array.isArray((x as Record<string, unknown>)[k]));
}

function isPathLike(spec: string): boolean {
  return spec.startsWith('.') || path.isAbsolute(spec) || /\.(m?js|cjs)$/.test(spec) || spec.includes('\\');
}

/**
 * The entry module of a package folder, as Node's ESM loader picks it: `exports` (its "." entry, the "import"
 * condition, else "default"), else `module`, else `main`, else index.js (or index.mjs). Undefined when none exists.
 */
export function packageEntry(pkgDir: string): string | undefined {
  const pj = path.join(pkgDir, 'package.json');
  let pkg: Record<string, unknown> = {};
  if (existsSync(pj)) {
    try {
      pkg = JSON.parse(readFileSync(pj, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw new GlyphreelError('E_PLUGIN', `${pj} is not valid JSON: ${(e as Error).message.split('\n')[0]}`, { hint: 'fix the package.json of the plugin' });
    }
  }
  const pick = (x: unknown): string | undefined => {
    if (typeof x === 'string') return x;
    if (Array.isArray(x)) return x.map(pick).find((v) => v !== undefined);
    if (typeof x === 'object' && x !== null) {
      const o = x as Record<string, unknown>;
      return pick(o.import) ?? pick(o.node) ?? pick(o.default);
    }
    return undefined;
  };
  const exp = pkg.exports;
  // An exports map keyed by subpaths ("." / "./x") or by conditions ("import" / "default") directly.
  const dot = typeof exp === 'object' && exp !== null && !Array.isArray(exp) && Object.keys(exp).some((k) => k.startsWith('.')) ? (exp as Record<string, unknown>)['.'] : exp;
  const candidates = [pick(dot), typeof pkg.module === 'string' ? pkg.module : undefined, typeof pkg.main === 'string' ? pkg.main : undefined, 'index.js', 'index.mjs'];
  for (const c of candidates) {
    if (c === undefined) continue;
    const file = path.resolve(pkgDir, c);
    if (existsSync(file) && statSync(file).isFile()) return file;
    // `main` may omit the extension ("./lib/index"), as CommonJS resolution allows.
    for (const ext of ['.js', '.mjs', '/index.js']) if (existsSync(file + ext) && statSync(file + ext).isFile()) return file + ext;
  }
  return undefined;
}

/** Resolves a package name from `cwd` like Node would, also for ESM-only packages (an "import"-only exports map). */
function resolvePackage(name: string, cwd: string): string | undefined {
  try {
    return createRequire(path.join(cwd, '__glyphreel__.js')).resolve(name);
  } catch {
    // fall through to a manual lookup for exports maps without a "require"/"default" condition
  }
  let dir = cwd;
  for (;;) {
    const pkgDir = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(pkgDir, 'package.json'))) return packageEntry(pkgDir);
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** The file a plugin specifier loads, or undefined; `tried` collects what was looked at, for the error message. */
export function resolvePlugin(specifier: string, cwd: string, tried: string[] = []): string | undefined {
  if (isPathLike(specifier)) {
    const p = path.resolve(cwd, specifier);
    tried.push(p);
    if (!existsSync(p)) return undefined;
    // A folder is loaded like a package: Node's ESM loader does not import directories.
    return statSync(p).isDirectory() ? packageEntry(p) : p;
  }
  const candidates = /^[a-z0-9][\w.-]*$/i.test(specifier) && !specifier.startsWith('glyphreel-plugin-') ? [specifier, `glyphreel-plugin-${specifier}`] : [specifier];
  for (const c of candidates) {
    tried.push(c);
    const file = resolvePackage(c, cwd);
    if (file) return file;
  }
  return undefined;
}

/**
 * Loads one plugin from a module specifier: a path (relative to `cwd`), or a package name; a bare name `foo` also
 * tries `glyphreel-plugin-foo`. The module's default export, its `plugin` export, or its only plugin-shaped export
 * is the plugin.
 */
export async function loadPlugin(specifier: string, cwd = process.cwd()): Promise<LoadedPlugin> {
  const tried: string[] = [];
  const file = resolvePlugin(specifier, cwd, tried);
  const isDir = isPathLike(specifier) && existsSync(path.resolve(cwd, specifier)) && statSync(path.resolve(cwd, specifier)).isDirectory();
  if (!file) {
    if (isDir) {
      throw new GlyphreelError('E_INPUT', `Plugin folder ${tried[0]} has no entry module`, {
        hint: 'give it a package.json with "exports" or "main", or an index.js, or pass the module file itself',
      });
    }
    throw new GlyphreelError('E_INPUT', `Cannot find plugin "${specifier}" (tried ${tried.join(', ')} from ${cwd})`, {
      hint: isPathLike(specifier) ? 'check the path' : `install it (npm i ${tried[tried.length - 1]}) or give a path to the module`,
    });
  }
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw new GlyphreelError('E_PLUGIN', `Plugin "${specifier}" failed to load: ${first}`, { hint: `file ${file}`, cause: e });
  }
  const candidates = [mod.default, mod.plugin].filter(looksLikePlugin);
  const named = Object.values(mod).filter(looksLikePlugin);
  const plugin = candidates[0] ?? (new Set(named).size === 1 ? named[0] : undefined);
  if (!plugin) {
    throw new GlyphreelError('E_PLUGIN', `Module "${specifier}" does not export a plugin`, {
      hint: 'export default definePlugin({ name, version, apiVersion, … }) from @glyphreel/core',
    });
  }
  return { plugin, specifier, file };
}

/**
 * A registry with the built-ins (bare names) and the user's plugins (namespaced), from module specifiers only. The
 * same module given twice (a scene file's "plugins" entry, made absolute, and `--plugin ./same.mjs` as typed, or a
 * folder and its entry file) is loaded once: specifiers are compared by the file they resolve to.
 */
export async function buildRegistry(specifiers: readonly string[] = [], cwd = process.cwd()): Promise<Registry> {
  const registry = new Registry();
  for (const spec of BUILTIN_PLUGINS) {
    const { plugin } = await loadPlugin(spec, path.dirname(new URL(import.meta.url).pathname));
    registry.register(plugin, { builtin: true });
  }
  const seen = new Set<string>();
  for (const spec of specifiers) {
    const file = resolvePlugin(spec, cwd);
    if (file !== undefined) {
      let key = file;
      try {
        key = realpathSync(file);
      } catch {
        // keep the resolved path
      }
      if (seen.has(key)) continue;
      seen.add(key);
    }
    registry.register((await loadPlugin(spec, cwd)).plugin);
  }
  return registry;
}
