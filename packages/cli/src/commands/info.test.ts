import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { runCli } from '../program.js';
import type { Io } from '../cli-errors.js';

function capture(): Io & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { outLines, errLines, out: (l) => outLines.push(...l.split('\n')), err: (l) => errLines.push(...l.split('\n')) };
}

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/glyphreel.js');
const run = promisify(execFile);

describe('glyphreel info', () => {
  it('prints the two seed lines first', async () => {
    const io = capture();
    expect(await runCli(['info', '--quality', 'auto', '--duration', '180'], io)).toBe(0);
    expect(io.outLines[0]).toMatch(/^Hardware: \d+ cores, \d+\.\dGB RAM, \w+$/);
    expect(io.outLines[1]).toMatch(/^Render: \d+x\d+ @\d+fps, CRF \d+, (1 worker|\d+ workers)$/);
    // "the reference", not "the seed": users read "seed" as --seed.
    expect(io.outLines.find((l) => l.startsWith('Estimate: '))).toMatch(/^Estimate: \d+ frames, about .* at the reference's 180 ms per 1080p frame per worker \(/);
    expect(io.outLines.find((l) => l.startsWith('FFmpeg: '))).toMatch(/^FFmpeg: ffmpeg .* encoders: .*libx264/);
    expect(io.errLines).toEqual([]);
  });

  it('applies flags with the seed precedence', async () => {
    const io = capture();
    expect(await runCli(['info', '--quality', 'production', '--aspect', 'portrait', '--workers', '3'], io)).toBe(0);
    expect(io.outLines[1]).toBe('Render: 1080x1920 @24fps, CRF 20, 3 workers');
    const io2 = capture();
    expect(await runCli(['info', '--quality', 'draft', '--aspect', 'portrait', '--resolution', '640x360'], io2)).toBe(0);
    expect(io2.outLines[1]).toBe('Render: 640x360 @12fps, CRF 28, ' + io2.outLines[1]!.split(', ').pop());
  });

  it('--json parses and carries hardware, profile and estimate', async () => {
    const io = capture();
    expect(await runCli(['info', '--json', '--quality', 'preview', '--duration', '10'], io)).toBe(0);
    const j = JSON.parse(io.outLines.join('\n'));
    expect(j.profile).toMatchObject({ width: 1280, height: 720, fps: 15, crf: 25, quality: 'preview' });
    expect(j.frames).toBe(150);
    expect(j.hardware.logicalCores).toBeGreaterThan(0);
    expect(j.estimateS).toBeGreaterThan(0);
    expect(j.ffmpeg.encoders).toContain('libx264');
    expect(['option', 'env', 'path', 'bundled']).toContain(j.ffmpeg.source);
  });

  it.each([
    [['info', '--resolution', '12x'], 'glyphreel: Invalid --resolution "12x": expected WIDTHxHEIGHT (e.g. 1920x1080 (--resolution / resolution))'],
    [['info', '--workers', '-1'], 'glyphreel: Invalid --workers "-1": expected a whole number >= 0'],
    [['info', '--resolution', '1279x720'], 'glyphreel: Invalid resolution 1279x720: width and height must be even'],
    [['info', '--aspect', 'tall'], 'glyphreel: Unknown --aspect "tall"'],
    [['info', '--duration', 'soon'], 'glyphreel: Invalid --duration "soon": expected seconds >= 0'],
  ])('%j exits 2 with one line', async (argv, line) => {
    const io = capture();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.errLines).toHaveLength(1);
    expect(io.errLines[0]!.startsWith(line)).toBe(true);
    expect(io.outLines).toEqual([]);
  });

  it('rejects an unknown quality and an unknown option with exit 2', async () => {
    const io = capture();
    expect(await runCli(['info', '--quality', 'ultra'], io)).toBe(2);
    expect(io.errLines).toHaveLength(1);
    expect(io.errLines[0]).toContain("argument 'ultra' is invalid");
    const io2 = capture();
    expect(await runCli(['info', '--bogus'], io2)).toBe(2);
    // commander's own errors read like every other: one prefixed line saying where to look.
    expect(io2.errLines).toEqual(["glyphreel: unknown option '--bogus' (see: glyphreel info --help)"]);
  });

  it('an unknown command is one line with a suggestion, exit 2; --version needs no command loaded', async () => {
    const io = capture();
    expect(await runCli(['rendr', '--demo'], io)).toBe(2);
    expect(io.errLines).toEqual(['glyphreel: unknown command "rendr" (did you mean render?)']);
    const v = capture();
    expect(await runCli(['--version'], v)).toBe(0);
    expect(v.outLines[0]).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('has --help on the command', async () => {
    const io = capture();
    expect(await runCli(['info', '--help'], io)).toBe(0);
    const help = io.outLines.join('\n');
    for (const flag of ['--quality', '--aspect', '--resolution', '--workers', '--duration', '--json']) expect(help).toContain(flag);
  });

  it('the installed binary exits 2 with one line on stderr', async () => {
    const r = await run(process.execPath, [bin, 'info', '--resolution', '12x']).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect((r as { code: number }).code).toBe(2);
    expect((r as { stderr: string }).stderr.trim().split('\n')).toHaveLength(1);
    const ok = await run(process.execPath, [bin, 'info', '--json']);
    expect(JSON.parse(ok.stdout).profile.width).toBeGreaterThan(0);
  });
});
