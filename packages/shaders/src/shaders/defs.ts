import type { ShaderDef } from '@glyphreel/core';
import { chromatic } from './channel/chromatic.js';
import { channelShift } from './channel/channel-shift.js';
import { channelSwap } from './channel/channel-swap.js';
import { rgbSplitRadial } from './channel/rgb-split-radial.js';
import { colorGrade } from './color/color-grade.js';
import { colorRamp } from './color/color-ramp.js';
import { colorWobble } from './color/color-wobble.js';
import { hueRotate } from './color/hue-rotate.js';
import { invert } from './color/invert.js';
import { posterize } from './color/posterize.js';
import { saturation } from './color/saturation.js';
import { solarize } from './color/solarize.js';
import { threshold } from './color/threshold.js';
import { crt } from './geometry/crt.js';
import { kaleidoscope } from './geometry/kaleidoscope.js';
import { mirrorDiag } from './geometry/mirror-diag.js';
import { mirrorH } from './geometry/mirror-h.js';
import { mirrorQuad } from './geometry/mirror-quad.js';
import { mirrorV } from './geometry/mirror-v.js';
import { pixelate } from './geometry/pixelate.js';
import { waveDistort } from './geometry/wave-distort.js';
import { blockGlitch } from './glitch/block-glitch.js';
import { dataBend } from './glitch/data-bend.js';
import { glitchBands } from './glitch/glitch-bands.js';
import { pixelSort } from './glitch/pixel-sort.js';
import { bloom } from './glow/bloom.js';
import { edgeGlow } from './glow/edge-glow.js';
import { radialBlur } from './glow/radial-blur.js';
import { softFocus } from './glow/soft-focus.js';
import { halftone } from './lines/halftone.js';
import { scanlines } from './lines/scanlines.js';
import { grain } from './noise/grain.js';
import { staticNoise } from './noise/static.js';
import { brightness } from './tone/brightness.js';
import { contrast } from './tone/contrast.js';
import { gamma } from './tone/gamma.js';
import { levels } from './tone/levels.js';
import { vignette } from './tone/vignette.js';

/**
 * The 38 dispatchable shaders of catalog 3.1, in catalog order. Kept in its own module (imported first by the
 * index) so that plugin.ts can read it even when a consumer enters through this folder's index.
 */
export const shaderDefs: ShaderDef<any>[] = [
  // geometry
  crt, pixelate, waveDistort, kaleidoscope, mirrorH, mirrorV, mirrorQuad, mirrorDiag,
  // channel
  chromatic, channelShift, channelSwap, rgbSplitRadial,
  // colour
  invert, posterize, threshold, solarize, hueRotate, saturation, colorGrade, colorWobble, colorRamp,
  // glow / blur
  bloom, edgeGlow, softFocus, radialBlur,
  // noise
  grain, staticNoise,
  // lines / patterns
  scanlines, halftone,
  // tone
  vignette, contrast, gamma, levels, brightness,
  // glitch / data
  glitchBands, blockGlitch, pixelSort, dataBend,
];

export {
  crt, pixelate, waveDistort, kaleidoscope, mirrorH, mirrorV, mirrorQuad, mirrorDiag,
  chromatic, channelShift, channelSwap, rgbSplitRadial,
  invert, posterize, threshold, solarize, hueRotate, saturation, colorGrade, colorWobble, colorRamp,
  bloom, edgeGlow, softFocus, radialBlur,
  grain, staticNoise,
  scanlines, halftone,
  vignette, contrast, gamma, levels, brightness,
  glitchBands, blockGlitch, pixelSort, dataBend,
};
