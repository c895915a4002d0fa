export { mixNarration, type MixOptions, type MixResult, type NarrationClip, type PlacedClip } from './mix.js';
