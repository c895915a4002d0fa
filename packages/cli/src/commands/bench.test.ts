import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import type { UnitResult } from '../render/job.js';
import { runBench, timeline } from './bench.js';

describe('glyphreel bench', () => {
  it('prints the five cases, alternating the runs it compares, with medians and per-pair speed-ups and ratios', async () => {
    const lines: string[] = [];
    const out = await runBench({ frames: 24, width: 128, height: 72, workers: 2, repeat: 2, encodeRepeat: 2, frameRounds: 3, print: (l) => lines.push(l) });
    expect(out.map((r) => r['bench'])).toEqual(['cli/render-only/1-worker', 'cli/render-only/all-workers', 'cli/encode-only', 'cli/end-to-end', 'cli/frame/fused-tonemap']);
    expect(lines.map((l) => JSON.parse(l))).toEqual(out);
    const [one, all, enc, e2e, fused] = out as Array<Record<string, number & number[]>>;
    expect(one!.fps_runs).toHaveLength(2);
    expect(all!.fps_runs).toHaveLength(2);
    expect(all!.workers).toBe(2);
    // The median of two runs is their mean; each speed-up pairs the runs made back to back.
    expect(one!.fps).toBeCloseTo((one!.fps_runs[0]! + one!.fps_runs[1]!) / 2, 2);
    expect(all!.speedup_runs[0]).toBeCloseTo(all!.fps_runs[0]! / one!.fps_runs[0]!, 2);
    expect(all!.speedup).toBeCloseTo((all!.speedup_runs[0]! + all!.speedup_runs[1]!) / 2, 2);
    expect(enc!.fps).toBeGreaterThan(0);
    expect(enc!.fps_runs).toHaveLength(2);
    expect(e2e!.ratio_runs).toHaveLength(2);
    // Each ratio pairs an end-to-end run with the encode-only run just before it (fps are rounded: compare loosely).
    for (let k = 0; k < 2; k++) expect(e2e!.ratio_runs[k]! / (enc!.fps_runs[k]! / e2e!.fps_runs[k]!)).toBeCloseTo(1, 2);
    expect(e2e!.ratio).toBeCloseTo((e2e!.ratio_runs[0]! + e2e!.ratio_runs[1]!) / 2, 2);
    expect(e2e!.peak_rss_mb).toBeGreaterThan(0);
    // Start-up is part of the wall clock; the spread between the two workers' last frames is too.
    for (const r of [one!, all!]) expect(r.startup_ms).toBeGreaterThan(0);
    expect(one!.startup_ms).toBeLessThan(one!.wall_s * 1000);
    expect(all!.tail_spread_ms).toBeGreaterThanOrEqual(0);
    expect(all!.tail_spread_ms).toBeLessThan(all!.wall_s * 1000);
    // The frame comparison: one speed-up per round, each the unfused frame time over the fused one of that round.
    expect(fused!.speedup_runs).toHaveLength(3);
    expect(fused!.median_ms).toBeGreaterThan(0);
    expect(fused!.baseline_ms).toBeGreaterThan(0);
    expect(fused!.speedup).toBe([...fused!.speedup_runs].sort((a, b) => a - b)[1]);
  }, 120000);

  it('glyphreel bench | head -1 ends the process without leaving its work directory behind', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'glyphreel-bench-test-'));
    try {
      const bin = fileURLToPath(new URL('../../bin/glyphreel.js', import.meta.url));
      const child = spawn(process.execPath, [bin, 'bench', '--frames', '6', '--resolution', '64x36', '--repeat', '1', '--encode-repeat', '1', '--frame-rounds', '1'], { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
      // Read the first line, then close the pipe as `head -1` does.
      const first = await new Promise<string>((resolve) => {
        let buf = '';
        child.stdout.on('data', (d: Buffer) => {
          buf += d.toString();
          if (buf.includes('\n')) {
            child.stdout.destroy();
            resolve(buf.split('\n')[0]!);
          }
        });
      });
      expect(JSON.parse(first).bench).toBe('cli/render-only/1-worker');
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      expect(code).toBe(0);
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 120000);

  it('reads start-up and the spread of the workers\' last frames from the units\' timestamps', () => {
    const u = (thread: number, first: number, end: number) => ({ thread, firstFrameAtMs: first, endedAtMs: end }) as UnitResult;
    // Thread 1 drew two units and finished at 1900; thread 2 finished at 1960.
    expect(timeline([u(1, 1120, 1500), u(2, 1100, 1960), u(1, 1510, 1900)], 1000)).toEqual({ startupMs: 100, spreadMs: 60 });
    expect(timeline([u(1, 1300, 2000)], 1000)).toEqual({ startupMs: 300, spreadMs: 0 });
  });
});
