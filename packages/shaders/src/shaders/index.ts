// shaderDefs first: plugin.ts reads it through this module, also when a consumer enters here (see defs.ts).
export { shaderDefs } from './defs.js';
export * from './defs.js';
export { AUDIO_SCALING, type AudioScaler } from './audio-scaling.js';
export { ShaderChain, createShaderChain, type ShaderChainOptions, type ShaderStep, type ShaderStepSpec } from './chain.js';
export { createShaderContext, type ShaderFrameInput } from './context.js';
export { builtinShaderRegistry, shaderChain } from './standalone.js';
export { displacementMap } from './geometry/displacement-map.js';
export { bloomInPlace } from './glow/bloom.js';
export { VIGNETTE_FLOOR, vignetteFactors } from './tone/vignette.js';
export { clearSimdFrame, createSimdFrame, isSimdFrame, releaseSimdFrame, simdMemoryBytes } from './internal/simd/frame.js';
export { crtMap } from './geometry/crt.js';
export { kaleidoscopeMap } from './geometry/kaleidoscope.js';
