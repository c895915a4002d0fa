import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { runCli } from './program.js';
import { renderVideo } from './render/render.js';
import type { Io } from './cli-errors.js';

function capture(): Io & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { outLines, errLines, out: (l) => outLines.push(...l.split('\n')), err: (l) => errLines.push(...l.split('\n')) };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'glyphreel-program-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('help', () => {
  it.each(['render', 'list', 'info', 'join'])('%s --help lists the global --verbose', async (command) => {
    const io = capture();
    expect(await runCli([command, '--help'], io)).toBe(0);
    const help = io.outLines.join('\n');
    expect(help).toMatch(/Global Options:[\s\S]*--verbose/);
  });

  it('plugins --help gives examples that exist', async () => {
    const io = capture();
    expect(await runCli(['plugins', '--help'], io)).toBe(0);
    const help = io.outLines.join(' ').replace(/\s+/g, ' ');
    expect(help).not.toContain('vhs/tape-warp');
    expect(help).toContain('example/stripes');
    for (const name of ['bloom', 'plasma']) {
      const d = capture();
      expect(await runCli(['plugins', '--describe', name], d)).toBe(0);
    }
    const d = capture();
    expect(await runCli(['plugins', '--plugin', path.resolve('../../examples/glyphreel-plugin-example'), '--describe', 'example/stripes'], d)).toBe(0);
  });
});

describe('singular counts', () => {
  it('list says "1 scene"', async () => {
    const f = path.join(dir, 'one.json');
    writeFileSync(f, JSON.stringify({ scenes: [{ name: 'a', end: 1, layers: [{ effect: 'plasma' }] }] }));
    const io = capture();
    expect(await runCli(['list', f, '--fps', '12', '--resolution', '320x180'], io)).toBe(0);
    expect(io.outLines[0]).toBe('1 scene, 1 s at 12 fps (320x180)');
  });

  it('the Plan: line says "1 unit" and "1 thread"', async () => {
    const logs: string[] = [];
    await renderVideo({
      output: path.join(dir, 'none'),
      format: 'none',
      source: { raw: { scenes: [{ name: 'a', end: 0.5, layers: [{ effect: 'plasma' }] }] }, label: 'one' },
      resolution: '64x36',
      fps: 12,
      workers: 1,
      quality: 'draft',
      onLog: (l) => logs.push(l),
    });
    const plan = logs.find((l) => l.startsWith('Plan: '));
    expect(plan).toMatch(/^Plan: 1 unit, 6 of 6 frames to draw, x264 \w+ with \d+ threads? per encoder$/);
    expect(plan).not.toMatch(/ 1 threads/);
  }, 60000);
});
