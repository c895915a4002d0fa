// Compositing benchmarks: ms per 1920×1080 rgb24 frame for the 20 blend modes (opacity 0.7), tonemap, the
// FeedbackBuffer with each transform, applyMask and the five transitions. Inputs are glyph-like frames (coloured
// strokes in 12×24 cells over a dim gradient). Every case's cost is independent of pixel values (table passes and
// index maps), so in-place cases run on the same frame repeatedly instead of resetting it inside the timed region.
// Each line carries `ratio`: its median over the median of a plain frame copy measured in the same process, and
// `cpu_mean_ms`, the mean CPU time per call (the machine is shared; both travel better than wall time).
import { bench, createFrame, createGeometry, featureFrame, Rng, ScratchPool, validateParams } from '@glyphreel/core';
import {
  applyMask,
  BLEND_MODE_NAMES,
  blendFrames,
  blendFramesLinear,
  blendManyLinear,
  FEEDBACK_TRANSFORMS,
  FeedbackBuffer,
  maskCircle,
  tonemap,
  transitionDefs,
} from '@glyphreel/shaders';

const W = 1920;
const H = 1080;
const RUNS = Math.max(30, Number(process.env.BENCH_RUNS ?? 30));
const only = process.argv[2];

function glyphFrame(seed) {
  const f = createFrame(W, H);
  const d = f.data;
  const rng = new Rng(seed);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const o = (y * W + x) * 3;
      const g = ((x + y) / (W + H)) * 40;
      d[o] = g * 0.4;
      d[o + 1] = g * 0.7;
      d[o + 2] = g;
    }
  }
  for (let cy = 0; cy + 24 <= H; cy += 24) {
    for (let cx = 0; cx + 12 <= W; cx += 12) {
      if (!rng.chance(0.35)) continue;
      const c = [rng.int(60, 255), rng.int(60, 255), rng.int(60, 255)];
      for (let s = rng.int(2, 4); s > 0; s--) {
        const vertical = rng.chance(0.5);
        const pos = vertical ? rng.int(2, 9) : rng.int(3, 20);
        for (let k = vertical ? 3 : 2; k < (vertical ? 21 : 10); k++) {
          const x = cx + (vertical ? pos : k);
          const y = cy + (vertical ? k : pos);
          d.set(c, (y * W + x) * 3);
        }
      }
    }
  }
  return f;
}

const base = glyphFrame(7);
const top = glyphFrame(8);
const out = createFrame(W, H);
const work = createFrame(W, H);
work.data.set(base.data);

let baseline = NaN;
function run(id, fn, extra = {}) {
  if (only && !id.includes(only) && !id.includes('baseline')) return;
  globalThis.gc?.();
  const cpu0 = process.cpuUsage();
  const r = bench(id, fn, { runs: RUNS, warmup: 5, print: false });
  const cpu = process.cpuUsage(cpu0);
  // Mean CPU time per call (user + system, warm-up included): unlike wall time it barely moves when other processes
  // compete for the cores, so it is the steadier number on a shared machine.
  const line = { ...r, cpu_mean_ms: Math.round(((cpu.user + cpu.system) / 1000 / (RUNS + 5)) * 1000) / 1000, ...extra };
  if (Number.isFinite(baseline)) line.ratio = Math.round((r.median_ms / baseline) * 100) / 100;
  console.log(JSON.stringify(line));
  return r;
}

baseline = run('shaders/compose/baseline/copy-frame', () => out.data.set(base.data)).median_ms;

for (const mode of BLEND_MODE_NAMES) {
  run(`shaders/blend/${mode}`, () => blendFrames(base.data, top.data, mode, 0.7, out.data));
}
run('shaders/blend-linear/screen', () => blendFramesLinear(base.data, top.data, 'screen', 0.7, out.data));
run('shaders/blend-many-linear/3-layers', () => blendManyLinear([base, top, base], ['screen', 'add'], [0.7, 0.5], out));

run('shaders/tonemap', () => tonemap(work, { gamma: 0.75 }));

for (const transform of [null, ...FEEDBACK_TRANSFORMS]) {
  const fb = new FeedbackBuffer();
  const opts = { decay: 0.85, blend: 'screen', opacity: 0.5, transform, transformAmt: transform === 'rotate_cw' || transform === 'rotate_ccw' ? 0.005 : 0.02 };
  work.data.set(base.data);
  fb.apply(work, opts);
  run(`shaders/feedback/${transform ?? 'none'}`, () => fb.apply(work, opts));
}
{
  const fb = new FeedbackBuffer();
  const opts = { decay: 0.7, blend: 'screen', opacity: 0.3, transform: 'zoom', transformAmt: 0.01, hueShift: 0.02 };
  work.data.set(base.data);
  fb.apply(work, opts);
  run('shaders/feedback/zoom+hue_shift', () => fb.apply(work, opts));
}

{
  const grid = createGeometry({ rows: 45, cols: 160, cellWidthPx: 12, cellHeightPx: 24, frameWidthPx: W, frameHeightPx: H });
  const mask = maskCircle(new Float32Array(grid.rows * grid.cols), grid, 0.5, 0.5, 0.3, 0.1);
  run('shaders/mask/apply-circle', () => {
    work.data.set(base.data);
    applyMask(work, mask, grid, top);
  }, { includes_copy: true });
}

{
  const ctx = { t: 0, features: featureFrame(), rng: new Rng(5), scratch: new ScratchPool() };
  for (const def of transitionDefs) {
    const params = validateParams(def.params, def.name === 'wipe' ? { direction: 'radial', feather: 0.05 } : {}, {
      plugin: 'shaders', kind: 'transition', entry: def.name,
    });
    def.apply(base, top, 0.45, out, ctx, params);
    run(`shaders/transition/${def.name}`, (i) => def.apply(base, top, 0.3 + (i % 10) * 0.04, out, ctx, params));
  }
}
