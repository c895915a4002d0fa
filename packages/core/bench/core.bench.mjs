// Core hot spots: the RNG every effect draws from, parameter validation (once per layer, not per frame), registry
// lookups, and HSV colouring of a whole md grid (192×56 cells), the per-frame colour step of value layers.
import { bench, createGeometry, definePlugin, hsvFieldToRgb, Registry, Rng, validateParams } from '@glyphreel/core';

const rng = new Rng(1);
const N = 1_000_000;
const r = bench('core/rng/next-1m', () => {
  let s = 0;
  for (let i = 0; i < N; i++) s += rng.next();
  if (s < 0) throw new Error('unreachable');
}, { runs: 30, print: false });
console.log(JSON.stringify({ ...r, ns_per_draw: Math.round((r.median_ms * 1e6) / N * 100) / 100 }));

const schema = {
  amt: { type: 'number', default: 1, min: 0, max: 10 },
  mode: { type: 'enum', values: ['a', 'b', 'c'], default: 'a' },
  tint: { type: 'color', default: [255, 255, 255] },
  offset: { type: 'array', items: { type: 'integer' }, length: 2, default: [0, 0] },
};
bench('core/params/validate-1k', () => {
  for (let i = 0; i < 1000; i++) validateParams(schema, { amt: 2, mode: 'b', tint: '#ff8000', offset: [1, 2] }, { plugin: 'p', kind: 'effect', entry: 'e' });
});

const registry = new Registry().register(
  definePlugin({ name: 'b', version: '1', apiVersion: 1, shaders: Array.from({ length: 40 }, (_, i) => ({ name: `s${i}`, params: {}, apply() {} })) }),
  { builtin: true },
);
bench('core/registry/get-100k', () => {
  for (let i = 0; i < 100_000; i++) registry.get('shaders', `s${i % 40}`);
});

const g = createGeometry({ rows: 56, cols: 192 });
const hue = Float32Array.from(g.angle, (a) => (a / (2 * Math.PI) + 1) % 1);
const val = Float32Array.from(g.distN, (d) => Math.min(1, d));
const out = new Uint8Array(56 * 192 * 3);
bench('core/color/hsv-field-md', () => hsvFieldToRgb(hue, 0.8, val, out));
