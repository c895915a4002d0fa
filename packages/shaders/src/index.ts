export { shadersPlugin } from './plugin.js';
export * from './shaders/index.js';
export * from './compose/index.js';
