import { writeFileSync, mkdirSync } from 'node:fs';
import { Rng } from '@glyphreel/core';
import { renderTestFrame } from './dist/commands/frame.js';
import { CONTENT_FIELDS, BACKGROUND_FIELDS, ACCENTS, CONTENT_PALETTES } from './dist/autoplan/looks.js';
mkdirSync('/tmp/ap/sweep', { recursive: true });
async function one(label, layers, shaders = []) {
  const file = `/tmp/ap/sweep/${label}.json`;
  writeFileSync(file, JSON.stringify({ version: 1, seed: 1, scenes: [{ name: 'x', end: 4, layers, shaders }] }));
  const r = await renderTestFrame({ scenes: file, quality: 'draft', resolution: '320x180', workers: '1', at: '2', output: `/tmp/ap/sweep/${label}.png` });
  console.log(label.padEnd(36), r.meanBrightness.toFixed(1).padStart(6), Math.round(r.ms) + 'ms', r.warnings.map((w) => w.slice(0, 70)).join(' | '));
}
const rng = new Rng(5);
for (const f of CONTENT_FIELDS) for (const l of f.levels) await one(`content_${f.name}_${l}`, [{ effect: f.name, params: f.params(l, rng), palette: 'default', hue: 0.6 }]);
for (const f of BACKGROUND_FIELDS) await one(`bg_${f.name}`, [{ effect: f.name, params: f.params('calm', rng), grid: 'xs', palette: 'dots', hue: 0.6, opacity: 0.3 }]);
for (const a of ACCENTS) await one(`accent_${a.name}`, [{ effect: a.name, params: a.params('peak', rng, 0.1), grid: a.grid }]);
for (const p of CONTENT_PALETTES) await one(`pal_${p}`, [{ effect: 'plasma', palette: p, hue: 0.3 }]);
