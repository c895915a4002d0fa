import { GlyphreelError } from './errors.js';
import type { CellLayer, Field, GridGeometry, RgbFrame, Scratch } from './types.js';

function checkSize(what: string, ...dims: number[]): void {
  for (const d of dims) {
    if (!Number.isInteger(d) || d <= 0) {
      throw new GlyphreelError('E_PARAM', `${what} needs positive integer dimensions, got ${dims.join('×')}`);
    }
  }
}

/** A black rgb24 frame. */
export function createFrame(width: number, height: number): RgbFrame {
  checkSize('createFrame', width, height);
  return { width, height, data: new Uint8Array(width * height * 3) };
}

/** A zero field for a grid (or for rows×cols). */
export function createField(grid: Pick<GridGeometry, 'rows' | 'cols'>): Field {
  checkSize('createField', grid.rows, grid.cols);
  return new Float32Array(grid.rows * grid.cols);
}

/** A blank cell layer (all glyphs 0, all colours black). */
export function createCellLayer(grid: Pick<GridGeometry, 'rows' | 'cols'>): CellLayer {
  checkSize('createCellLayer', grid.rows, grid.cols);
  const n = grid.rows * grid.cols;
  return { rows: grid.rows, cols: grid.cols, glyphs: new Uint16Array(n), colors: new Uint8Array(n * 3) };
}

let zeros = new Uint8Array(0);

/**
 * Zero-fills bytes. On a SharedArrayBuffer (e.g. WebAssembly frames) V8's fill goes element by element, about 8×
 * slower than copying from a zero buffer, so shared bytes are cleared by copies of a 64 KiB zero block.
 */
export function zeroBytes(data: Uint8Array): void {
  if (!(typeof SharedArrayBuffer !== 'undefined' && data.buffer instanceof SharedArrayBuffer) || data.length < 4096) {
    data.fill(0);
    return;
  }
  if (zeros.length === 0) zeros = new Uint8Array(65536);
  for (let i = 0; i < data.length; i += zeros.length) data.set(i + zeros.length <= data.length ? zeros : zeros.subarray(0, data.length - i), i);
}

export function clearFrame(frame: RgbFrame): void {
  zeroBytes(frame.data);
}

export function clearCellLayer(layer: CellLayer): void {
  layer.glyphs.fill(0);
  layer.colors.fill(0);
}

/** Copies `src` into `dst` (same size), e.g. for shaders that read the original while writing. */
export function copyFrame(src: RgbFrame, dst: RgbFrame): void {
  if (src.width !== dst.width || src.height !== dst.height) {
    throw new GlyphreelError('E_PARAM', `copyFrame: sizes differ (${src.width}×${src.height} vs ${dst.width}×${dst.height})`);
  }
  dst.data.set(src.data);
}

/** Mean of all bytes of a frame: the seed's brightness check (mean > 5 quiet, > 15 active). */
export function meanBrightness(frame: RgbFrame): number {
  const d = frame.data;
  let sum = 0;
  for (let i = 0; i < d.length; i++) sum += d[i] as number;
  return d.length === 0 ? 0 : sum / d.length;
}

/** A keyed pool of typed arrays: the same (key, length) returns the same buffer on every call. */
export class ScratchPool implements Scratch {
  private readonly u8s = new Map<string, Uint8Array>();
  private readonly f32s = new Map<string, Float32Array>();
  private readonly i32s = new Map<string, Int32Array>();

  u8(key: string, length: number): Uint8Array {
    return get(this.u8s, key, length, (n) => new Uint8Array(n));
  }

  f32(key: string, length: number): Float32Array {
    return get(this.f32s, key, length, (n) => new Float32Array(n));
  }

  i32(key: string, length: number): Int32Array {
    return get(this.i32s, key, length, (n) => new Int32Array(n));
  }
}

function get<T extends { length: number }>(map: Map<string, T>, key: string, length: number, make: (n: number) => T): T {
  let buf = map.get(key);
  if (!buf || buf.length !== length) {
    buf = make(length);
    map.set(key, buf);
  }
  return buf;
}
