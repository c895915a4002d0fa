export { analyzeTrack, energyStep, estimateBpm, meanRms, ENERGY_WINDOW_S, type TrackAnalysis } from './analysis.js';
export { planCuts, MIN_SECTION_S, MAX_SECTION_S, TARGET_SECTION_S, PHRASE_BEATS, MIN_PHRASE_BEATS, type Cuts } from './cuts.js';
export { autoPlan, autoPlanDetailed, describePlan, levelOf, assignLevels, inventPalette, chooseShaders, CALM_RATIO, PEAK_RATIO, LEVEL_GAMMA, TIER_SHADERS, type AutoPlanOptions, type PlannedSection, type RawProject } from './plan.js';
export type { Level, ShaderTier } from './looks.js';
export { planFromAudio, type PlanFromAudioOptions } from './from-audio.js';
