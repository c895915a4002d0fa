export * from './synthetic.js';
