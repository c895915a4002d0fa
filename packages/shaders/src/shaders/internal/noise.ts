/**
 * Fast integer noise for grain and static. One u32 from the frame's Rng seeds a counter-based hash (the SplitMix32
 * finalizer), so a whole frame of noise costs one Rng draw plus a few integer ops per value, and the same Rng seed
 * gives the same bytes.
 */
export function hash32(counter: number): number {
  let z = Math.imul(counter ^ (counter >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Golden-ratio step between counters: consecutive values of hash32(seed + k·GOLDEN) are independent. */
export const GOLDEN = 0x9e3779b9;
