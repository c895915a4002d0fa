import { GlyphreelError, type RgbFrame } from '@glyphreel/core';
import { blendLut, checkOpacity, LutCache, QUANT_GUARD } from '../blend/engine.js';
import type { BlendMode } from '../blend/modes.js';
import { arena } from '../../shaders/internal/simd/arena.js';
import { hueShiftLevels } from '../../shaders/internal/hsv.js';
import { composeKernels } from '../blend/wasm.js';
import { ArenaRegions, releaseOwned } from '../../shaders/internal/simd/owned.js';
import { buildTransformPlan, runTransformPlan, FEEDBACK_TRANSFORMS, isFeedbackTransform, type FeedbackTransform, type TransformPlan } from './transforms.js';

export interface FeedbackOptions {
  /** Multiplier applied to the stored buffer each frame. Default 0.85. */
  decay?: number;
  /** Blend mode with the current frame as base and the buffer as top. Default 'screen'. */
  blend?: BlendMode | string;
  /** Default 0.5. */
  opacity?: number;
  /** Default none. */
  transform?: FeedbackTransform | null;
  /** Transform amount (margin fraction, shift fraction, rotation amt·10 rad). Default 0.02. */
  transformAmt?: number;
  /** Hue rotation of the buffer per frame, in turns; 0 disables. Default 0. */
  hueShift?: number;
}

export const FEEDBACK_DEFAULTS = Object.freeze({
  decay: 0.85,
  blend: 'screen' as BlendMode,
  opacity: 0.5,
  transform: null as FeedbackTransform | null,
  transformAmt: 0.02,
  hueShift: 0,
});

/** (mode, opacity, decay) tables: decay folded into the blend table, so a plain feedback frame is one table pass. */
const fusedLuts = new LutCache(16);

function fusedLut(mode: string, opacity: number, decay: number): Uint8Array {
  return fusedLuts.get(`${mode}:${opacity}:${decay}`, () => {
    const blend = blendLut(mode, opacity);
    const decayed = decayTable(decay);
    const lut = new Uint8Array(65536);
    for (let A = 0; A < 256; A++) {
      const row = A << 8;
      for (let B = 0; B < 256; B++) lut[row | B] = blend[row | (decayed[B] as number)] as number;
    }
    return lut;
  });
}

const IDENTITY = Uint8Array.from({ length: 256 }, (_, i) => i);

/** ⌊B·decay⌋ per byte (the reference decays in float and truncates when it converts the buffer back to u8). */
function decayTable(decay: number): Uint8Array {
  const t = new Uint8Array(256);
  for (let B = 0; B < 256; B++) t[B] = Math.min(255, Math.floor(B * decay + QUANT_GUARD));
  return t;
}

function check(decay: number, opacity: number, transform: unknown, amt: number, hueShift: number): void {
  if (!(decay >= 0 && decay <= 1)) {
    throw new GlyphreelError('E_PARAM', `feedback: decay ${decay} is invalid; expected a number in [0, 1]`);
  }
  checkOpacity(opacity, 'feedback');
  if (transform !== null && !isFeedbackTransform(transform)) {
    throw new GlyphreelError('E_UNKNOWN', `Unknown feedback transform ${JSON.stringify(transform)}`, {
      hint: `known transforms: ${FEEDBACK_TRANSFORMS.join(', ')} (or null)`,
    });
  }
  if (!(amt >= 0 && amt < 0.5)) {
    throw new GlyphreelError('E_PARAM', `feedback: transformAmt ${amt} is invalid; expected a number in [0, 0.5)`);
  }
  if (!(hueShift >= 0 && Number.isFinite(hueShift))) {
    throw new GlyphreelError('E_PARAM', `feedback: hueShift ${hueShift} is invalid; expected a number >= 0`);
  }
}

/**
 * Trails (catalog 3.4, 9.2 item 10). The first frame passes through unchanged and seeds the buffer; afterwards
 * buffer ×= decay → transform → hue shift → blend(current frame = base, buffer = top), and the blended result becomes
 * the buffer, so trails compound. Works in place on the frame it is given and returns it.
 *
 * The buffer is kept as the last result's bytes: the reference's float buffer only ever holds u8 results divided by
 * 255, and decay, transforms and the final u8 conversion commute except for the hue shift, which therefore runs on
 * the decayed (unquantized) values as in the reference. One instance per layer/clip; it is never shared across scenes.
 */
export class FeedbackBuffer {
  /** The buffer, the transform's output and the blend table live in the SIMD arena (see `regions`). */
  private readonly mem = new ArenaRegions(this);
  private buf: Uint8Array = new Uint8Array(0);
  private bufPtr = 0;
  private workPtr = 0;
  private lutPtr = 0;
  private seeded = false;
  private width = 0;
  private height = 0;
  private plan: TransformPlan | null = null;
  private planFor: [number, number, FeedbackTransform | null, number] = [0, 0, null, 0];
  // The last blend table and what it was built for: steady options cost no cache lookup (and no key string) per frame.
  private lut: Uint8Array | null = null;
  private lutFor: [string, number, number, boolean] = ['', 0, 0, false];
  /** The buffer's byte → value table for the hue shift, and the (decay, quantized) it is for. */
  private levels: Float64Array | null = null;
  private levelsFor: [number, boolean] = [0, false];
  /** The table whose bytes are at lutPtr (tables from the caches never change). */
  private lutLoaded: Uint8Array | null = null;

  /** True once a frame has seeded the buffer. */
  get primed(): boolean {
    return this.seeded;
  }

  /** The stored buffer (the last result), for inspection; null before the first frame. */
  get buffer(): Uint8Array | null {
    return this.seeded ? this.buf : null;
  }

  /** Forgets the trails (scene cuts reset them by design); the memory is kept for the next seed. */
  reset(): void {
    this.seeded = false;
  }

  /**
   * Gives the buffer's WebAssembly memory (trail, work area, table, rotation map: ~19 MB at 1080p) back now instead
   * of when the object is garbage-collected. The buffer stays usable: the next frame seeds it again.
   */
  release(): void {
    this.mem.releaseAll();
    if (this.plan?.kind === 'pixel') releaseOwned(this.plan.pixMap);
    this.plan = null;
    this.planFor = [0, 0, null, 0];
    this.buf = new Uint8Array(0);
    this.lutLoaded = null;
    this.seeded = false;
  }

  apply(frame: RgbFrame, options: FeedbackOptions = {}): RgbFrame {
    const decay = options.decay ?? FEEDBACK_DEFAULTS.decay;
    const blend = options.blend ?? FEEDBACK_DEFAULTS.blend;
    const opacity = options.opacity ?? FEEDBACK_DEFAULTS.opacity;
    const transform = options.transform ?? null;
    const amt = options.transformAmt ?? FEEDBACK_DEFAULTS.transformAmt;
    const hueShift = options.hueShift ?? FEEDBACK_DEFAULTS.hueShift;
    check(decay, opacity, transform, amt, hueShift);
    const { width, height, data } = frame;
    // Resolve the blend table before touching state, so an unknown mode fails without seeding the buffer.
    const lut = this.blendTable(blend, opacity, decay, hueShift > 0);
    const a = arena();
    const k = composeKernels();
    if (!this.seeded || width !== this.width || height !== this.height) {
      if (this.buf.length !== data.length) this.allocate(data.length);
      const own = a.ptrOf(data);
      if (own >= 0) k.copy_bytes(this.bufPtr, own, data.length);
      else this.buf.set(data);
      this.width = width;
      this.height = height;
      this.seeded = true;
      return frame;
    }
    if (this.lutLoaded !== lut) {
      a.u8(this.lutPtr, 65536).set(lut);
      this.lutLoaded = lut;
    }
    a.withBytes(data, (p) => {
      let top = this.bufPtr;
      if (transform !== null) {
        const f = this.planFor;
        if (!this.plan || f[0] !== width || f[1] !== height || f[2] !== transform || f[3] !== amt) {
          this.plan = buildTransformPlan(width, height, transform, amt);
          this.planFor = [width, height, transform, amt];
        }
        runTransformPlan(this.plan, this.bufPtr, this.workPtr, width, height);
        top = this.workPtr;
      }
      if (hueShift > 0) {
        // zoom/shrink resize the decayed buffer through u8 in the reference, so the hue shift sees truncated values there.
        const quantized = transform === 'zoom' || transform === 'shrink';
        this.hueShiftDecayed(top, this.workPtr, width * height, decay, hueShift, quantized);
        top = this.workPtr;
      }
      // The result goes to the frame and, in the same pass, to the buffer.
      k.blend_lut(p, top, p, data.length, this.lutPtr, this.bufPtr);
    });
    return frame;
  }

  private allocate(bytes: number): void {
    const a = arena();
    this.mem.releaseAll();
    this.bufPtr = this.mem.alloc(bytes);
    this.workPtr = this.mem.alloc(bytes);
    this.lutPtr = this.mem.alloc(65536);
    this.lutLoaded = null;
    this.buf = a.u8(this.bufPtr, bytes);
  }

  /** Decay folds into the blend table unless the hue shift needs the decayed values first. */
  private blendTable(blend: string, opacity: number, decay: number, hue: boolean): Uint8Array {
    const f = this.lutFor;
    if (this.lut && f[0] === blend && f[1] === opacity && f[2] === decay && f[3] === hue) return this.lut;
    this.lut = hue ? blendLut(blend, opacity) : fusedLut(blend, opacity, decay);
    this.lutFor = [blend, opacity, decay, hue];
    return this.lut;
  }

  /**
   * dst = hue-rotated (src·decay) through HSV as the reference (its ε 1e−10 is 1e−8 here in byte units; truncating
   * back to bytes), by the colour kernel (hsv.ts's hueShiftLevels). Byte units throughout (h and s are scale-free),
   * so decay 1 returns the bytes exactly; a channel byte B stands for ⌊B·decay⌋ (quantized) or B·decay.
   */
  private hueShiftDecayed(src: number, dst: number, npx: number, decay: number, shift: number, quantized: boolean): void {
    const f = this.levelsFor;
    if (!this.levels || f[0] !== decay || f[1] !== quantized) {
      const k = quantized ? 1 : decay;
      const table = quantized ? decayTable(decay) : IDENTITY;
      this.levels = Float64Array.from(table, (b) => b * k);
      this.levelsFor = [decay, quantized];
    }
    hueShiftLevels(src, dst, npx, this.levels, shift);
  }
}
