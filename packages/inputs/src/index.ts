export * from './synthetic.js';
export * from './audio/index.js';
