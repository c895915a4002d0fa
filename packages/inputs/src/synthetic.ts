import { AUDIO_FEATURES, FeatureTable, GlyphreelError } from '@glyphreel/core';

/**
 * Synthetic features for generative mode (catalog 5.1 `synthetic_features(t, bpm)`): smooth sines plus a beat grid,
 * so effects animate and pulse with no audio. `lomid` and `himid` are not synthesized (the reference leaves them to
 * the 0.3 default) and are absent here too.
 */
export function syntheticFeatures(t: number, bpm = 120): Record<string, number> {
  const period = 60 / bpm;
  const phase = (((t % period) + period) % period) / period;
  return {
    rms: 0.5 + 0.3 * Math.sin(0.5 * t),
    bass: 0.5 + 0.4 * Math.sin((2 * Math.PI * t) / period),
    sub: 0.3 + 0.3 * Math.sin(0.8 * t),
    mid: 0.4 + 0.3 * Math.sin(1.3 * t),
    hi: 0.3 + 0.2 * Math.sin(2.1 * t),
    cent: 0.5 + 0.2 * Math.sin(0.3 * t),
    flat: 0.4,
    flux: 0.3 + 0.2 * Math.sin(3 * t),
    beat: phase < 0.05 ? 1 : 0,
    bdecay: Math.max(0, 1 - 4 * phase),
    sub_r: 0.2,
    bass_r: 0.25,
    lomid_r: 0.15,
    mid_r: 0.2,
    himid_r: 0.12,
    hi_r: 0.08,
    cent_d: 0.1,
  };
}

/** Names synthesized (the 19 audio features less lomid and himid). */
export const SYNTHETIC_FEATURES: readonly string[] = AUDIO_FEATURES.filter((n) => n !== 'lomid' && n !== 'himid');

/**
 * A whole-video table of synthetic features, t = i / fps from the integer frame index (never accumulated), in a
 * SharedArrayBuffer ready for the workers.
 */
export function syntheticFeatureTable(frames: number, fps: number, bpm = 120): FeatureTable {
  if (!Number.isInteger(frames) || frames < 0) throw new GlyphreelError('E_PARAM', `syntheticFeatureTable: frames must be a whole number >= 0, got ${frames}`);
  if (!(fps > 0)) throw new GlyphreelError('E_PARAM', `syntheticFeatureTable: fps must be > 0, got ${fps}`);
  if (!(bpm > 0)) throw new GlyphreelError('E_PARAM', `syntheticFeatureTable: bpm must be > 0, got ${bpm}`);
  const table = new FeatureTable(SYNTHETIC_FEATURES, frames);
  const series = SYNTHETIC_FEATURES.map((n) => table.series(n));
  for (let i = 0; i < frames; i++) {
    const f = syntheticFeatures(i / fps, bpm);
    SYNTHETIC_FEATURES.forEach((n, k) => {
      (series[k] as Float32Array)[i] = f[n] as number;
    });
  }
  return table;
}
