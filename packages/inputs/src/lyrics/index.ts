import type { EffectDef } from '@glyphreel/core';

export const lyricsEffects: EffectDef<any>[] = [];
