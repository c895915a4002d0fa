/**
 * The reference's 11 easing functions (its README says 10), each mapping [0,1] → [0,1]. Inputs outside [0,1] are
 * not clamped, as the reference.
 */
export type Easing = (t: number) => number;

export const easeLinear: Easing = (t) => t;
export const easeInQuad: Easing = (t) => t * t;
export const easeOutQuad: Easing = (t) => t * (2 - t);
export const easeInOutQuad: Easing = (t) => (t < 0.5 ? 2 * t * t : -1 + (4 - 2 * t) * t);
export const easeInCubic: Easing = (t) => t * t * t;
export const easeOutCubic: Easing = (t) => (t - 1) ** 3 + 1;
export const easeInOutCubic: Easing = (t) => (t < 0.5 ? 4 * t * t * t : 1 - (-2 * t + 2) ** 3 / 2);
/** 2^(10(t−1)), exactly 0 at t = 0. */
export const easeInExpo: Easing = (t) => (t === 0 ? 0 : 2 ** (10 * (t - 1)));
/** 1 − 2^(−10t), exactly 1 at t = 1. */
export const easeOutExpo: Easing = (t) => (t === 1 ? 1 : 1 - 2 ** (-10 * t));
/** Elastic ease-out: 2^(−10t)·sin((10t − 0.75)·2π/3) + 1, endpoints pinned. */
export const easeElastic: Easing = (t) =>
  t === 0 ? 0 : t === 1 ? 1 : 2 ** (-10 * t) * Math.sin(((t * 10 - 0.75) * (2 * Math.PI)) / 3) + 1;
/** Bounce ease-out: four parabolic pieces (7.5625; breaks at 1/2.75, 2/2.75, 2.5/2.75). */
export const easeBounce: Easing = (t) => {
  if (t < 1 / 2.75) return 7.5625 * t * t;
  if (t < 2 / 2.75) {
    const u = t - 1.5 / 2.75;
    return 7.5625 * u * u + 0.75;
  }
  if (t < 2.5 / 2.75) {
    const u = t - 2.25 / 2.75;
    return 7.5625 * u * u + 0.9375;
  }
  const u = t - 2.625 / 2.75;
  return 7.5625 * u * u + 0.984375;
};

/** The easings by name (snake_case without the `ease_` prefix), e.g. for an enum parameter. */
export const EASINGS = {
  linear: easeLinear,
  in_quad: easeInQuad,
  out_quad: easeOutQuad,
  in_out_quad: easeInOutQuad,
  in_cubic: easeInCubic,
  out_cubic: easeOutCubic,
  in_out_cubic: easeInOutCubic,
  in_expo: easeInExpo,
  out_expo: easeOutExpo,
  elastic: easeElastic,
  bounce: easeBounce,
} as const satisfies Record<string, Easing>;

export type EasingName = keyof typeof EASINGS;
export const EASING_NAMES = Object.keys(EASINGS) as EasingName[];
