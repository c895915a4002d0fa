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

describe('package entry', () => {
  it('exports the zero-config planner the README documents, and the other documented API', async () => {
    // src/index.ts is what dist/index.js (the package's "exports") is built from.
    const entry = (await import('./index.js')) as Record<string, unknown>;
    for (const name of ['planFromAudio', 'autoPlan', 'autoPlanDetailed', 'describePlan', 'renderVideo', 'planRender', 'demoProject', 'projectJsonSchema', 'reportError', 'infoReport', 'buildProgram', 'benchProject', 'runBench', 'runCli', 'joinShards']) {
      expect([name, typeof entry[name]]).toEqual([name, 'function']);
    }
    expect(typeof entry.VERSION).toBe('string');
    expect(Array.isArray(entry.BUILTIN_PLUGINS)).toBe(true);
    const pkg = JSON.parse(readFileSync(path.join(packagesDir, 'cli', 'package.json'), 'utf8'));
    expect(JSON.stringify(pkg.exports ?? pkg.main)).toContain('dist/index.js');
  });

  it('describePlan from the entry reads an autoPlan plan', async () => {
    const { autoPlan, describePlan, buildRegistry } = await import('./index.js');
    const { syntheticFeatureTable } = await import('@glyphreel/inputs');
    const fps = 12;
    const frames = 12 * 8;
    const table = syntheticFeatureTable(frames, fps, 120);
    const project = autoPlan(table, { fps, durationS: frames / fps, registry: await buildRegistry(), seed: 1 });
    expect(describePlan(project).length).toBeGreaterThan(0);
  });
});
