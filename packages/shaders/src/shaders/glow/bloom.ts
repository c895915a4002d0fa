import { defineShader, type ShaderContext } from '@glyphreel/core';
import { registerBandStage, runStage, type BandStage } from '../internal/bands.js';
import { arena, kernels } from '../internal/simd/kernels.js';
import { createShaderContext } from '../context.js';

const FACTOR = 4;
let noContext: ShaderContext | undefined;

/**
 * The seed's bloom: stride-4 downsample, keep channel values > thr (others 0), three 3×3 box blurs with edge padding,
 * upsample by repetition, then ADD 0.5·blur and clamp. The reference docstring says "screen" but its code adds, and
 * adding is what the rest of the pipeline was tuned with (catalog 9.3 item 27), so this adds.
 *
 * Both halves are SIMD kernels: bloom_grid (sample, threshold, the blur as three x passes then three y passes in
 * integer lanes — box filters along x and y with edge padding are separable — and floor(sum / 1458) per channel,
 * since floor(c + 0.5·blur) = c + floor(0.5·blur) for integer c), then add_blocks_row per frame row, which skips
 * groups of blocks whose glow is zero (far from anything bright). Channel values compare as integers, so a
 * fractional thr (from audio scaling) acts as its floor.
 */
export function bloomInPlace(data: Uint8Array, width: number, height: number, thr: number): void {
  // Bloom draws no random numbers: any context will do.
  runStage(bloomStage, { width, height, data }, { thr }, (noContext ??= createShaderContext()));
}

/** Bloom as a band stage: the glow grid from the whole frame first (it reads pixels), then the add row by row. */
export const bloomStage: BandStage<{ thr: number }> = {
  readsFrame: true,
  prepare(frame, ptr, p, _ctx, st) {
    const { width, height } = frame;
    const sw = Math.ceil(width / FACTOR);
    const sh = Math.ceil(height / FACTOR);
    const n = sw * sh * 3 + 4;
    const arn = arena();
    const add = arn.scratch('bloom:add', sw * sh * 4);
    if (!kernels().bloom_grid(ptr, width, height, Math.floor(p.thr), arn.scratch('bloom:a', n * 4), arn.scratch('bloom:b', n * 4), add)) return false;
    st.add = add;
    st.blockRow = sw * 4;
    return true;
  },
  rows(ptr, frame, y0, y1, st) {
    const k = kernels();
    const stride = frame.width * 3;
    for (let y = y0; y < y1; y++) k.add_blocks_row(ptr + y * stride, frame.width, st.add! + (y >> 2) * st.blockRow!);
  },
};

export const bloom = defineShader({
  name: 'bloom',
  description: 'Glow around bright areas: 4× downsample, threshold, 3 box-blur passes, add 0.5·blur',
  params: {
    thr: { type: 'number', default: 130, min: 0, max: 255, description: 'channel values above it glow' },
  },
  apply(frame, p, ctx) {
    runStage(bloomStage, frame, p, ctx);
  },
});
registerBandStage(bloom, bloomStage);
