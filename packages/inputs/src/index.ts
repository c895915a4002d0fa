export * from './synthetic.js';
export * from './audio/index.js';
export { inputsPlugin } from './plugin.js';
export * from './sync/index.js';
export * from './lyrics/index.js';
export * from './video/index.js';
export * from './narration/index.js';
export { expandSequence, isGlob } from './image/glob.js';
