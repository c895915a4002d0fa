import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GlyphreelError } from '@glyphreel/core';
import { resolvePlugin } from '../runtime/plugins.js';

/**
 * Reads a scene file: `.json`, or a `.mjs`/`.js` module whose default export is the same shape (or a function
 * returning it, sync or async). Relative `audio` and `plugins` paths are made relative to the file's folder, so a
 * project renders the same from any working directory.
 */
export async function readSceneFile(file: string): Promise<unknown> {
  const abs = path.resolve(file);
  let raw: unknown;
  if (/\.(mjs|js|cjs)$/.test(abs)) {
    // "does not exist" only for the scene file itself: a module it imports that is missing is a load failure.
    if (!existsSync(abs)) throw new GlyphreelError('E_INPUT', `Scene file ${file} does not exist`, { hint: 'check the path of the scene file' });
    try {
      const mod = (await import(pathToFileURL(abs).href)) as { default?: unknown };
      raw = typeof mod.default === 'function' ? await (mod.default as () => unknown)() : mod.default;
    } catch (e) {
      const code = (e as { code?: string }).code;
      const first = String(e instanceof Error ? e.message : e).split('\n')[0]!.replace(/^Error: /, '').replace(/^Cannot find (module|package) '([^']*)' (imported )?from .*$/, "Cannot find $1 '$2'");
      throw new GlyphreelError('E_INPUT', `Scene file ${file} failed to load: ${first}`, {
        hint: code === 'ERR_MODULE_NOT_FOUND' || /^Cannot find (module|package) /.test(first) ? 'check the import paths in the scene module' : 'fix the error in the scene module (run it with node to see the stack)',
        cause: e,
      });
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
      const { message, hint } = describeJsonError(text.replace(/^\uFEFF/, ''), (e as Error).message);
      // A .yaml or .toml file is read as JSON too (there is one scene format): say which formats there are.
      const other = path.extname(abs).toLowerCase() !== '.json';
      const h = other ? 'scene files are JSON, or an .mjs module exporting the same object' : hint;
      throw new GlyphreelError('E_INPUT', `${file}: invalid JSON: ${message}`, h ? { hint: h } : {});
    }
  }
  return rebase(raw, path.dirname(abs));
}

/**
 * JSON.parse's message with a line and column, and a hint for what people write by habit: Node 20 gives a position
 * for some errors only ("Unexpected token ']', "…" is not valid JSON" has none), so the offset is found by scanning.
 */
export function describeJsonError(text: string, parseMessage: string): { message: string; hint?: string } {
  const m = /at position (\d+)/.exec(parseMessage);
  const pos = m ? Number(m[1]) : jsonErrorOffset(text);
  let message = parseMessage.replace(/ in JSON at position \d+[\s\S]*$/, '').replace(/\n[\s\S]*$/, '');
  if (pos === undefined) return { message };
  // Without a position Node quotes the whole file ("Unexpected token ']', "…" is not valid JSON"): name the token.
  if (!m) message = pos >= text.length ? 'Unexpected end of JSON input' : `Unexpected token ${JSON.stringify(/^[\w.+-]+/.exec(text.slice(pos, pos + 40))?.[0] ?? text[pos])}`;
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const col = pos - before.lastIndexOf('\n');
  let hint: string | undefined;
  if (text.startsWith('//', pos) || text.startsWith('/*', pos)) {
    message = 'comments are not allowed';
    hint = 'JSON allows neither comments nor trailing commas: remove it, or write the scene file as .mjs (export default { … }), which can have both';
  } else if ((text[pos] === '}' || text[pos] === ']') && /,\s*$/.test(before)) {
    message = `trailing comma before "${text[pos]}"`;
    hint = 'JSON allows neither trailing commas nor comments: remove the comma, or write the scene file as .mjs (export default { … }), which can have both';
  }
  return { message: `${message} (line ${line}, column ${col})`, ...(hint ? { hint } : {}) };
}

/** The offset of the first syntax error in `text` (a strict JSON scanner), or undefined when it parses. */
function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const str = () => {
    if (text[i] !== '"') fail();
    i++;
    for (;;) {
      if (i >= text.length) fail();
      const c = text[i]!;
      if (c === '"') return void i++;
      if (c < ' ') fail();
      if (c === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 5;
        } else if (i < text.length && '"\\/bfnrt'.includes(text[i]!)) i++;
        else fail();
      } else i++;
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        str();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    }
    if (c === '"') return str();
    for (const lit of ['true', 'false', 'null']) if (text.startsWith(lit, i)) return void (i += lit.length);
    const n = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!n) fail();
    i += n![0].length;
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return undefined;
  } catch (e) {
    if (typeof e === 'number') return Math.min(e, text.length);
    throw e;
  }
}

function rebase(raw: unknown, dir: string): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const out = { ...(raw as Record<string, unknown>) };
  const local = (p: unknown) => (typeof p === 'string' && (p.startsWith('./') || p.startsWith('../')) ? path.resolve(dir, p) : p);
  if (typeof out.audio === 'string' && !path.isAbsolute(out.audio)) out.audio = path.resolve(dir, out.audio);
  // A package name is looked up from the scene file's folder first (a project with its own node_modules), then,
  // when not found there, from the working directory as before: the same file renders from any folder.
  const plugin = (p: unknown) => {
    if (typeof p !== 'string' || p.startsWith('./') || p.startsWith('../') || path.isAbsolute(p)) return local(p);
    return resolvePlugin(p, dir) ?? p;
  };
  if (Array.isArray(out.plugins)) out.plugins = out.plugins.map(plugin);
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
