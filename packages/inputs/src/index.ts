export * from './synthetic.js';
export * from './audio/index.js';
export { inputsPlugin } from './plugin.js';
