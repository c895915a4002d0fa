import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { GlyphreelError } from '@glyphreel/core';

/** Whether `pattern` has glob syntax (`*`, `?` or a `[…]` class) in its last path segment. */
export function isGlob(pattern: string): boolean {
  return /[*?[]/.test(path.basename(pattern));
}

function globRegex(base: string): RegExp {
  let re = '';
  for (let i = 0; i < base.length; i++) {
    const c = base[i] as string;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = base.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        const body = base.slice(i + 1, end).replace(/\\/g, '\\\\');
        re += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

// Made on first use: a Collator costs ≈ 7 ms to create (ICU data), paid by every worker thread that imports the
// package otherwise.
let collator: Intl.Collator | undefined;

/**
 * The files a sequence pattern names, in natural order (`shot2` before `shot10`; with zero-padded names this is the
 * reference's plain sorted order). Wildcards are honoured in the file name only (`shots/*.jpg`, `f_??.png`,
 * `img[0-9].png`), not in directory names; hidden files match only a pattern that starts with a dot. A pattern
 * without wildcards is returned as is. Throws E_INPUT when the directory is missing or nothing matches.
 */
export function expandSequence(pattern: string): string[] {
  if (!isGlob(pattern)) return [pattern];
  const dir = path.dirname(pattern);
  const base = path.basename(pattern);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new GlyphreelError('E_INPUT', `Cannot read image sequence "${pattern}": no such directory ${dir}`, {
      hint: 'check the folder part of the pattern (wildcards work in the file name only; quote the pattern so the shell does not expand it)',
    });
  }
  const re = globRegex(base);
  const out = names
    .filter((n) => re.test(n) && (base.startsWith('.') || !n.startsWith('.')))
    .map((n) => path.join(dir, n))
    .filter((p) => {
      try {
        return statSync(p).isFile();
      } catch {
        return false;
      }
    })
    .sort((a, b) => (collator ??= new Intl.Collator('en', { numeric: true, sensitivity: 'variant' })).compare(a, b));
  if (out.length === 0) throw new GlyphreelError('E_INPUT', `Cannot read image sequence "${pattern}": no files match`, { hint: 'check the pattern; wildcards work in the file name only' });
  return out;
}
