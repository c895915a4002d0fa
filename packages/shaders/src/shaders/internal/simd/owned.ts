import { arena } from './arena.js';

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

/** The pending release of each owned view (emptied when released early, so the finalizer then frees nothing). */
const owned = new WeakMap<object, number[]>();

/**
 * A view made by `make` onto a fresh arena region that goes back to the arena when the view is collected, or earlier
 * through releaseOwned. Garbage collection of small objects can take a long time to come when the JS heap is
 * quiet, so long-lived code releases explicitly (a chain's work frame, a feedback buffer's rotation map).
 */
export function allocOwned<T extends object>(bytes: number, make: (ptr: number) => T): T {
  const ptr = arena().alloc(bytes);
  const view = make(ptr);
  const ptrs = [ptr];
  owned.set(view, ptrs);
  orphans.register(view, ptrs);
  return view;
}

/** Gives an allocOwned view's region back now; the view must not be used afterwards. Safe to call twice. */
export function releaseOwned(view: object): void {
  const ptrs = owned.get(view);
  if (!ptrs) return;
  const a = arena();
  for (const ptr of ptrs) a.release(ptr);
  ptrs.length = 0;
}
