import type { EffectDef } from '@glyphreel/core';

export const mediaEffects: EffectDef<any>[] = [];
