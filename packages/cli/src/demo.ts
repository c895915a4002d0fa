/**
 * The built-in showcase `glyphreel render --demo` renders: several short scenes that each show a different part of
 * the library (fields, particles, rain, fire, shaders, feedback, beat-conditional extras), over a synthesized
 * 120 BPM track so it works right after `npm ci`.
 */
export const DEMO_BPM = 120;

export function demoProject(durationS = 12): Record<string, unknown> {
  // Four scenes of equal length, cut on a beat (0.5 s at 120 BPM).
  const beat = 60 / DEMO_BPM;
  const cut = (k: number) => Math.round((durationS * k) / 4 / beat) * beat;
  return {
    version: 1,
    seed: 7,
    bpm: DEMO_BPM,
    scenes: [
      {
        name: 'plasma_rain',
        end: cut(1),
        grid: 'md',
        layers: [
          { effect: 'plasma', palette: 'default', hue: 'angle', saturation: 0.7 },
          { effect: 'matrix_rain', grid: 'sm', blend: 'screen', opacity: 0.9 },
        ],
        shaders: [['bloom', { thr: 130 }], ['vignette', { s: 0.22 }], ['scanlines', { intensity: 0.08 }]],
      },
      {
        name: 'rings_spectrum',
        end: cut(2),
        transition: { name: 'crossfade', duration: beat },
        grid: 'md',
        gamma: 0.7,
        layers: [
          { effect: 'rings', palette: 'dots', hue: { name: 'distance', params: { base: 0.55 } } },
          { effect: 'spectrum', grid: 'lg', blend: 'screen' },
        ],
        shaders: [['bloom', { thr: 120 }], ['chromatic', { amt: 3 }], ['vignette', {}]],
        extras: [{ when: { feature: 'bdecay', gt: 0.6 }, shaders: [['kaleidoscope', { folds: 6 }]] }],
      },
      {
        name: 'fire_embers',
        end: cut(3),
        transition: { name: 'wipe', params: { direction: 'up' }, duration: beat },
        grid: 'md',
        gamma: 0.65,
        layers: [
          // A dim smoke background so the frame is never flat black (the seed: "never leave flat black backgrounds").
          { effect: 'fbm', grid: 'sm', palette: 'dots', hue: 0.03, saturation: 0.9, params: { bri: 0.45, speed: 0.6 } },
          { effect: 'fire', grid: 'md', params: { n_base: 40, brightness: 1.4, flicker: 0.6 } },
          { effect: 'embers', grid: 'sm', blend: 'add', params: { rate: 12, beat_burst: 80 } },
        ],
        shaders: [['bloom', { thr: 110 }], ['grain', { amt: 10 }], ['vignette', {}]],
        feedback: { decay: 0.5, blend: 'add', opacity: 0.2, transform: 'shift_up', transformAmt: 0.02 },
      },
      {
        name: 'tunnel_glitch',
        end: durationS,
        grid: 'md',
        layers: [
          { effect: 'tunnel', palette: 'default', hue: { name: 'angle' }, saturation: 0.85 },
          { effect: 'voronoi', grid: 'sm', palette: 'braille', hue: 0.8, blend: 'screen', opacity: 0.6, params: { mode: 'edge' } },
        ],
        shaders: [['bloom', {}], ['glitch_bands', {}], ['vignette', {}]],
        feedback: { decay: 0.8, blend: 'screen', opacity: 0.4, transform: 'zoom', transformAmt: 0.015 },
      },
    ],
  };
}
