import { defineValueEffect, validateParams, type Field, type FrameContext, type GridGeometry, type ValueEffectDef } from '@glyphreel/core';
import { EASING_NAMES, EASINGS, easeInOutCubic, type Easing, type EasingName } from '../temporal/easing.js';
import { num, oneOf } from '../schema.js';
import { stateF32 } from '../util.js';
import { baseValueEffects } from './base.js';
import { subContext } from './sub-context.js';

/** A value field as a plain function (any registered fill bound to its parameters, or your own). */
export type FieldFn = (out: Field, grid: GridGeometry, ctx: FrameContext) => void;

/**
 * `vf_morph`: A before tStart, B after tEnd, an eased lerp in between (only the fields needed are evaluated).
 * `scratch` holds B while both are needed; by default a buffer in ctx.state.
 */
export function morphFields(
  out: Field,
  grid: GridGeometry,
  ctx: FrameContext,
  a: FieldFn,
  b: FieldFn,
  tStart: number,
  tEnd: number,
  ease: Easing = easeInOutCubic,
  scratch: Field = stateF32(ctx, 'morph.scratch', out.length),
): void {
  const t = ctx.t;
  if (t <= tStart) return a(out, grid, ctx);
  if (t >= tEnd) return b(out, grid, ctx);
  const p = ease((t - tStart) / (tEnd - tStart));
  a(out, grid, ctx);
  b(scratch, grid, ctx);
  for (let i = 0; i < out.length; i++) out[i] = out[i] * (1 - p) + scratch[i] * p;
}

/** Names of the value effects that morph/sequence entries can name (everything but themselves). */
export const COMPOSABLE_FIELDS = baseValueEffects.map((e) => e.name);

const defaults = new Map<string, { def: ValueEffectDef<any>; params: Record<string, any> }>();

/** A base value effect by name with its default parameters (validated once). */
export function composable(name: string): { def: ValueEffectDef<any>; params: Record<string, any> } {
  let d = defaults.get(name);
  if (!d) {
    const def = baseValueEffects.find((e) => e.name === name);
    if (!def) throw new RangeError(`unknown value field "${name}"`);
    d = { def, params: validateParams(def.params, {}, { plugin: 'effects', kind: 'effect', entry: name }) };
    defaults.set(name, d);
  }
  return d;
}

/** Fills `out` with a named base field at its defaults, with its own state slot. */
export function fillComposable(name: string, out: Field, grid: GridGeometry, ctx: FrameContext, owner: string, slot: number): void {
  const { def, params } = composable(name);
  def.fill(out, grid, subContext(ctx, owner, slot), params);
}

/** Registered `morph`: two named fields (default parameters), each with its own state. */
export const morph = defineValueEffect({
  name: 'morph',
  description: 'Eased crossfade from one named value field to another between two times',
  params: {
    a: oneOf(COMPOSABLE_FIELDS, 'plasma', 'field before t_start'),
    b: oneOf(COMPOSABLE_FIELDS, 'vortex', 'field after t_end'),
    t_start: num(0, 0, 1e6, 'seconds (scene time) when the crossfade starts'),
    t_end: num(5, 0, 1e6, 'seconds when it ends'),
    ease: oneOf(EASING_NAMES, 'in_out_cubic', 'easing of the crossfade'),
  },
  fill(out, grid, ctx, p) {
    const t = ctx.t;
    if (t <= p.t_start) return fillComposable(p.a, out, grid, ctx, 'morph', 0);
    if (t >= p.t_end) return fillComposable(p.b, out, grid, ctx, 'morph', 1);
    const k = EASINGS[p.ease as EasingName]((t - p.t_start) / (p.t_end - p.t_start));
    const tmp = stateF32(ctx, 'morph.b', out.length);
    fillComposable(p.a, out, grid, ctx, 'morph', 0);
    fillComposable(p.b, tmp, grid, ctx, 'morph', 1);
    for (let i = 0; i < out.length; i++) out[i] = out[i] * (1 - k) + tmp[i] * k;
  },
});
