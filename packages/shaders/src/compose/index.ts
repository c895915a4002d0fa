import type { BlendDef, MaskDef, TransitionDef } from '@glyphreel/core';
import { BLEND_DEFS } from './blend/modes.js';
import { circleMask } from './masks/circle.js';
import { dissolveMask } from './masks/dissolve.js';
import { gradientHMask, gradientRadialMask, gradientVMask } from './masks/gradient.js';
import { irisMask } from './masks/iris.js';
import { rectMask } from './masks/rect.js';
import { ringMask } from './masks/ring.js';
import { wipeHMask, wipeVMask } from './masks/wipe.js';
import { crossfadeTransition } from './transitions/crossfade.js';
import { dissolveTransition } from './transitions/dissolve.js';
import { glitchCutTransition } from './transitions/glitch-cut.js';
import { irisTransition } from './transitions/iris.js';
import { wipeTransition } from './transitions/wipe.js';

export * from './blend/modes.js';
export { blendFrames, blendRgbFrames, blendLut, blendBytes, blendModeTable, quantizeUnit, QUANT_GUARD } from './blend/engine.js';
export { blendFramesLinear, blendLutLinear, blendManyLinear } from './blend/linear.js';
export { PixelBlendStack } from './blend/stack.js';
export * from './tonemap.js';
export { FeedbackBuffer, FEEDBACK_DEFAULTS, type FeedbackOptions } from './feedback/buffer.js';
export { FEEDBACK_TRANSFORMS, isFeedbackTransform, buildTransformPlan, applyTransformPlan, type FeedbackTransform, type TransformPlan } from './feedback/transforms.js';
export * from './feedback/presets.js';
export * from './grade/tints.js';
export * from './grade/moods.js';
export * from './masks/circle.js';
export * from './masks/rect.js';
export * from './masks/ring.js';
export * from './masks/gradient.js';
export * from './masks/iris.js';
export * from './masks/wipe.js';
export * from './masks/dissolve.js';
export * from './masks/field.js';
export * from './masks/boolean.js';
export * from './masks/text.js';
export * from './masks/apply.js';
export { EASINGS, EASING_NAMES, type EasingName } from './masks/easing.js';
export { maskProgress } from './masks/common.js';
export * from './transitions/crossfade.js';
export * from './transitions/wipe.js';
export * from './transitions/dissolve.js';
export * from './transitions/iris.js';
export * from './transitions/glitch-cut.js';
export * from './transitions/cell-crossfade.js';

/** The 20 blend modes of catalog 4.1. */
export const blendDefs: BlendDef[] = [...BLEND_DEFS];

/** Grid-mask generators (the operators — from_vf, select, text, boolean ops — are functions, since they take fields). */
export const maskDefs: MaskDef<any>[] = [
  circleMask, rectMask, ringMask, gradientHMask, gradientVMask, gradientRadialMask,
  irisMask, wipeHMask, wipeVMask, dissolveMask,
];

export const transitionDefs: TransitionDef<any>[] = [
  crossfadeTransition, wipeTransition, dissolveTransition, irisTransition, glitchCutTransition,
];
