// Per-frame cost of every particle system and character effect of @glyphreel/effects (the cells half), at the md grid
// of 1080p (192×56) and the xs grid (400×108). Each case: fresh layer state, loud features with a beat on every frame
// (the worst case for beat-triggered emission), budget 1200 (production), 30 warm-up frames then the median of 60.
// Generators get a cleared layer each frame (the clear is included); post-processes work on a layer pre-filled with
// content, as when they are stacked on other effects. `ratio` divides by a baseline measured in the same process
// (writing a glyph and an HSV-converted colour to every cell once, what a value-field layer costs), which is
// steadier than raw ms on a shared machine.
// `heap_kb_per_frame` is the heap growth over 100 frames (after 300 more warm-up frames, so the JIT has settled)
// divided by 100, the least of three rounds (no GC runs inside a round at these sizes): ≈ 0 means the effect
// allocates nothing per frame.
import { bench, createCellLayer, createGeometry, featureFrame, hsvToRgbInto, Rng, validateParams } from '@glyphreel/core';
import { characterEffects, particleSystems, POST_PROCESS_EFFECTS } from '@glyphreel/effects';

const GRIDS = [
  { key: 'md', rows: 56, cols: 192, cw: 10, ch: 19 },
  { key: 'xs', rows: 108, cols: 400, cw: 4.8, ch: 10 },
];
const LOUD = { rms: 0.8, sub: 0.7, bass: 0.8, lomid: 0.6, mid: 0.6, himid: 0.5, hi: 0.5, sub_r: 0.6, himid_r: 0.5, flux: 0.6, cent: 0.5, beat: 1, bdecay: 0.8 };
const features = featureFrame(LOUD);
const only = process.argv[2];

function fillContent(grid, layer) {
  const ids = grid.glyphIds('#*+=-:.');
  for (let i = 0; i < layer.glyphs.length; i++) {
    if (i % 3 === 0) continue;
    layer.glyphs[i] = ids[i % ids.length];
    layer.colors[i * 3] = 180;
    layer.colors[i * 3 + 1] = 120;
    layer.colors[i * 3 + 2] = 60;
  }
}

function baseline(grid) {
  const layer = createCellLayer(grid);
  const ids = grid.glyphIds('#');
  return bench(`effects/baseline/hsv-fill/${grid.sizeKey}`, (k) => {
    const n = layer.glyphs.length;
    for (let i = 0; i < n; i++) {
      layer.glyphs[i] = ids[0];
      hsvToRgbInto((i + k) / n, 0.8, 0.9, layer.colors, i * 3);
    }
  }, { runs: 60, warmup: 30, print: false });
}

function caseFor(def, grid, family, base) {
  const params = validateParams(def.params, {}, { plugin: 'effects', kind: 'effect', entry: def.name });
  const layer = createCellLayer(grid);
  const post = POST_PROCESS_EFFECTS.includes(def.name);
  if (post) fillContent(grid, layer);
  const fps = 24;
  // One mutable context, as a runtime reuses its per-layer objects: the measurement is the effect's own work.
  const ctx = {
    t: 0, frame: 0, fps, progress: 0, durationS: 60, features, state: {}, rng: new Rng(1),
    budget: { particlesMax: 1200, shaders: 'standard', gridScale: 1 }, replaying: false,
  };
  let frame = 0;
  const step = () => {
    ctx.frame = frame;
    ctx.t = frame / fps;
    ctx.progress = Math.min(ctx.t / ctx.durationS, 1);
    if (!post) {
      layer.glyphs.fill(0);
      layer.colors.fill(0);
    }
    def.draw(layer, grid, ctx, params);
    frame++;
  };
  const name = `effects/${family}/${def.name}/${grid.sizeKey}`;
  const r = bench(name, step, { runs: 60, warmup: 30, print: false });
  // Heap growth includes code the JIT is still producing, so take the least of three rounds of 100 frames.
  let growth = Infinity;
  for (let i = 0; i < 300; i++) step();
  for (let round = 0; round < 3; round++) {
    globalThis.gc?.();
    const h0 = process.memoryUsage().heapUsed;
    for (let i = 0; i < 100; i++) step();
    growth = Math.min(growth, process.memoryUsage().heapUsed - h0);
  }
  let drawn = 0;
  for (let i = 0; i < layer.glyphs.length; i++) if (layer.glyphs[i] !== 0) drawn++;
  const out = {
    ...r,
    grid: `${grid.cols}x${grid.rows}`,
    ratio: Math.round((r.median_ms / base.median_ms) * 100) / 100,
    heap_kb_per_frame: Math.round((growth / 1024 / 100) * 100) / 100,
    cells_drawn: drawn,
  };
  console.log(JSON.stringify(out));
}

for (const g of GRIDS) {
  const grid = createGeometry({ rows: g.rows, cols: g.cols, cellWidthPx: g.cw, cellHeightPx: g.ch, sizeKey: g.key, id: `${g.key}-1080p` });
  const base = baseline(grid);
  console.log(JSON.stringify(base));
  for (const def of particleSystems) if (!only || def.name === only) caseFor(def, grid, 'particles', base);
  for (const def of characterEffects) if (!only || def.name === only) caseFor(def, grid, 'character', base);
}
