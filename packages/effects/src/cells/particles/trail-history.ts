import { CHARS_TRAILS, type CellLayer, type GridGeometry } from '@glyphreel/core';
import type { ParticlePool } from './pool.js';

/**
 * Particle trails (catalog 2.5 "Trails", the reference's `draw_particle_trails`): a ring buffer of the cells the
 * particles occupied on the last `depth` frames. Age a ≥ 1 draws with brightness fade^a (stopping below 0.05), the
 * glyph of `·∘◦°⋅.,'\`` at index min(a, 8), colour (v, v, 0.8v) with v = 180·brightness, and only into empty cells,
 * so the particles themselves and anything drawn earlier stay on top.
 */
export class TrailHistory {
  readonly depth: number;
  readonly capacity: number;
  private readonly cells: Int32Array;
  private readonly counts: Int32Array;
  /** Slot of the most recent record. */
  private head = -1;
  private recorded = 0;

  constructor(depth: number, capacity: number) {
    this.depth = depth;
    this.capacity = capacity;
    this.cells = new Int32Array(depth * capacity);
    this.counts = new Int32Array(depth);
  }

  /** Records this frame's particle cells (pool.cell must be projected first). */
  record(pool: ParticlePool): void {
    if (this.depth === 0) return;
    this.head = (this.head + 1) % this.depth;
    const n = Math.min(pool.count, this.capacity);
    const base = this.head * this.capacity;
    // The newest particles matter most when the history is narrower than the pool.
    const from = pool.count - n;
    for (let i = 0; i < n; i++) this.cells[base + i] = pool.cell[from + i]!;
    this.counts[this.head] = n;
    if (this.recorded < this.depth) this.recorded++;
  }

  /** Draws ages 1..depth−1 (age 0 is where the particles are now). */
  draw(layer: CellLayer, grid: GridGeometry, fade: number): void {
    const ids = grid.glyphIds(CHARS_TRAILS);
    const glyphs = layer.glyphs;
    const colors = layer.colors;
    let bri = 1;
    for (let age = 1; age < this.recorded; age++) {
      bri *= fade;
      if (bri < 0.05) break;
      const slot = (this.head - age + this.depth) % this.depth;
      const base = slot * this.capacity;
      const n = this.counts[slot]!;
      const id = ids[Math.min(age, ids.length - 1)]!;
      const v = 180 * bri;
      const vi = v | 0;
      const bi = (0.8 * v) | 0;
      for (let i = 0; i < n; i++) {
        const cell = this.cells[base + i]!;
        if (cell < 0 || glyphs[cell] !== 0) continue;
        glyphs[cell] = id;
        const o = cell * 3;
        colors[o] = vi;
        colors[o + 1] = vi;
        colors[o + 2] = bi;
      }
    }
  }

  clear(): void {
    this.head = -1;
    this.recorded = 0;
  }
}
