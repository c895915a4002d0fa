import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';

// Every package publishes dist/, its README and package.json only (the CLI adds its bin launcher); tests, sources,
// tsbuildinfo and benchmarks stay out of the tarball.
const packagesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const names = readdirSync(packagesDir).filter((d) => {
  try {
    return JSON.parse(readFileSync(path.join(packagesDir, d, 'package.json'), 'utf8')).name.startsWith('@glyphreel/');
  } catch {
    return false;
  }
});
const run = promisify(execFile);

describe('npm pack', () => {
  it('finds the eight packages', () => {
    expect(names.sort()).toEqual(['cli', 'core', 'effects', 'encode', 'grid', 'hardware', 'inputs', 'shaders']);
  });

  it.each(names)('%s ships dist/, README.md and package.json only', async (name) => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: path.join(packagesDir, name),
      env: { ...process.env, npm_config_loglevel: 'error' },
    });
    const files: string[] = JSON.parse(stdout)[0].files.map((f: { path: string }) => f.path);
    const unexpected = files.filter(
      (f) => !(f.startsWith('dist/') || f === 'README.md' || f === 'package.json' || (name === 'cli' && f === 'bin/glyphreel.js')),
    );
    expect(unexpected).toEqual([]);
    expect(files).toContain('README.md');
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files.some((f) => /\.test\.|tsbuildinfo/.test(f))).toBe(false);
  }, 30000);
});

describe('version', () => {
  it('--version and the kept-segment record say the version package.json publishes', async () => {
    const { VERSION } = await import('./version.js');
    expect(VERSION).toBe(JSON.parse(readFileSync(path.join(packagesDir, 'cli', 'package.json'), 'utf8')).version);
  });
});
