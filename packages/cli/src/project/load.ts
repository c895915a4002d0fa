import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GlyphreelError } from '@glyphreel/core';

/**
 * Reads a scene file: `.json`, or a `.mjs`/`.js` module whose default export is the same shape (or a function
 * returning it, sync or async). Relative `audio` and `plugins` paths are made relative to the file's folder, so a
 * project renders the same from any working directory.
 */
export async function readSceneFile(file: string): Promise<unknown> {
  const abs = path.resolve(file);
  let raw: unknown;
  if (/\.(mjs|js|cjs)$/.test(abs)) {
    try {
      const mod = (await import(pathToFileURL(abs).href)) as { default?: unknown };
      raw = typeof mod.default === 'function' ? await (mod.default as () => unknown)() : mod.default;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes(abs)) {
        throw new GlyphreelError('E_INPUT', `Scene file ${file} does not exist`, { hint: 'check the path of the scene file' });
      }
      throw new GlyphreelError('E_INPUT', `Scene module ${file} failed to load: ${(e as Error).message.split('\n')[0]}`);
    }
    if (raw === undefined) throw new GlyphreelError('E_INPUT', `Scene module ${file} has no default export`, { hint: 'export default { scenes: [...] }' });
  } else {
    let text: string;
    try {
      text = await readFile(abs, 'utf8');
    } catch (e) {
      const code = (e as { code?: string }).code;
      throw new GlyphreelError('E_INPUT', code === 'ENOENT' ? `Scene file ${file} does not exist` : `Cannot read scene file ${file}: ${code ?? (e as Error).message}`, {
        hint: 'check the path of the scene file',
      });
    }
    try {
      raw = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      // A .yaml or .toml file is read as JSON too (there is one scene format): say which formats there are.
      const other = path.extname(abs).toLowerCase() !== '.json';
      throw new GlyphreelError('E_INPUT', `${file}: invalid JSON: ${jsonErrorWhere(text, (e as Error).message)}`, other ? { hint: 'scene files are JSON, or an .mjs module exporting the same object' } : {});
    }
  }
  return rebase(raw, path.dirname(abs));
}

/** "Unexpected token } in JSON at position 57" → "... (line 4, column 3)". */
function jsonErrorWhere(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return message;
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const col = pos - before.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '')} (line ${line}, column ${col})`;
}

function rebase(raw: unknown, dir: string): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const out = { ...(raw as Record<string, unknown>) };
  const local = (p: unknown) => (typeof p === 'string' && (p.startsWith('./') || p.startsWith('../')) ? path.resolve(dir, p) : p);
  if (typeof out.audio === 'string' && !path.isAbsolute(out.audio)) out.audio = path.resolve(dir, out.audio);
  if (Array.isArray(out.plugins)) out.plugins = out.plugins.map(local);
  const rel = (p: unknown) => (typeof p === 'string' && !path.isAbsolute(p) ? path.resolve(dir, p) : p);
  if (Array.isArray(out.narration)) {
    out.narration = out.narration.map((n) => (typeof n === 'string' ? rel(n) : typeof n === 'object' && n !== null ? { ...(n as object), file: rel((n as { file?: unknown }).file) } : n));
  }
  // Media that layers read (`video`, `image`, `lyrics` … take a `file` parameter) is relative to the scene file too.
  if (Array.isArray(out.scenes)) {
    out.scenes = out.scenes.map((sc) => {
      if (typeof sc !== 'object' || sc === null || !Array.isArray((sc as { layers?: unknown }).layers)) return sc;
      const layers = (sc as { layers: unknown[] }).layers.map((l) => {
        const params = (l as { params?: Record<string, unknown> })?.params;
        if (!params || typeof params.file !== 'string' || path.isAbsolute(params.file)) return l;
        return { ...(l as object), params: { ...params, file: path.resolve(dir, params.file) } };
      });
      return { ...(sc as object), layers };
    });
  }
  return out;
}
