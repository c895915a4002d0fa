import type { EffectDef, HueDef, TransformDef } from '@glyphreel/core';

export const valueEffects: EffectDef<any>[] = [];
export const hueFields: HueDef<any>[] = [];
export const transforms: TransformDef<any>[] = [];
