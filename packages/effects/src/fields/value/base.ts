import type { ValueEffectDef } from '@glyphreel/core';
import { aurora } from './aurora.js';
import { cellular } from './cellular.js';
import { diamond } from './diamond.js';
import { domainWarp } from './domain-warp.js';
import { fbm } from './fbm.js';
import { freqWaves } from './freq-waves.js';
import { gameOfLife } from './game-of-life.js';
import { glow } from './glow.js';
import { interference } from './interference.js';
import { noiseStatic } from './noise-static.js';
import { noise } from './noise.js';
import { plasma } from './plasma.js';
import { rays } from './rays.js';
import { reactionDiffusion } from './reaction-diffusion.js';
import { rings } from './rings.js';
import { rotatedPlasma } from './rotated-plasma.js';
import { ripple } from './ripple.js';
import { sdf } from './sdf.js';
import { sinefield } from './sinefield.js';
import { smoothNoise } from './smooth-noise.js';
import { spiral } from './spiral.js';
import { strangeAttractor } from './strange-attractor.js';
import { temporalNoise } from './temporal-noise.js';
import { tiledVortex } from './tiled-vortex.js';
import { tunnel } from './tunnel.js';
import { voronoi } from './voronoi.js';
import { vortex } from './vortex.js';

/**
 * The 21 generators of catalog 2.1 in catalog order, the legacy producers that have no vf_ twin, and the two example
 * wrappers over transformed grids.
 */
export const baseValueEffects: ValueEffectDef<any>[] = [
  sinefield, smoothNoise, rings, spiral, tunnel, vortex, interference, aurora, ripple, plasma, diamond, noiseStatic,
  noise, fbm, domainWarp, voronoi,
  reactionDiffusion, gameOfLife, strangeAttractor, temporalNoise,
  sdf,
  rays, glow, freqWaves, cellular,
  rotatedPlasma, tiledVortex,
];
