// Shader benchmarks: ms per 1920×1080 frame for every registered shader and for the standard chain
// (tonemap → bloom(130) → vignette(0.22) → grain(10) → scanlines(0.08)). Each run starts from a fresh copy of a
// glyph-like frame (sparse bright text-like strokes on black over a dim gradient); the copy (a memcpy, ~0.5 ms) is
// outside the timed region.
import { bench, createFrame, featureFrame, Rng, ScratchPool } from '@glyphreel/core';
import * as shaders from '@glyphreel/shaders';

const { createShaderContext, createSimdFrame, shaderChain, shaderDefs, tonemap } = shaders;

const W = 1920;
const H = 1080;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const only = process.argv[2]; // optional name filter

/** Glyph-like test frame: a dim diagonal gradient, then 12×24 cells of which ~35 % hold a coloured glyph. */
function glyphFrame() {
  const f = createFrame(W, H);
  const d = f.data;
  const rng = new Rng(7);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const o = (y * W + x) * 3;
      const g = ((x + y) / (W + H)) * 40;
      d[o] = g * 0.4;
      d[o + 1] = g * 0.7;
      d[o + 2] = g;
    }
  }
  const cw = 12;
  const ch = 24;
  for (let cy = 0; cy + ch <= H; cy += ch) {
    for (let cx = 0; cx + cw <= W; cx += cw) {
      if (!rng.chance(0.35)) continue;
      const r = rng.int(60, 255);
      const g = rng.int(60, 255);
      const b = rng.int(60, 255);
      const strokes = rng.int(2, 4);
      for (let s = 0; s < strokes; s++) {
        const vertical = rng.chance(0.5);
        const pos = vertical ? rng.int(2, cw - 3) : rng.int(3, ch - 4);
        for (let k = vertical ? 3 : 2; k < (vertical ? ch - 3 : cw - 2); k++) {
          const x = cx + (vertical ? pos : k);
          const y = cy + (vertical ? k : pos);
          const o = (y * W + x) * 3;
          d[o] = r;
          d[o + 1] = g;
          d[o + 2] = b;
        }
      }
    }
  }
  return f;
}

const source = glyphFrame();
// The renderer's composite frame lives in the SIMD memory (createSimdFrame), so the shaders run on one here too;
// `shaders/chain/standard-heap-frame` measures a frame on the JS heap (one copy in and out per chain).
const frame = createSimdFrame(W, H);
const heapFrame = createFrame(W, H);
const features = featureFrame({ rms: 0.5, bdecay: 0.6, sub: 0.4 });

/**
 * Times one case: wall-clock median/p90 from core's bench(), plus the median CPU time of the same runs (less
 * sensitive to other processes on a shared machine) and the ratio to a plain 256-entry LUT pass over the frame
 * measured in this process (contrast), which cancels most of the machine's speed and load.
 */
let lutPassMs = NaN;
function run(id, fn, target = frame) {
  if (only && !id.includes(only) && !id.includes('baseline')) return undefined;
  globalThis.gc?.();
  const cpu = [];
  const result = bench(
    id,
    (i) => {
      target.data.set(source.data);
      const c0 = process.cpuUsage();
      fn(i);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    },
    { runs: RUNS, warmup: 5, print: false },
  );
  const timed = cpu.slice(-RUNS).sort((a, b) => a - b);
  const cpuMedian = Math.round(timed[Math.floor(timed.length / 2)] * 1000) / 1000;
  const line = { ...result, cpu_median_ms: cpuMedian, x_lut_pass: Math.round((result.median_ms / lutPassMs) * 100) / 100 };
  console.log(JSON.stringify(line));
  return result;
}

// Baselines: the reset copy alone (included in every case's time) and one LUT pass over all bytes.
run('shaders/baseline/copy-frame', () => {});
{
  // A fixed JavaScript baseline (one table read per byte, words in and out), so x_lut_pass compares across versions.
  const lut = new Uint8Array(256).map((_, c) => Math.min(255, Math.max(0, (c - 128) * 1.3 + 128)));
  const words = new Int32Array(heapFrame.data.buffer, 0, heapFrame.data.length >> 2);
  lutPassMs = run(
    'shaders/baseline/lut-pass',
    () => {
      for (let k = 0; k < words.length; k++) {
        const w = words[k];
        words[k] = lut[w & 255] | (lut[(w >>> 8) & 255] << 8) | (lut[(w >>> 16) & 255] << 16) | (lut[w >>> 24] << 24);
      }
    },
    heapFrame,
  ).median_ms;
}

for (const def of shaderDefs) {
  const ctx = createShaderContext({ t: 1.25, features, rng: new Rng(1), scratch: new ScratchPool() });
  const params = {};
  for (const [k, spec] of Object.entries(def.params)) params[k] = structuredClone(spec.default);
  run(`shaders/shader/${def.name}`, () => def.apply(frame, params, ctx));
}

const chain = shaderChain([
  ['bloom', { thr: 130 }],
  ['vignette', { s: 0.22 }],
  ['grain', { amt: 10 }],
  ['scanlines', { intensity: 0.08 }],
]);
const rng = new Rng(3);
run('shaders/chain/standard', (i) => {
  tonemap(frame);
  chain.apply(frame, { t: i / 24, features, rng });
});
run('shaders/chain/standard-without-tonemap', (i) => {
  chain.apply(frame, { t: i / 24, features, rng });
});
run(
  'shaders/chain/standard-heap-frame',
  (i) => {
    tonemap(heapFrame);
    chain.apply(heapFrame, { t: i / 24, features, rng });
  },
  heapFrame,
);
run('shaders/compose/tonemap', () => tonemap(frame));
