/** The colour API lives in @glyphreel/core (effects may depend on core only); re-exported here for convenience. */
export {
  wrap01, hsvToRgbInto, hsvToRgb, hsvFieldToRgb, rgbToHsvInto, rgbToHsv, srgbToLinear, linearToSrgb, SRGB_TO_LINEAR_LUT,
  linearRgbToOklab, oklabToLinearRgb, rgbToOklab, oklabToRgb, oklabToOklch, oklchToOklab, oklchToRgb, rgbToOklch,
  lerpOklab, lerpOklch, harmonyComplementary, harmonyTriadic, harmonyAnalogous, harmonySplitComplementary,
  harmonyTetradic, RGB_PALETTES, rgbPaletteMap,
} from '@glyphreel/core';
export type { Rgb, Lab } from '@glyphreel/core';
