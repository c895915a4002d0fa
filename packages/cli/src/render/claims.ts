/**
 * Frame claims shared between the main thread and the workers, so that the last running units can be split while
 * they draw (the tail of a render stays balanced: a worker that runs out of units takes the back half of the unit
 * with the most frames left instead of idling).
 *
 * One 64-bit word per unit slot holds `end << 32 | next`: `next` is the next frame the unit's worker will draw,
 * `end` the frame it stops before. The worker claims a frame and the main thread lowers `end` with a
 * compare-and-swap on that one word, so a frame is either claimed by the worker before the split (and drawn by it)
 * or left to the new unit — never both, never neither, whatever the timing.
 */
export class FrameClaims {
  private readonly words: BigInt64Array;

  constructor(readonly buffer: SharedArrayBuffer) {
    this.words = new BigInt64Array(buffer);
  }

  static create(slots: number): FrameClaims {
    return new FrameClaims(new SharedArrayBuffer(8 * Math.max(1, slots)));
  }

  get slots(): number {
    return this.words.length;
  }

  /** Opens a slot for the frames [start, end). */
  open(slot: number, start: number, end: number): void {
    Atomics.store(this.words, slot, pack(start, end));
  }

  /**
   * Worker side: the next frame of the slot, now owned by the caller, or −1 when the slot has none left (it was
   * drawn to its end, or its end was lowered by a split).
   */
  claim(slot: number): number {
    for (;;) {
      const w = Atomics.load(this.words, slot);
      const next = nextOf(w);
      const end = endOf(w);
      if (next >= end) return -1;
      if (Atomics.compareExchange(this.words, slot, w, pack(next + 1, end)) === w) return next;
    }
  }

  /** Frames of the slot not claimed yet. */
  remaining(slot: number): number {
    const w = Atomics.load(this.words, slot);
    return Math.max(0, endOf(w) - nextOf(w));
  }

  /**
   * Main-thread side: takes the back half of a slot's unclaimed frames (at least `minFrames` on each side), if
   * `accept(cut, end)` agrees. Returns the frames taken, [cut, end), or null when the slot has fewer than
   * 2·minFrames left or the split is refused.
   */
  split(slot: number, minFrames: number, accept: (cut: number, end: number) => boolean = () => true): [number, number] | null {
    const min = Math.max(1, Math.floor(minFrames));
    for (;;) {
      const w = Atomics.load(this.words, slot);
      const next = nextOf(w);
      const end = endOf(w);
      const left = end - next;
      if (left < 2 * min) return null;
      const cut = next + Math.ceil(left / 2);
      if (!accept(cut, end)) return null;
      if (Atomics.compareExchange(this.words, slot, w, pack(next, cut)) === w) return [cut, end];
    }
  }
}

const LOW = 0xffffffffn;

function pack(next: number, end: number): bigint {
  return (BigInt(end) << 32n) | BigInt(next);
}

function nextOf(w: bigint): number {
  return Number(w & LOW);
}

function endOf(w: bigint): number {
  return Number(w >> 32n);
}
