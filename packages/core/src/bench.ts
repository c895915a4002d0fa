/**
 * A tiny benchmark harness shared by every package's `bench` target (and usable by plugin authors): warm up, time N
 * runs with a monotonic clock, print one JSON line `{"bench", "median_ms", "p90_ms", "runs", …extra}`.
 */
export interface BenchResult {
  bench: string;
  median_ms: number;
  p90_ms: number;
  runs: number;
  [extra: string]: unknown;
}

export interface BenchOptions {
  runs?: number;
  warmup?: number;
  /** Extra fields to add to the JSON line. */
  extra?: Record<string, unknown>;
  /** Print the JSON line (default true). */
  print?: boolean;
}

export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Times `fn` (called with the run index). Default 30 runs after 5 warm-up calls. */
export function bench(name: string, fn: (i: number) => void, options: BenchOptions = {}): BenchResult {
  const runs = options.runs ?? 30;
  const warmup = options.warmup ?? 5;
  for (let i = 0; i < warmup; i++) fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn(warmup + i);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const result: BenchResult = {
    bench: name,
    median_ms: round(percentile(times, 0.5)),
    p90_ms: round(percentile(times, 0.9)),
    runs,
    ...options.extra,
  };
  if (options.print !== false) console.log(JSON.stringify(result));
  return result;
}
