import type { BlendDef, MaskDef, TransitionDef } from '@glyphreel/core';

export const blendDefs: BlendDef[] = [];
export const maskDefs: MaskDef<any>[] = [];
export const transitionDefs: TransitionDef<any>[] = [];
