export { beatTimes, visualBeatTimes, frameMeans, brightnessJumps, VISUAL_PROBE_SIZE, type VisualBeatOptions } from './beats.js';
export { syncReport, SYNC_MIN_MATCHED_SHARE, SYNC_TARGET_MEAN_MS, SYNC_TARGET_MAX_MS, type SyncReport, type SyncPair } from './report.js';
export { syncCheck, type SyncCheckOptions, type SyncCheckResult } from './check.js';
