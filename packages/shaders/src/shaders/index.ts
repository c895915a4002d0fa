import type { ShaderDef } from '@glyphreel/core';

export const shaderDefs: ShaderDef<any>[] = [];
