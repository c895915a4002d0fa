export * from './glob.js';
export * from './load-image.js';
export * from './resample.js';
export { imageEffect, workingSize, sequencePosition } from './image-effect.js';
export * from './texture.js';
export { jpegOrientation, orientationFilter, orientationOf } from './orientation.js';
