import { existingWasmArena, GlyphreelError, hsvToRgbInto, type CellLayer, type Field } from '@glyphreel/core';
import { fieldToLayerInArena } from './mapping-kernel.js';

/** `_render_vf`'s defaults (catalog 1.5). */
export const DEFAULT_SATURATION = 0.8;
export const DEFAULT_THRESHOLD = 0.03;

const clamp01 = (v: number) => (v > 0 ? (v < 1 ? v : 1) : 0); // NaN → 0

function checkSizes(what: string, value: Field, glyphs: Uint16Array, palette: Uint16Array): void {
  if (value.length !== glyphs.length) {
    throw new GlyphreelError('E_PARAM', `${what}: the value field has ${value.length} cells but the layer has ${glyphs.length}`);
  }
  if (palette.length === 0) {
    throw new GlyphreelError('E_PARAM', `${what}: the palette is empty (no glyph of it can be drawn with this font)`);
  }
}

/**
 * `val2char`: idx = clamp(⌊v·n⌋, 0, n−1) into the palette's glyph ids; cells with v ≤ threshold (unmasked) are
 * blank. `mask`, when given, replaces the threshold test (non-zero = masked in).
 */
export function val2char(value: Field, palette: Uint16Array, out: Uint16Array, threshold = 0, mask?: Uint8Array): Uint16Array {
  checkSizes('val2char', value, out, palette);
  const n = palette.length;
  for (let i = 0; i < value.length; i++) {
    const v = clamp01(value[i] as number);
    if (mask ? mask[i] === 0 : !(v > threshold)) {
      out[i] = 0;
      continue;
    }
    let k = Math.floor(v * n);
    if (k > n - 1) k = n - 1;
    out[i] = palette[k] as number;
  }
  return out;
}

/** `val2char_gamma`: maps clamp(v)^gamma through val2char (the mask still tests the un-curved value). */
export function val2charGamma(value: Field, palette: Uint16Array, out: Uint16Array, gamma: number, threshold = 0, mask?: Uint8Array): Uint16Array {
  checkSizes('val2charGamma', value, out, palette);
  if (!(gamma > 0) || !Number.isFinite(gamma)) throw new GlyphreelError('E_PARAM', `val2charGamma: gamma must be > 0, got ${gamma}`);
  const n = palette.length;
  for (let i = 0; i < value.length; i++) {
    const v = clamp01(value[i] as number);
    if (mask ? mask[i] === 0 : !(v > threshold)) {
      out[i] = 0;
      continue;
    }
    let k = Math.floor(Math.pow(v, gamma) * n);
    if (k > n - 1) k = n - 1;
    out[i] = palette[k] as number;
  }
  return out;
}

/**
 * `val2char_step`: explicit breakpoints, v > thresholds[i] → palette[i+1] (later breakpoints win), otherwise
 * palette[0]. As in the reference the default fill palette[0] applies outside the mask too (palette[0] is normally
 * the space, i.e. blank).
 */
export function val2charStep(value: Field, palette: Uint16Array, out: Uint16Array, thresholds: readonly number[], mask?: Uint8Array): Uint16Array {
  checkSizes('val2charStep', value, out, palette);
  if (thresholds.length > palette.length - 1) {
    throw new GlyphreelError('E_PARAM', `val2charStep: ${thresholds.length} thresholds need ${thresholds.length + 1} palette glyphs, the palette has ${palette.length}`);
  }
  const p0 = palette[0] as number;
  const m = thresholds.length;
  for (let i = 0; i < value.length; i++) {
    let g = p0;
    if (!mask || mask[i] !== 0) {
      const v = value[i] as number;
      for (let t = 0; t < m; t++) if (v > (thresholds[t] as number)) g = palette[t + 1] as number;
    }
    out[i] = g;
  }
  return out;
}

/**
 * The cell half of `_render_vf` (catalog 1.5): clamp the value field, mask v > threshold, glyph by val2char, colour
 * hsv(hue mod 1, saturation, v) — the value doubles as brightness. Unmasked cells are blank and black.
 * `hue` is a field or one constant hue.
 */
export function fieldToLayer(
  layer: CellLayer,
  value: Field,
  hue: Field | number,
  palette: Uint16Array,
  saturation = DEFAULT_SATURATION,
  threshold = DEFAULT_THRESHOLD,
): CellLayer {
  checkSizes('renderField', value, layer.glyphs, palette);
  const constHue = typeof hue === 'number';
  if (!constHue && hue.length !== value.length) {
    throw new GlyphreelError('E_PARAM', `renderField: the hue field has ${hue.length} cells but the value field has ${value.length}`);
  }
  // A thread with a wasm arena (every render worker) maps with the kernel of wasm/mapping.wat.mjs: the same bytes,
  // without V8 optimizing this loop and its colour helpers at every worker's start.
  const arena = existingWasmArena();
  if (arena !== undefined && value.length >= KERNEL_MIN_CELLS) {
    fieldToLayerInArena(arena, layer, value, hue, palette, saturation, threshold);
    return layer;
  }
  return fieldToLayerLoop(layer, value, hue, palette, saturation, threshold);
}

/** Below this many cells the copies in and out of the arena cost more than the loop. */
const KERNEL_MIN_CELLS = 256;

/** The JavaScript definition of fieldToLayer (threads without an arena, small layers; the kernel's reference). */
export function fieldToLayerLoop(layer: CellLayer, value: Field, hue: Field | number, palette: Uint16Array, saturation: number, threshold: number): CellLayer {
  const glyphs = layer.glyphs;
  const colors = layer.colors;
  const constHue = typeof hue === 'number';
  const n = palette.length;
  for (let i = 0; i < value.length; i++) {
    const v = clamp01(value[i] as number);
    const ci = i * 3;
    if (!(v > threshold)) {
      glyphs[i] = 0;
      colors[ci] = colors[ci + 1] = colors[ci + 2] = 0;
      continue;
    }
    let k = Math.floor(v * n);
    if (k > n - 1) k = n - 1;
    glyphs[i] = palette[k] as number;
    hsvToRgbInto(constHue ? hue : (hue[i] as number), saturation, v, colors, ci);
  }
  return layer;
}

/** `_render_vf_rgb`, the variant the docs name but never define: the colour comes from an RGB field (e.g. OKLCH
 * hues), scaled by the value like V scales an HSV colour: ⌊c·v⌋. */
export function fieldToLayerRgb(layer: CellLayer, value: Field, rgb: Uint8Array, palette: Uint16Array, threshold = DEFAULT_THRESHOLD): CellLayer {
  const glyphs = layer.glyphs;
  const colors = layer.colors;
  checkSizes('renderFieldRgb', value, glyphs, palette);
  if (rgb.length !== value.length * 3) {
    throw new GlyphreelError('E_PARAM', `renderFieldRgb: the RGB field has ${rgb.length} bytes, expected ${value.length * 3}`);
  }
  const n = palette.length;
  for (let i = 0; i < value.length; i++) {
    const v = clamp01(value[i] as number);
    const ci = i * 3;
    if (!(v > threshold)) {
      glyphs[i] = 0;
      colors[ci] = colors[ci + 1] = colors[ci + 2] = 0;
      continue;
    }
    let k = Math.floor(v * n);
    if (k > n - 1) k = n - 1;
    glyphs[i] = palette[k] as number;
    colors[ci] = ((rgb[ci] as number) * v) | 0;
    colors[ci + 1] = ((rgb[ci + 1] as number) * v) | 0;
    colors[ci + 2] = ((rgb[ci + 2] as number) * v) | 0;
  }
  return layer;
}
