import { GlyphreelError } from './errors.js';
import type { FeatureFrame, FeatureName } from './types.js';

/** The 19 audio features of catalog 5.1, in table order. */
export const AUDIO_FEATURES: readonly FeatureName[] = [
  'rms', 'sub', 'bass', 'lomid', 'mid', 'himid', 'hi',
  'sub_r', 'bass_r', 'lomid_r', 'mid_r', 'himid_r', 'hi_r',
  'cent', 'flat', 'flux', 'cent_d', 'beat', 'bdecay',
];

/** The features video input adds (catalog 1.2). */
export const VIDEO_FEATURES: readonly string[] = [
  'brightness', 'contrast', 'edge_density', 'motion', 'dominant_hue', 'color_variance',
];

/** What an absent feature reads: 0 for beat and bdecay, 0.3 for everything else (catalog 1.2, 9.2 item 18). */
export function featureDefault(name: string): number {
  return name === 'beat' || name === 'bdecay' ? 0 : 0.3;
}

/**
 * Every feature of every frame in one Float32Array, feature-major (`data[k * frames + i]`). Backed by a
 * SharedArrayBuffer so worker threads map it without copying; rebuild it in a worker with `FeatureTable.fromShared`.
 */
export class FeatureTable {
  readonly names: readonly string[];
  readonly frames: number;
  readonly data: Float32Array;
  private readonly index: Map<string, number>;

  constructor(names: readonly string[], frames: number, buffer?: SharedArrayBuffer | ArrayBuffer) {
    if (!Number.isInteger(frames) || frames < 0) {
      throw new GlyphreelError('E_PARAM', `FeatureTable needs a non-negative integer frame count, got ${frames}`);
    }
    if (new Set(names).size !== names.length) {
      throw new GlyphreelError('E_PARAM', `FeatureTable: duplicate feature names in ${names.join(', ')}`);
    }
    this.names = [...names];
    this.frames = frames;
    const bytes = names.length * frames * 4;
    const buf = buffer ?? new SharedArrayBuffer(bytes);
    if (buf.byteLength !== bytes) {
      throw new GlyphreelError('E_PARAM', `FeatureTable: buffer has ${buf.byteLength} bytes, expected ${bytes}`);
    }
    this.data = new Float32Array(buf);
    this.index = new Map(names.map((n, k) => [n, k]));
  }

  /** Rebuilds a table around a buffer received from another thread. */
  static fromShared(shared: { names: readonly string[]; frames: number; buffer: SharedArrayBuffer | ArrayBuffer }): FeatureTable {
    return new FeatureTable(shared.names, shared.frames, shared.buffer);
  }

  /** What to post to a worker (no copy for a SharedArrayBuffer). */
  toShared(): { names: readonly string[]; frames: number; buffer: SharedArrayBuffer | ArrayBuffer } {
    return { names: this.names, frames: this.frames, buffer: this.data.buffer as SharedArrayBuffer | ArrayBuffer };
  }

  /**
   * One table with the features of both (same frame count): audio features plus a video's, say. A name in both
   * takes `b`'s values.
   */
  static merge(a: FeatureTable, b: FeatureTable): FeatureTable {
    if (a.frames !== b.frames) {
      throw new GlyphreelError('E_PARAM', `FeatureTable.merge: tables have ${a.frames} and ${b.frames} frames`);
    }
    const names = [...a.names, ...b.names.filter((n) => !a.has(n))];
    const out = new FeatureTable(names, a.frames);
    for (const n of names) out.series(n).set((b.has(n) ? b : a).series(n));
    return out;
  }

  /** The values of one feature over all frames (a view, not a copy). */
  series(name: string): Float32Array {
    const k = this.index.get(name);
    if (k === undefined) throw new GlyphreelError('E_UNKNOWN', `Unknown feature "${name}"`, { hint: `known: ${this.names.join(', ')}` });
    return this.data.subarray(k * this.frames, (k + 1) * this.frames);
  }

  has(name: string): boolean {
    return this.index.has(name);
  }

  /** A view of frame i; frames past the end read the last frame (a clip may round one frame longer than audio). */
  frame(i: number): FeatureFrame {
    const clamped = this.frames === 0 ? -1 : Math.min(Math.max(0, Math.trunc(i)), this.frames - 1);
    return new TableFrame(this, clamped, i);
  }

  /** @internal */
  read(name: string, i: number): number | undefined {
    const k = this.index.get(name);
    return k === undefined || i < 0 ? undefined : (this.data[k * this.frames + i] as number);
  }
}

class TableFrame implements FeatureFrame {
  constructor(
    private readonly table: FeatureTable,
    private readonly row: number,
    readonly frameIndex: number,
  ) {}

  get(name: string): number {
    return this.table.read(name, this.row) ?? featureDefault(name);
  }

  has(name: string): boolean {
    return this.row >= 0 && this.table.has(name);
  }
}

/** A feature frame from a plain object, for tests, single frames and synthetic input. */
export function featureFrame(values: Readonly<Record<string, number>> = {}, frameIndex = 0): FeatureFrame {
  return {
    frameIndex,
    get: (name: string) => values[name] ?? featureDefault(name),
    has: (name: string) => values[name] !== undefined,
  };
}
