// Per-frame cost of every value field and hue field at the md grid of 1080p (192×56) and the xs grid (400×108).
// Each case gets a fresh layer state, 5 warm-up frames (a simulation's one-time set-up lands there), then the
// median of 40 frames with t advancing at 24 fps. `x_sine` is the ratio to a one-sine-per-cell loop timed in the
// same process (a machine-independent yardstick: the benchmarks share a noisy machine).
import { bench, createGeometry, featureFrame, Rng, validateParams } from '@glyphreel/core';
import { hueFields, valueEffects } from '@glyphreel/effects';

const GRIDS = {
  md: createGeometry({ sizeKey: 'md', rows: 56, cols: 192, cellWidthPx: 10, cellHeightPx: 19 }),
  xs: createGeometry({ sizeKey: 'xs', rows: 108, cols: 400, cellWidthPx: 4.8, cellHeightPx: 10 }),
};
const features = featureFrame({ rms: 0.55, sub: 0.4, bass: 0.6, lomid: 0.5, mid: 0.45, himid: 0.4, hi: 0.35,
  sub_r: 0.3, bass_r: 0.35, lomid_r: 0.3, mid_r: 0.25, himid_r: 0.2, hi_r: 0.2, cent: 0.5, flat: 0.3, flux: 0.4,
  beat: 0, bdecay: 0.4 });
const only = process.argv[2];
const RUNS = 40;

function context(seed) {
  return { t: 0, frame: 0, fps: 24, progress: 0, durationS: 60, features, state: {}, rng: new Rng(seed),
    budget: { particlesMax: 2000, shaders: 'standard', gridScale: 1 }, replaying: false };
}

function sineBaseline(grid, key) {
  const out = new Float32Array(grid.rows * grid.cols);
  const col = grid.col;
  return bench(`effects/baseline/sine/${key}`, (i) => {
    const p = i / 24;
    for (let k = 0; k < out.length; k++) out[k] = Math.sin(col[k] * 0.1 + p);
  }, { runs: RUNS, print: !only });
}

for (const [key, grid] of Object.entries(GRIDS)) {
  const base = sineBaseline(grid, key).median_ms;
  const n = grid.rows * grid.cols;
  for (const def of valueEffects) {
    if (only && def.name !== only) continue;
    const params = validateParams(def.params, {}, { plugin: 'effects', kind: 'effect', entry: def.name });
    const ctx = context(7);
    const out = new Float32Array(n);
    const r = bench(`effects/value/${def.name}/${key}`, (i) => {
      ctx.t = i / 24;
      ctx.frame = i;
      def.fill(out, grid, ctx, params);
    }, { runs: RUNS, print: false });
    console.log(JSON.stringify({ ...r, cells: n, x_sine: Math.round((r.median_ms / base) * 10) / 10 }));
  }
  for (const def of hueFields) {
    if (only && def.name !== only) continue;
    const params = validateParams(def.params, {}, { plugin: 'effects', kind: 'hue field', entry: def.name });
    const ctx = context(7);
    const out = def.output === 'rgb' ? new Uint8Array(n * 3) : new Float32Array(n);
    const r = bench(`effects/hue/${def.name}/${key}`, (i) => {
      ctx.t = i / 24;
      ctx.frame = i;
      def.fill(out, grid, ctx, params);
    }, { runs: RUNS, print: false });
    console.log(JSON.stringify({ ...r, cells: n, x_sine: Math.round((r.median_ms / base) * 10) / 10 }));
  }
}
