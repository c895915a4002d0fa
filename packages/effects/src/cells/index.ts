import type { EffectDef } from '@glyphreel/core';

export const cellEffects: EffectDef<any>[] = [];
