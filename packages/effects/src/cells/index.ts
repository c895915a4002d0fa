import type { EffectDef } from '@glyphreel/core';
import { beatWords } from './character/beat-words.js';
import { blockCorrupt } from './character/block-corrupt.js';
import { errorMessages } from './character/error-messages.js';
import { fadingMessages } from './character/fading-messages.js';
import { fire, fireIce } from './character/fire.js';
import { glitchDisplace } from './character/glitch-displace.js';
import { hexStream } from './character/hex-stream.js';
import { matrixRain } from './character/matrix-rain.js';
import { scanbars } from './character/scanbars.js';
import { shake } from './character/shake.js';
import { spectrum } from './character/spectrum.js';
import { ticker } from './character/ticker.js';
import { waveform } from './character/waveform.js';
import { boids } from './particles/boids.js';
import { dissolve } from './particles/dissolve.js';
import { embers } from './particles/embers.js';
import { explosion } from './particles/explosion.js';
import { flow } from './particles/flow.js';
import { gravityWell } from './particles/gravity-well.js';
import { orbit } from './particles/orbit.js';
import { starfield } from './particles/starfield.js';
import { trails } from './particles/trails.js';

export { BEAT_THRESHOLD, isBeat, resolveCharSet, resolvePalette, stampIds } from './common.js';
export { ParticlePool } from './particles/pool.js';
export { TrailHistory } from './particles/trail-history.js';
export { CAPS as PARTICLE_CAPS, capLevel, getParticlePool, particleCap } from './particles/system.js';
export type { CapTable } from './particles/system.js';
export type { RainState } from './character/matrix-rain.js';
export { ERRORS_COSMIC, ERRORS_ORGANIC, ERRORS_TECH } from './character/error-messages.js';
export { BLOCK_CORRUPT_POOL } from './character/block-corrupt.js';
export { wrapText } from './character/fading-messages.js';
export {
  beatWords, blockCorrupt, boids, dissolve, embers, errorMessages, explosion, fadingMessages, fire, fireIce, flow,
  glitchDisplace, gravityWell, hexStream, matrixRain, orbit, scanbars, shake, spectrum, starfield, ticker, trails,
  waveform,
};

/** The nine particle systems of catalog 2.5. */
export const particleSystems: EffectDef<any>[] = [explosion, embers, dissolve, starfield, orbit, gravityWell, boids, flow, trails];

/** The character-level effects of catalog 2.6 (generators first, then the post-processes that modify a layer). */
export const characterEffects: EffectDef<any>[] = [
  matrixRain, fire, fireIce, spectrum, waveform, ticker, beatWords, fadingMessages, hexStream, errorMessages,
  glitchDisplace, blockCorrupt, scanbars, shake,
];

/** Post-processes: they rework what earlier effects drew into the layer they are given. */
export const POST_PROCESS_EFFECTS: readonly string[] = ['glitch_displace', 'block_corrupt', 'scanbars', 'shake'];

export const cellEffects: EffectDef<any>[] = [...particleSystems, ...characterEffects];
