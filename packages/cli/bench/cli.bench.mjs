// `npx nx run cli:bench`: the same cases as `glyphreel bench` (issue 6: render-only fps with 1 and all workers,
// encode-only, end-to-end with its ratio and peak memory per worker), one JSON line each.
import { runBench } from '@glyphreel/cli';

await runBench({ frames: Number(process.env.GLYPHREEL_BENCH_FRAMES ?? 240) });
