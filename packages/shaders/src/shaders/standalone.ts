import { Registry } from '@glyphreel/core';
import { shadersPlugin } from '../plugin.js';
import { ShaderChain, type ShaderChainOptions, type ShaderStepSpec } from './chain.js';

let builtin: Registry | undefined;

/** A registry holding only this package's built-in plugin (created once), for use without the CLI. */
export function builtinShaderRegistry(): Registry {
  builtin ??= new Registry().register(shadersPlugin, { builtin: true });
  return builtin;
}

/** A chain of built-in shaders, e.g. `shaderChain([['bloom', { thr: 130 }], ['vignette', { s: 0.22 }]])`. */
export function shaderChain(steps: Iterable<ShaderStepSpec> = [], options?: ShaderChainOptions): ShaderChain {
  return new ShaderChain(builtinShaderRegistry(), steps, options);
}
