// Compositing benchmarks: ms per 1920×1080 rgb24 frame for the 20 blend modes (opacity 0.7), tonemap, the
// FeedbackBuffer with each transform, applyMask and the five transitions. Inputs are glyph-like frames (coloured
// strokes in 12×24 cells over a dim gradient). Each case runs on heap frames (createFrame: the kernels copy them in
// and out) and, as `…@arena`, on frames from createSimdFrame (in place, as the renderer's frames). In-place cases run
// on the same frame repeatedly instead of resetting it inside the timed region: their cost depends on the pixel
// values only through the blend kernel's reuse of a 16-pixel group equal to the previous one (flat areas), which the
// `@arena-noise` line measures without (uniform random bytes, the worst case).
// Each line carries `ratio`: its median over the median of a plain frame copy measured in the same process, and
// `cpu_mean_ms`, the mean CPU time per call (the machine is shared; both travel better than wall time).
import { bench, createFrame, createGeometry, featureFrame, Rng, ScratchPool, validateParams } from '@glyphreel/core';
import {
  applyMask,
  BLEND_MODE_NAMES,
  blendFrames,
  blendFramesLinear,
  blendManyLinear,
  createSimdFrame,
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

function simdCopy(f) {
  const s = createSimdFrame(f.width, f.height);
  s.data.set(f.data);
  return s;
}
/** The same inputs in the SIMD arena. */
const arenaFrames = { base: simdCopy(base), top: simdCopy(top), out: createSimdFrame(W, H), work: createSimdFrame(W, H) };
const heapFrames = { base, top, out, work };
const KINDS = [['', heapFrames], ['@arena', arenaFrames]];

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
  for (const [kind, f] of KINDS) run(`shaders/blend/${mode}${kind}`, () => blendFrames(f.base.data, f.top.data, mode, 0.7, f.out.data));
}
{
  const rng = new Rng(3);
  const noise = [createSimdFrame(W, H), createSimdFrame(W, H)];
  for (const f of noise) for (let i = 0; i < f.data.length; i++) f.data[i] = rng.int(0, 255);
  run('shaders/blend/screen@arena-noise', () => blendFrames(noise[0].data, noise[1].data, 'screen', 0.7, arenaFrames.out.data));
  run('shaders/blend/screen@arena-in-place', () => blendFrames(arenaFrames.work.data, arenaFrames.top.data, 'screen', 0.7, arenaFrames.work.data));
}
run('shaders/blend-linear/screen', () => blendFramesLinear(base.data, top.data, 'screen', 0.7, out.data));
run('shaders/blend-many-linear/3-layers', () => blendManyLinear([base, top, base], ['screen', 'add'], [0.7, 0.5], out));

run('shaders/tonemap', () => tonemap(work, { gamma: 0.75 }));

for (const [kind, f] of KINDS) {
  for (const transform of [null, ...FEEDBACK_TRANSFORMS]) {
    const fb = new FeedbackBuffer();
    const opts = { decay: 0.85, blend: 'screen', opacity: 0.5, transform, transformAmt: transform === 'rotate_cw' || transform === 'rotate_ccw' ? 0.005 : 0.02 };
    f.work.data.set(base.data);
    fb.apply(f.work, opts);
    run(`shaders/feedback/${transform ?? 'none'}${kind}`, () => fb.apply(f.work, opts));
  }
  {
    const fb = new FeedbackBuffer();
    const opts = { decay: 0.7, blend: 'screen', opacity: 0.3, transform: 'zoom', transformAmt: 0.01, hueShift: 0.02 };
    f.work.data.set(base.data);
    fb.apply(f.work, opts);
    run(`shaders/feedback/zoom+hue_shift${kind}`, () => fb.apply(f.work, opts));
  }
}

{
  const grid = createGeometry({ rows: 45, cols: 160, cellWidthPx: 12, cellHeightPx: 24, frameWidthPx: W, frameHeightPx: H });
  const mask = maskCircle(new Float32Array(grid.rows * grid.cols), grid, 0.5, 0.5, 0.3, 0.1);
  for (const [kind, f] of KINDS) {
    run(`shaders/mask/apply-circle${kind}`, () => {
      f.work.data.set(f.base.data);
      applyMask(f.work, mask, grid, f.top);
    }, { includes_copy: true });
  }
}

{
  const ctx = { t: 0, features: featureFrame(), rng: new Rng(5), scratch: new ScratchPool() };
  for (const def of transitionDefs) {
    const params = validateParams(def.params, def.name === 'wipe' ? { direction: 'radial', feather: 0.05 } : {}, {
      plugin: 'shaders', kind: 'transition', entry: def.name,
    });
    for (const [kind, f] of KINDS) {
      def.apply(f.base, f.top, 0.45, f.out, ctx, params);
      run(`shaders/transition/${def.name}${kind}`, (i) => def.apply(f.base, f.top, 0.3 + (i % 10) * 0.04, f.out, ctx, params));
    }
  }
}
