import { FeatureTable, AUDIO_FEATURES, Rng } from "@glyphreel/core";
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
