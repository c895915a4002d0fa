/** Easings for animated masks and transitions (the reference's default is smoothstep). */
export const EASINGS = Object.freeze({
  linear: (p: number) => p,
  smoothstep: (p: number) => p * p * (3 - 2 * p),
  ease_in: (p: number) => p * p,
  ease_out: (p: number) => 1 - (1 - p) * (1 - p),
});
export type EasingName = keyof typeof EASINGS;
export const EASING_NAMES = ['linear', 'smoothstep', 'ease_in', 'ease_out'] as const satisfies readonly EasingName[];
