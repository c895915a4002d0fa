import { FeatureTable, AUDIO_FEATURES, Rng } from '@glyphreel/core';
import { autoPlanDetailed, describePlan } from './dist/autoplan/index.js';
import { reg } from './ap_reg_tmp.mjs';
import { validateProject } from './dist/project/validate.js';
export function track({ fps = 24, durationS = 60, bpm = 120, beats = true, offset = 0, rmsAt = (t) => (t < 16 || t >= 48 ? 0.15 : 0.8) } = {}) {
  const n = Math.round(durationS * fps);
  const ft = new FeatureTable(AUDIO_FEATURES, n);
  const rng = new Rng(3);
  for (const name of AUDIO_FEATURES) ft.series(name).fill(0.3);
  const rms = ft.series('rms'), beat = ft.series('beat'), bd = ft.series('bdecay');
  const per = (60 / bpm) * fps;
  for (let i = 0; i < n; i++) rms[i] = Math.min(1, Math.max(0, rmsAt(i / fps) + rng.uniform(-0.03, 0.03)));
  beat.fill(0); bd.fill(0);
  if (beats) for (let k = 0; ; k++) { const f = Math.round(offset + k * per); if (f >= n) break; beat[f] = 1; for (let d = 0; d < fps / 2 && f + d < n; d++) bd[f + d] = Math.max(bd[f + d], Math.exp(-2.5 * d / Math.floor(fps / 2))); }
  return ft;
}
const registry = await reg();
for (const [label, ft, dur] of [['120bpm', track(), 60], ['ambient', track({ beats: false, rmsAt: (t) => 0.3 + 0.2 * Math.sin(t / 10) }), 60], ['short', track({ durationS: 3 }), 3], ['fast', track({ bpm: 174, durationS: 40 }), 40], ['offset', track({ offset: 7, rmsAt: (t) => (t < 13 || t > 50 ? 0.1 : 0.7) }), 60]]) {
  const { project, sections } = autoPlanDetailed(ft, { fps: 24, durationS: dur, registry, seed: 1, shaders: 'standard' });
  validateProject(project, registry);
  console.log('==', label, sections.length, 'bpm', project.bpm);
  for (const l of describePlan(project)) console.log(l);
}
