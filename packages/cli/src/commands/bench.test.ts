import { describe, expect, it } from '@jest/globals';
import { runBench } from './bench.js';

describe('glyphreel bench', () => {
  it('prints the four cases, alternating 1 and all workers `repeat` times, with medians and per-pair speed-ups', async () => {
    const lines: string[] = [];
    const out = await runBench({ frames: 24, width: 128, height: 72, workers: 2, repeat: 2, print: (l) => lines.push(l) });
    expect(out.map((r) => r['bench'])).toEqual(['cli/render-only/1-worker', 'cli/render-only/all-workers', 'cli/encode-only', 'cli/end-to-end']);
    expect(lines.map((l) => JSON.parse(l))).toEqual(out);
    const [one, all, enc, e2e] = out as Array<Record<string, number & number[]>>;
    expect(one!.fps_runs).toHaveLength(2);
    expect(all!.fps_runs).toHaveLength(2);
    expect(all!.workers).toBe(2);
    // The median of two runs is their mean; each speed-up pairs the runs made back to back.
    expect(one!.fps).toBeCloseTo((one!.fps_runs[0]! + one!.fps_runs[1]!) / 2, 2);
    expect(all!.speedup_runs[0]).toBeCloseTo(all!.fps_runs[0]! / one!.fps_runs[0]!, 2);
    expect(all!.speedup).toBeCloseTo((all!.speedup_runs[0]! + all!.speedup_runs[1]!) / 2, 2);
    expect(enc!.fps).toBeGreaterThan(0);
    // wall_s is rounded to the millisecond: compare within that.
    expect(Math.abs(e2e!.ratio - e2e!.wall_s / enc!.wall_s)).toBeLessThan((0.002 * e2e!.ratio) / enc!.wall_s + 0.01);
    expect(e2e!.peak_rss_mb).toBeGreaterThan(0);
  }, 120000);
});
