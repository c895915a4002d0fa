import type { EffectDef } from '@glyphreel/core';
import { imageEffect } from '../image/image-effect.js';
import { videoEffect } from './video-effect.js';

export * from './ffmpeg-path.js';
export * from './reader.js';
export * from './frame-to-cells.js';
export * from './features.js';
export { videoEffect, resolvePaletteText } from './video-effect.js';
export * from '../image/index.js';

/** The registered media layers: `video` and `image` (catalog 5.2, 5.3). */
export const mediaEffects: EffectDef<any>[] = [videoEffect, imageEffect];
