import { defineValueEffect, type ArrayParam, type Field, type FrameContext, type GridGeometry } from '@glyphreel/core';
import { EASING_NAMES, EASINGS, easeInOutCubic, type Easing, type EasingName } from '../temporal/easing.js';
import { num, oneOf } from '../schema.js';
import { stateF32 } from '../util.js';
import { COMPOSABLE_FIELDS, fillComposable, type FieldFn } from './morph.js';

/**
 * Where t falls in a looping sequence: the field index, and the neighbour to blend with (−1 = none) and its weight.
 * One crossfade of `crossfade` seconds is centred on each boundary between neighbours (none into the first field or
 * out of the last, where the loop cuts): the next field's share rises from 0 to 1 across it. The catalog's wording
 * (`vf_sequence`: fade in during the first `crossfade` seconds *and* toward the next during the last) read as two
 * fades, each reaching its end at the boundary, so the picture jumped back to the old field there and faded again
 * (README, Decisions). Durations cycle when there are fewer durations than fields.
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
      const half = crossfade / 2;
      if (timeIn < half && i > 0) {
        // The second half of the crossfade from the previous field; weight is the other's (the previous) share.
        out.other = i - 1;
        out.weight = 1 - ease(0.5 + timeIn / crossfade);
      } else if (timeLeft <= half && i < count - 1 && crossfade > 0) {
        // The first half, towards the next field.
        out.other = i + 1;
        out.weight = ease(0.5 - timeLeft / crossfade);
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
