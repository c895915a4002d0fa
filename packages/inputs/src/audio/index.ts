export * from './fft.js';
export * from './series.js';
export * from './find-peaks.js';
export * from './analyze.js';
export * from './decode.js';
export * from './cache.js';
export * from './load.js';
