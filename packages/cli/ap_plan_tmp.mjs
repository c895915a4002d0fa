import { writeFileSync, mkdirSync } from 'node:fs';
import { renderTestFrame } from './dist/commands/frame.js';
import { autoPlanDetailed } from './dist/autoplan/index.js';
import { buildRegistry } from './dist/runtime/plugins.js';
import { track } from './ap_track_tmp.mjs';
mkdirSync('/tmp/ap/plan', { recursive: true });
const registry = await buildRegistry();
const res = process.argv[2] ?? '320x180';
for (const seed of [1, 2, 3]) for (const tier of ['standard']) {
  const { project, sections } = autoPlanDetailed(track(), { fps: 24, durationS: 60, registry, seed, shaders: tier });
  const file = `/tmp/ap/plan/p${seed}.json`;
  writeFileSync(file, JSON.stringify(project));
  for (const [i, s] of sections.entries()) {
    const r = await renderTestFrame({ scenes: file, quality: 'draft', resolution: res, workers: '1', at: String((s.start + s.end) / 2), output: `/tmp/ap/plan/p${seed}_${i}.png` });
    console.log(seed, i, s.level.padEnd(5), `${s.content}/${s.mood}/${s.palette}/${s.hue}`.padEnd(50), r.meanBrightness.toFixed(1).padStart(6), Math.round(r.ms) + 'ms', r.warnings.join('|').slice(0, 80));
  }
}
