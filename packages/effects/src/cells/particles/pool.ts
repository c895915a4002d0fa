/**
 * Struct-of-arrays particle storage (seed: "Particle System Performance"). Particles are kept in birth order, oldest
 * first, so "cull keeps the newest" is a prefix drop and removing the dead is one order-preserving compaction.
 * Every array is allocated once at the cap; emission, integration and culling never allocate.
 */
export class ParticlePool {
  readonly capacity: number;
  count = 0;
  /** Birth serial of the next particle (wraps at 2³²); `id` records it per particle. */
  nextId = 0;
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly vx: Float32Array;
  readonly vy: Float32Array;
  /** Remaining life in [0, 1]; a particle with life ≤ 0 is removed by `cullDead`. */
  readonly life: Float32Array;
  /** One extra scalar per particle whose meaning belongs to the system (depth, radius, hue …). */
  readonly aux: Float32Array;
  readonly glyph: Uint16Array;
  readonly id: Uint32Array;
  /** Cell index (row·cols + col) each particle projects to this frame, −1 when off the grid. */
  readonly cell: Int32Array;

  constructor(capacity: number) {
    const n = Math.max(0, Math.floor(capacity));
    this.capacity = n;
    this.x = new Float32Array(n);
    this.y = new Float32Array(n);
    this.vx = new Float32Array(n);
    this.vy = new Float32Array(n);
    this.life = new Float32Array(n);
    this.aux = new Float32Array(n);
    this.glyph = new Uint16Array(n);
    this.id = new Uint32Array(n);
    this.cell = new Int32Array(n);
  }

  /**
   * Reserves `k` slots at the end (the newest) and returns the index of the first. When the pool would overflow, the
   * oldest particles are dropped first; a burst larger than the whole cap keeps only `capacity` new particles.
   * The caller fills x, y, vx, vy, life, aux and glyph of slots [start, start + k').
   */
  spawn(k: number): { start: number; count: number } {
    const out = this.spawnRange;
    let n = Math.floor(k);
    if (n <= 0 || this.capacity === 0) {
      out.start = this.count;
      out.count = 0;
      return out;
    }
    if (n > this.capacity) n = this.capacity;
    const overflow = this.count + n - this.capacity;
    if (overflow > 0) this.dropOldest(overflow);
    const start = this.count;
    for (let i = 0; i < n; i++) {
      this.id[start + i] = this.nextId;
      this.nextId = (this.nextId + 1) >>> 0;
    }
    this.count += n;
    out.start = start;
    out.count = n;
    return out;
  }

  private readonly spawnRange = { start: 0, count: 0 };

  /** Drops the `n` oldest particles (the prefix). */
  dropOldest(n: number): void {
    if (n <= 0) return;
    if (n >= this.count) {
      this.count = 0;
      return;
    }
    const end = this.count;
    this.x.copyWithin(0, n, end);
    this.y.copyWithin(0, n, end);
    this.vx.copyWithin(0, n, end);
    this.vy.copyWithin(0, n, end);
    this.life.copyWithin(0, n, end);
    this.aux.copyWithin(0, n, end);
    this.glyph.copyWithin(0, n, end);
    this.id.copyWithin(0, n, end);
    this.cell.copyWithin(0, n, end);
    this.count = end - n;
  }

  /** Removes every particle with life ≤ 0, keeping birth order. */
  cullDead(): void {
    const { x, y, vx, vy, life, aux, glyph, id, cell } = this;
    let w = 0;
    for (let r = 0; r < this.count; r++) {
      if (life[r]! <= 0) continue;
      if (w !== r) {
        x[w] = x[r]!;
        y[w] = y[r]!;
        vx[w] = vx[r]!;
        vy[w] = vy[r]!;
        life[w] = life[r]!;
        aux[w] = aux[r]!;
        glyph[w] = glyph[r]!;
        id[w] = id[r]!;
        cell[w] = cell[r]!;
      }
      w++;
    }
    this.count = w;
  }

  /** Keeps only the newest `cap` particles (the cap can shrink below the capacity, e.g. a smaller budget). */
  enforceCap(cap: number): void {
    if (this.count > cap) this.dropOldest(this.count - cap);
  }

  clear(): void {
    this.count = 0;
  }
}
