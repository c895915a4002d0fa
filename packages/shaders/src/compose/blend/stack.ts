import { clearFrame, GlyphreelError, type RgbFrame } from '@glyphreel/core';
import { blendBytes, blendLut } from './engine.js';
import type { BlendMode } from './modes.js';

interface StackLayer {
  frame: RgbFrame;
  lut: Uint8Array | null;
}

/**
 * PixelBlendStack (catalog 4.1): `add(frame, mode, opacity)` is chainable; `composite()` folds left starting from the
 * first layer, whose mode and opacity are ignored. An empty stack composites to a black frame of the stack's size.
 * Modes are resolved when added, so a typo fails at `add`, not at render time.
 */
export class PixelBlendStack {
  private readonly layers: StackLayer[] = [];
  private output: RgbFrame | null = null;

  constructor(readonly width: number, readonly height: number) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
      throw new GlyphreelError('E_PARAM', `PixelBlendStack needs a positive integer size, got ${width}×${height}`);
    }
  }

  get size(): number {
    return this.layers.length;
  }

  add(frame: RgbFrame, mode: BlendMode | string = 'normal', opacity = 1): this {
    if (frame.width !== this.width || frame.height !== this.height) {
      throw new GlyphreelError('E_PARAM', `PixelBlendStack is ${this.width}×${this.height}; cannot add a ${frame.width}×${frame.height} frame`);
    }
    // The bottom layer is copied as is; its table is still built so an unknown mode is reported consistently.
    const lut = blendLut(mode, opacity);
    this.layers.push({ frame, lut: this.layers.length === 0 ? null : lut });
    return this;
  }

  /** Drops all layers (keeps the output buffer), for reuse across frames. */
  clear(): this {
    this.layers.length = 0;
    return this;
  }

  /** The composite, written into `out` or into a buffer owned by the stack (reused by the next call). */
  composite(out?: RgbFrame): RgbFrame {
    let dst = out;
    if (!dst) {
      this.output ??= { width: this.width, height: this.height, data: new Uint8Array(this.width * this.height * 3) };
      dst = this.output;
    }
    if (dst.width !== this.width || dst.height !== this.height) {
      throw new GlyphreelError('E_PARAM', `PixelBlendStack.composite: output is ${dst.width}×${dst.height}, stack is ${this.width}×${this.height}`);
    }
    const first = this.layers[0];
    if (!first) {
      clearFrame(dst);
      return dst;
    }
    if (dst.data !== first.frame.data) dst.data.set(first.frame.data);
    for (let k = 1; k < this.layers.length; k++) {
      const layer = this.layers[k] as StackLayer;
      blendBytes(dst.data, layer.frame.data, layer.lut as Uint8Array, dst.data);
    }
    return dst;
  }
}
