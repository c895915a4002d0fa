export * from './detect.js';
export * from './profile.js';
export * from './resolution.js';
export * from './log-lines.js';
