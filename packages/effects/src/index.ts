export { effectsPlugin } from './plugin.js';
export * from './fields/index.js';
export * from './cells/index.js';
