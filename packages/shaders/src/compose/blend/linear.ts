import { GlyphreelError, linearToSrgb, srgbToLinear, type RgbFrame } from '@glyphreel/core';
import { blendBytes, checkOpacity, QUANT_GUARD } from './engine.js';
import { BLEND_EPS, BLEND_MODE_NAMES, blendFunction, type BlendMode } from './modes.js';

/**
 * Linear-light blending (catalog 4.1): sRGB → linear, blend, clamp, linear → sRGB. Recommended for screen/add glow
 * stacking; sRGB blending (blendFrames) stays right for text overlays and hot loops.
 */

/** byte → linear in float64 (core's SRGB_TO_LINEAR_LUT is float32, too coarse for exact round trips). */
const LIN64 = (() => {
  const t = new Float64Array(256);
  for (let i = 0; i < 256; i++) t[i] = srgbToLinear(i / 255);
  return t;
})();

const linearLuts = new Map<string, Uint8Array>();

/** The byte table of a linear-light blend; the whole pipeline of one pixel channel depends only on (base, top). */
export function blendLutLinear(mode: BlendMode | string, opacity = 1): Uint8Array {
  checkOpacity(opacity, `linear blend ${mode}`);
  const key = `${mode}:${opacity}`;
  let lut = linearLuts.get(key);
  if (lut) return lut;
  const fn = blendFunction(mode);
  lut = new Uint8Array(65536);
  const inv = 1 - opacity;
  for (let A = 0; A < 256; A++) {
    const a = LIN64[A] as number;
    for (let B = 0; B < 256; B++) {
      let r = fn(a, LIN64[B] as number);
      if (opacity < 1) r = a * inv + r * opacity;
      r = r < 0 ? 0 : r > 1 ? 1 : r;
      lut[(A << 8) | B] = r >= 1 ? 255 : Math.floor(linearToSrgb(r) * 255 + QUANT_GUARD);
    }
  }
  if (linearLuts.size >= 32) linearLuts.delete(linearLuts.keys().next().value as string);
  linearLuts.set(key, lut);
  return lut;
}

/** blend_canvas_linear: like blendFrames, in linear light. Same cost as blendFrames once its table exists. */
export function blendFramesLinear(base: Uint8Array, top: Uint8Array, mode: BlendMode | string, opacity: number, out: Uint8Array): Uint8Array {
  blendBytes(base, top, blendLutLinear(mode, opacity), out);
  return out;
}

/** Linear values at which the sRGB byte steps up: thresholds[k] = linear((k − guard)/255). */
const STEP_GUARD = 1e-3;
const THRESHOLDS = (() => {
  const t = new Float64Array(257);
  t[0] = -Infinity;
  for (let k = 1; k < 256; k++) t[k] = srgbToLinear((k - STEP_GUARD) / 255);
  t[256] = Infinity;
  return t;
})();
/** Coarse index: BUCKET[⌊x·65535⌋] = the byte for the bucket's lower edge; one step up at most fixes it. */
const BUCKET = (() => {
  const t = new Uint8Array(65536);
  let k = 0;
  for (let i = 0; i < 65536; i++) {
    const x = i / 65535;
    while (k < 255 && (THRESHOLDS[k + 1] as number) <= x) k++;
    t[i] = k;
  }
  return t;
})();

function linearToByte(x: number): number {
  if (!(x > 0)) return 0;
  if (x >= 1) return 255;
  let k = BUCKET[(x * 65535) | 0] as number;
  while (x >= (THRESHOLDS[k + 1] as number)) k++;
  return k;
}

let accumulator = new Float32Array(0);

/**
 * blend_many_linear: converts every layer to linear once, folds left over the stack with layers.length − 1 modes and
 * opacities, clamps after each step, converts back once. The accumulator is float32, so results are within ±1 of
 * the float64 formula (exact on identity cases such as a single layer or `normal` at opacity 1).
 */
export function blendManyLinear(
  layers: readonly RgbFrame[],
  modes: readonly (BlendMode | string)[],
  opacities: readonly number[],
  out?: RgbFrame,
): RgbFrame {
  const first = layers[0];
  if (!first) throw new GlyphreelError('E_PARAM', 'blendManyLinear needs at least one layer');
  if (modes.length !== layers.length - 1 || opacities.length !== layers.length - 1) {
    throw new GlyphreelError(
      'E_PARAM',
      `blendManyLinear: ${layers.length} layers need ${layers.length - 1} modes and opacities, got ${modes.length} and ${opacities.length}`,
    );
  }
  for (const l of layers) {
    if (l.width !== first.width || l.height !== first.height) {
      throw new GlyphreelError('E_PARAM', `blendManyLinear: layer sizes differ (${first.width}×${first.height} vs ${l.width}×${l.height})`);
    }
  }
  const kernels = modes.map((m) => {
    blendFunction(m); // throws E_UNKNOWN for an unknown name
    return BLEND_MODE_NAMES.indexOf(m as BlendMode);
  });
  opacities.forEach((op, k) => checkOpacity(op, `blendManyLinear step ${k + 1} (${modes[k]})`));
  const n = first.data.length;
  if (accumulator.length < n) accumulator = new Float32Array(n);
  const acc = accumulator;
  const src0 = first.data;
  for (let i = 0; i < n; i++) acc[i] = LIN64[src0[i] as number] as number;
  for (let k = 1; k < layers.length; k++) {
    foldStep(acc, (layers[k] as RgbFrame).data, kernels[k - 1] as number, opacities[k - 1] as number);
  }
  const dst = out ?? { width: first.width, height: first.height, data: new Uint8Array(n) };
  const d = dst.data;
  for (let i = 0; i < n; i++) d[i] = linearToByte(acc[i] as number);
  return dst;
}

const cl = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/**
 * One fold step over the float accumulator. The formulas are inlined behind a switch on the mode's catalog index
 * (same expressions as modes.ts), so the loop has no indirect call that V8 would see with up to 20 different targets;
 * tests check every mode against the BlendDef functions.
 */
function foldStep(acc: Float32Array, top: Uint8Array, mode: number, op: number): void {
  const n = top.length;
  const lerp = op < 1;
  const inv = 1 - op;
  const E = BLEND_EPS;
  for (let i = 0; i < n; i++) {
    const a = acc[i] as number;
    const b = LIN64[top[i] as number] as number;
    let r: number;
    switch (mode) {
      case 0: r = b; break;
      case 1: r = cl(a + b); break;
      case 2: r = cl(a - b); break;
      case 3: r = a * b; break;
      case 4: r = 1 - (1 - a) * (1 - b); break;
      case 5: r = a < 0.5 ? 2 * a * b : 1 - 2 * (1 - a) * (1 - b); break;
      case 6: r = (1 - 2 * b) * a * a + 2 * b * a; break;
      case 7: r = b < 0.5 ? 2 * a * b : 1 - 2 * (1 - a) * (1 - b); break;
      case 8: r = Math.abs(a - b); break;
      case 9: r = a + b - 2 * a * b; break;
      case 10: r = cl(a / (1 - b + E)); break;
      case 11: r = cl(1 - (1 - a) / (b + E)); break;
      case 12: r = cl(a + 2 * b - 1); break;
      case 13: r = b < 0.5 ? cl(1 - (1 - a) / (2 * b + E)) : cl(a / (2 * (1 - b) + E)); break;
      case 14: r = b < 0.5 ? Math.min(a, 2 * b) : Math.max(a, 2 * b - 1); break;
      case 15: r = a + b >= 1 ? 1 : 0; break;
      case 16: r = a > b ? a : b; break;
      case 17: r = a < b ? a : b; break;
      case 18: r = cl(a - b + 0.5); break;
      default: r = cl(a + b - 0.5); break;
    }
    if (lerp) r = a * inv + r * op;
    acc[i] = r < 0 ? 0 : r > 1 ? 1 : r;
  }
}
