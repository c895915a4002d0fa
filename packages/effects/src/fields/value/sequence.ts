import { defineValueEffect, type ArrayParam, type Field, type FrameContext, type GridGeometry } from '@glyphreel/core';
import { EASING_NAMES, EASINGS, easeInOutCubic, type Easing, type EasingName } from '../temporal/easing.js';
import { num, oneOf } from '../schema.js';
import { stateF32 } from '../util.js';
import { COMPOSABLE_FIELDS, fillComposable, type FieldFn } from './morph.js';

/**
 * Where t falls in a looping sequence: the field index, and the neighbour to blend with (−1 = none) and its weight.
 * Each field fades in from the previous one during its first `crossfade` seconds (not the first field) and toward
 * the next during its last `crossfade` seconds (not the last field), as `vf_sequence`. Durations cycle when there
 * are fewer durations than fields.
 */
export function sequencePosition(
  t: number,
  count: number,
  durations: readonly number[],
  crossfade: number,
  ease: Easing,
  out: { index: number; other: number; weight: number },
): void {
  const nd = durations.length;
  let total = 0;
  for (let i = 0; i < count; i++) total += durations[i % nd]!;
  out.other = -1;
  out.weight = 0;
  if (!(total > 0)) {
    out.index = count - 1;
    return;
  }
  const local = ((t % total) + total) % total;
  let elapsed = 0;
  for (let i = 0; i < count; i++) {
    const d = durations[i % nd]!;
    if (local < elapsed + d) {
      out.index = i;
      const timeIn = local - elapsed;
      const timeLeft = d - timeIn;
      if (timeIn < crossfade && i > 0) {
        // Previous field fading out: weight is B's share in prev·(1−w) + base·w; store the other's share.
        out.other = i - 1;
        out.weight = 1 - ease(timeIn / crossfade);
      } else if (timeLeft < crossfade && i < count - 1) {
        out.other = i + 1;
        out.weight = ease(1 - timeLeft / crossfade);
      }
      return;
    }
    elapsed += d;
  }
  out.index = count - 1;
}

/** `vf_sequence` over field functions: loops over the total duration with eased crossfades. */
export function sequenceFields(
  out: Field,
  grid: GridGeometry,
  ctx: FrameContext,
  fields: readonly FieldFn[],
  durations: readonly number[],
  crossfade = 1,
  ease: Easing = easeInOutCubic,
  scratch: Field = stateF32(ctx, 'sequence.scratch', out.length),
): void {
  if (fields.length === 0 || durations.length === 0) {
    out.fill(0);
    return;
  }
  sequencePosition(ctx.t, fields.length, durations, crossfade, ease, POS);
  const { index, other, weight } = POS;
  fields[index]!(out, grid, ctx);
  if (other < 0) return;
  fields[other]!(scratch, grid, ctx);
  for (let i = 0; i < out.length; i++) out[i] = out[i] * (1 - weight) + scratch[i] * weight;
}

const POS = { index: 0, other: -1, weight: 0 };

const fieldList: ArrayParam = {
  type: 'array',
  items: oneOf(COMPOSABLE_FIELDS, 'plasma'),
  default: ['plasma', 'vortex', 'tunnel'],
  minItems: 1,
  maxItems: 32,
  description: 'named value fields, shown in turn (default parameters)',
};
const durationList: ArrayParam = {
  type: 'array',
  items: num(4, 0.001, 1e6),
  default: [4],
  minItems: 1,
  maxItems: 32,
  description: 'seconds per field (cycled when shorter than the field list)',
};

/** Registered `sequence`: cycles named fields with crossfades; each list position keeps its own state. */
export const sequence = defineValueEffect({
  name: 'sequence',
  description: 'Cycle through named value fields with eased crossfades',
  params: {
    fields: fieldList,
    durations: durationList,
    crossfade: num(1, 0, 1e6, 'seconds of overlap between neighbours'),
    ease: oneOf(EASING_NAMES, 'in_out_cubic', 'easing of each crossfade'),
  },
  fill(out, grid, ctx, p) {
    const names = p.fields as string[];
    sequencePosition(ctx.t, names.length, p.durations as number[], p.crossfade, EASINGS[p.ease as EasingName], POS);
    const { index, other, weight } = POS;
    fillComposable(names[index]!, out, grid, ctx, 'sequence', index);
    if (other < 0) return;
    const tmp = stateF32(ctx, 'sequence.b', out.length);
    fillComposable(names[other]!, tmp, grid, ctx, 'sequence', other);
    for (let i = 0; i < out.length; i++) out[i] = out[i] * (1 - weight) + tmp[i] * weight;
  },
});
