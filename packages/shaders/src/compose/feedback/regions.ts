import { arena } from '../../shaders/internal/simd/arena.js';

/** Releases the regions of owners that were garbage collected without releasing them. */
const orphans = new FinalizationRegistry<number[]>((ptrs) => {
  const a = arena();
  for (const ptr of ptrs) a.release(ptr);
});

/**
 * SIMD arena regions owned by an object (FeedbackBuffer, transform plans): arena memory is not garbage collected,
 * so they go back to the arena when the owner is collected, or earlier through releaseAll. Views onto them must not
 * outlive the owner.
 */
export class ArenaRegions {
  private readonly ptrs: number[] = [];

  constructor(owner: object) {
    orphans.register(owner, this.ptrs);
  }

  alloc(bytes: number): number {
    const ptr = arena().alloc(bytes);
    this.ptrs.push(ptr);
    return ptr;
  }

  releaseAll(): void {
    const a = arena();
    for (const ptr of this.ptrs) a.release(ptr);
    this.ptrs.length = 0;
  }
}

/** A view made by `make` onto a fresh arena region that goes back to the arena when the view is collected. */
export function allocOwned<T extends object>(bytes: number, make: (ptr: number) => T): T {
  const ptr = arena().alloc(bytes);
  const view = make(ptr);
  orphans.register(view, [ptr]);
  return view;
}
