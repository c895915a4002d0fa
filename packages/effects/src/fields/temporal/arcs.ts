/**
 * Directional arcs (design-patterns): intensity curves driven by scene progress p = min(local/duration, 1), so a
 * scene builds somewhere instead of oscillating aimlessly. p outside [0,1] is clamped.
 */
const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/** p·range. */
export const arcLinear = (p: number, range = 1): number => clamp01(p) * range;
/** 1 − (1 − p)²: fast start, gentle arrival. */
export const arcEaseOut = (p: number): number => 1 - (1 - clamp01(p)) ** 2;
/** p²: slow start, strong finish. */
export const arcEaseIn = (p: number): number => clamp01(p) ** 2;
/** clamp((p − 0.5)/0.25): nothing for the first half, then a reveal over a quarter. */
export const arcStepReveal = (p: number): number => clamp01((p - 0.5) / 0.25);
/** min(1, 1.5p): build over the first two thirds, then hold. */
export const arcBuildPlateau = (p: number): number => Math.min(1, 1.5 * clamp01(p));
/** Staggered entry: clamp((local − enterT)/ramp), a layer fading in over `ramp` seconds from `enterT`. */
export const layerStrength = (local: number, enterT: number, ramp = 1.5): number => clamp01((local - enterT) / ramp);
