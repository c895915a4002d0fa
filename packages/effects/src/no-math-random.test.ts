import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = path.dirname(fileURLToPath(import.meta.url));
const FORBIDDEN = 'Math' + '.random';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(p));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

describe('reproducibility', () => {
  it(`no source file under src uses ${FORBIDDEN} (every draw comes from ctx.rng or a seeded Rng)`, () => {
    const files = sources(SRC);
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((f) => readFileSync(f, 'utf8').includes(FORBIDDEN)).map((f) => path.relative(SRC, f));
    expect(offenders).toEqual([]);
  });
});
