import type { EffectDef, HueDef, TransformDef } from '@glyphreel/core';
import { angleHue } from './hue/angle.js';
import { audioCentHue } from './hue/audio-cent.js';
import { distanceHue } from './hue/distance.js';
import { fixedHue } from './hue/fixed.js';
import { gradientHHue } from './hue/gradient-h.js';
import { gradientVHue } from './hue/gradient-v.js';
import { oklchAngleHue } from './hue/oklch-angle.js';
import { plasmaHue } from './hue/plasma.js';
import { timeCycleHue } from './hue/time-cycle.js';
import { cartesianFromPolar } from './transforms/cartesian-from-polar.js';
import { fisheye } from './transforms/fisheye.js';
import { mobius } from './transforms/mobius.js';
import { polar } from './transforms/polar.js';
import { rotate } from './transforms/rotate.js';
import { scale } from './transforms/scale.js';
import { skew } from './transforms/skew.js';
import { tile } from './transforms/tile.js';
import { twist } from './transforms/twist.js';
import { wave } from './transforms/wave.js';
import { baseValueEffects } from './value/base.js';
import { morph } from './value/morph.js';
import { sequence } from './value/sequence.js';

/** Every value field: the 21 generators, the legacy producers, the example wrappers, morph and sequence. */
export const valueEffects: EffectDef<any>[] = [...baseValueEffects, morph, sequence];
/** The 9 hue fields (8 hue outputs and the RGB oklch_angle). */
export const hueFields: HueDef<any>[] = [
  fixedHue, angleHue, distanceHue, timeCycleHue, audioCentHue, gradientHHue, gradientVHue, plasmaHue, oklchAngleHue,
];
/** The 10 registered coordinate transforms (uv_rotate_raw is the function rotateRaw). */
export const transforms: TransformDef<any>[] = [
  rotate, scale, skew, tile, polar, cartesianFromPolar, twist, fisheye, wave, mobius,
];

export { hash2d, hash2dInt } from './noise/hash.js';
export { HashLattice } from './noise/lattice.js';
export { smoothstep, smootherstep, valueNoise2d, valueNoiseField } from './noise/value-noise.js';
export * from './sdf/primitives.js';
export * from './sdf/combinators.js';
export * from './temporal/easing.js';
export * from './temporal/keyframe.js';
export * from './temporal/arcs.js';
export { transformedGrid, isTransformedGrid, type TransformedGrid } from './transforms/tgrid.js';
export { applyTransform } from './transforms/apply.js';
export { rotateRaw, rotate } from './transforms/rotate.js';
export { scale, skew, tile, polar, cartesianFromPolar, twist, fisheye, wave, mobius };
export { fixedHue, angleHue, distanceHue, timeCycleHue, audioCentHue, gradientHHue, gradientVHue, plasmaHue, oklchAngleHue };
export { morph, sequence };
export { morphFields, COMPOSABLE_FIELDS, type FieldFn } from './value/morph.js';
export { sequenceFields, sequencePosition } from './value/sequence.js';
export { SubContext } from './value/sub-context.js';
export { RD_PRESETS, reactionDiffusion } from './value/reaction-diffusion.js';
export { LIFE_RULES, gameOfLife } from './value/game-of-life.js';
export { sinefield } from './value/sinefield.js';
export { smoothNoise } from './value/smooth-noise.js';
export { rings } from './value/rings.js';
export { spiral } from './value/spiral.js';
export { tunnel } from './value/tunnel.js';
export { vortex } from './value/vortex.js';
export { interference } from './value/interference.js';
export { aurora } from './value/aurora.js';
export { ripple } from './value/ripple.js';
export { plasma } from './value/plasma.js';
export { diamond } from './value/diamond.js';
export { noiseStatic } from './value/noise-static.js';
export { noise } from './value/noise.js';
export { fbm } from './value/fbm.js';
export { domainWarp } from './value/domain-warp.js';
export { voronoi } from './value/voronoi.js';
export { strangeAttractor } from './value/strange-attractor.js';
export { temporalNoise } from './value/temporal-noise.js';
export { sdf } from './value/sdf.js';
export { rays } from './value/rays.js';
export { glow } from './value/glow.js';
export { freqWaves } from './value/freq-waves.js';
export { cellular } from './value/cellular.js';
export { rotatedPlasma } from './value/rotated-plasma.js';
export { tiledVortex } from './value/tiled-vortex.js';
