import { defineShader } from '@glyphreel/core';
import { fillLut } from '../internal/bytes.js';
import { arena } from '../internal/simd/arena.js';
import { WASM_BASE64 } from '../internal/simd/pixel-wasm.js';

/** The exports of wasm/pixel.wat.mjs this shader uses. */
interface ChannelLutKernels {
  build_channel_lut16(t8: number, t16: number): void;
  channel_luts(p: number, npx: number, t16: number): void;
}

/** The reference's phases, 2.09 and 4.19 (about 120° and 240°), kept as written. */
const PHASES = [0, 2.09, 4.19] as const;

/** The r, g, b tables the two-byte tables were last built from (they are rebuilt only when these change). */
const built = new Uint8Array(768);
let builtAt = -1;

/**
 * Red, green and blue bytes through their own 256-entry tables, in the SIMD kernel: two bytes per look-up in three
 * 128 KiB two-byte tables (rg, br, gb), the pairs that occur at even offsets of rgb24.
 */
function channelLuts(data: Uint8Array, t8: Uint8Array): void {
  const npx = Math.floor(data.length / 3);
  if (npx === 0) return;
  const a = arena();
  const k = a.load<ChannelLutKernels>(WASM_BASE64);
  const src = a.scratch('color_wobble:t8', 768);
  const t16 = a.scratch('color_wobble:t16', 3 * 131072);
  let same = builtAt === t16;
  for (let i = 0; same && i < 768; i++) same = built[i] === t8[i];
  if (!same) {
    built.set(t8);
    builtAt = t16;
    a.u8(src, 768).set(t8);
    k.build_channel_lut16(src, t16);
  }
  a.withBytes(data.subarray(0, npx * 3), (ptr) => k.channel_luts(ptr, npx, t16));
}

export const colorWobble = defineShader({
  name: 'color_wobble',
  description: 'Channels multiplied by 1 + amt·sin(5t + φ), φ about 120° apart (rms-scaled in a chain)',
  params: {
    amt: { type: 'number', default: 0.3, min: 0, max: 10, description: 'modulation depth' },
  },
  apply(frame, p, ctx) {
    const w = 5 * ctx.t;
    const fr = 1 + p.amt * Math.sin(w + PHASES[0]);
    const fg = 1 + p.amt * Math.sin(w + PHASES[1]);
    const fb = 1 + p.amt * Math.sin(w + PHASES[2]);
    const t8 = ctx.scratch.u8('color_wobble:rgb', 768);
    fillLut(t8.subarray(0, 256), (c) => c * fr);
    fillLut(t8.subarray(256, 512), (c) => c * fg);
    fillLut(t8.subarray(512, 768), (c) => c * fb);
    channelLuts(frame.data, t8);
  },
});
