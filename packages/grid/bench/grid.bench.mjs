// Benchmarks of @glyphreel/grid (JSON lines). Run: npx tsc -b packages/grid/tsconfig.lib.json && cd packages/grid && node ../../tools/bench.mjs
import { clearFrame, createFrame, GRID_SIZE_KEYS, PAL_DEFAULT, PAL_DENSE, percentile, Rng, wasmArena } from '@glyphreel/core';
import { clearAtlasCache, createGrid, renderBackground, renderField, renderTextRows } from '@glyphreel/grid';

const W = 1920;
const H = 1080;
const quiet = () => undefined;
const round = (x) => Math.round(x * 1000) / 1000;

/** Median/p90 of `runs` timed calls after `warmup`, with an untimed `setup` before each (e.g. clearing the frame). */
const only = process.argv[2]; // optional substring filter: node ../../tools/bench.mjs background

function timed(name, fn, { runs = 40, warmup = 8, setup = () => undefined, extra = {}, print = true } = {}) {
  if (only && name !== 'baseline' && !name.includes(only)) return { median_ms: NaN };
  for (let i = 0; i < warmup; i++) {
    setup();
    fn();
  }
  const times = [];
  for (let i = 0; i < runs; i++) {
    setup();
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const r = { bench: name, median_ms: round(percentile(times, 0.5)), p90_ms: round(percentile(times, 0.9)), runs, ...extra };
  if (print) console.log(JSON.stringify(r));
  return r;
}

function fullLayer(grid, glyphs, seed) {
  const rng = new Rng(seed);
  const ids = Array.from(grid.glyphIds(glyphs)).filter((id) => id !== 0);
  const layer = grid.createLayer();
  for (let i = 0; i < layer.glyphs.length; i++) {
    layer.glyphs[i] = ids[rng.int(0, ids.length - 1)];
    layer.colors[i * 3] = rng.int(1, 255);
    layer.colors[i * 3 + 1] = rng.int(1, 255);
    layer.colors[i * 3 + 2] = rng.int(1, 255);
  }
  return layer;
}

// Cold start: the first grid of a process also loads @napi-rs/canvas and registers the fonts (UnifontEX ≈ 3 MB).
// One sample by nature.
if (!only || 'grid/atlas-init/md-cold'.includes(only)) {
  const t0 = process.hrtime.bigint();
  createGrid({ width: W, height: H, size: 'md', onWarning: quiet });
  const ms = round(Number(process.hrtime.bigint() - t0) / 1e6);
  console.log(JSON.stringify({ bench: 'grid/atlas-init/md-cold', median_ms: ms, p90_ms: ms, runs: 1 }));
}

// Atlas init: a fresh atlas per run (cache cleared), rasterizing every character core defines (29 palettes,
// particle and inline sets, BASE_CHARS). The first grid also pays for loading the canvas module: warm-up.
for (const key of GRID_SIZE_KEYS) {
  timed(`grid/atlas-init/${key}`, () => createGrid({ width: W, height: H, size: key, onWarning: quiet }), {
    runs: 15,
    warmup: 2,
    setup: clearAtlasCache,
    extra: { glyphs: createGrid({ width: W, height: H, size: key, onWarning: quiet }).atlas.count },
  });
}

// Render, worst case: every cell drawn. Main figure: random glyphs of PAL_DEFAULT; extra: every cell a full block.
// The machine is shared, so each case also reports a same-process baseline — one plain max pass over every byte
// of a 1080p frame — and the ratio to it, which is steadier than the absolute times.
const frame = createFrame(W, H);
const clear = () => frame.data.fill(0);
const onePass = () => {
  const d = frame.data;
  for (let i = 0; i < d.length; i++) if (d[i] < 128) d[i] = 128;
};
const baseline = () => timed('baseline', onePass, { setup: clear, print: false }).median_ms;
for (const key of GRID_SIZE_KEYS) {
  const g = createGrid({ width: W, height: H, size: key, onWarning: quiet });
  const layer = fullLayer(g, PAL_DEFAULT, 1);
  const block = fullLayer(g, '█', 2);
  const base = baseline();
  const b = timed(`grid/render/${key}-1080p-full-block`, () => g.render(block, frame), { setup: clear, print: false });
  if (Number.isNaN(b.median_ms)) continue;
  console.log(JSON.stringify({ ...b, cells: g.rows * g.cols, baseline_pass_ms: base, ratio_vs_pass: round(b.median_ms / base) }));
  const r = timed(`grid/render/${key}-1080p`, () => g.render(layer, frame), { setup: clear, print: false });
  console.log(JSON.stringify({
    ...r, cells: g.rows * g.cols, glyphs: 'PAL_DEFAULT', full_block_median_ms: b.median_ms, baseline_pass_ms: base,
    ratio_vs_pass: round(r.median_ms / base),
  }));
}

// The same layers into a frame in core's wasm arena (as every renderer frame is): drawn by the wasm kernel.
// ratio_vs_js compares with the JavaScript loop's median on the same layer, measured just above.
const arenaFrame = (() => {
  const a = wasmArena();
  return { width: W, height: H, data: a.u8(a.alloc(W * H * 3), W * H * 3) };
})();
const clearArena = () => clearFrame(arenaFrame);
for (const key of GRID_SIZE_KEYS) {
  const g = createGrid({ width: W, height: H, size: key, onWarning: quiet });
  const layer = fullLayer(g, PAL_DEFAULT, 1);
  const js = timed(`grid/render/${key}-1080p`, () => g.render(layer, frame), { setup: clear, print: false });
  const r = timed(`grid/render-wasm/${key}-1080p`, () => g.render(layer, arenaFrame), { setup: clearArena, print: false });
  if (Number.isNaN(r.median_ms)) continue;
  console.log(JSON.stringify({ ...r, cells: g.rows * g.cols, glyphs: 'PAL_DEFAULT', js_median_ms: js.median_ms, ratio_vs_js: round(r.median_ms / js.median_ms) }));
}

// renderField (value + hue field → cells → blit), every cell above threshold.
{
  const g = createGrid({ width: W, height: H, size: 'md', onWarning: quiet });
  const n = g.rows * g.cols;
  const value = Float32Array.from({ length: n }, (_, i) => 0.05 + 0.95 * ((i * 7919) % 1000) / 1000);
  const hue = Float32Array.from({ length: n }, (_, i) => (i % g.cols) / g.cols);
  const ids = g.palette('default');
  timed('grid/render-field/md-1080p', () => renderField(g, frame, value, hue, ids), { setup: clear });
}

// Baked background: colour field × cached texture, one multiply per pixel and channel.
{
  const g = createGrid({ width: W, height: H, size: 'md', onWarning: quiet });
  const colors = new Uint8Array(g.rows * g.cols * 3);
  for (let i = 0; i < colors.length; i++) colors[i] = (i * 37) & 255;
  renderBackground(g, frame, colors, PAL_DENSE); // bake outside the timing
  timed('grid/background/md-1080p', () => renderBackground(g, frame, colors, PAL_DENSE));
}

// Text rows: 56 full rows of 192 characters at md 1080p.
{
  const g = createGrid({ width: W, height: H, size: 'md', onWarning: quiet });
  const words = 'GLYPH +3.2% ASCII -1.1% lyrics ticker [ok] {x} #42 the quick brown fox jumps over the lazy dog 0123456789';
  const rows = Array.from({ length: g.rows }, (_, r) => ({
    row: r,
    text: (words + ' ').repeat(3).slice(r % 17, (r % 17) + g.cols),
    color: [255 - r * 3, 80 + r * 2, 140],
  }));
  const atlas = timed('grid/text-rows/atlas', () => renderTextRows(g, frame, rows, 'atlas'), { setup: clear, extra: { rows: rows.length } });
  const canvas = timed('grid/text-rows/canvas', () => renderTextRows(g, frame, rows, 'canvas'), { setup: clear, print: false });
  if (!Number.isNaN(canvas.median_ms)) {
    console.log(JSON.stringify({ ...canvas, rows: rows.length, ratio_vs_atlas: round(canvas.median_ms / atlas.median_ms) }));
  }
}
