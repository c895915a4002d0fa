import { defineShader, type Scratch } from '@glyphreel/core';

const FACTOR = 4;

/** 3×3 box blur with edge padding on an interleaved rgb float image, as two 3-tap passes (a → tmp → a). */
export function boxBlur3(a: Float32Array, tmp: Float32Array, w: number, h: number): void {
  const stride = w * 3;
  for (let y = 0; y < h; y++) {
    const row = y * stride;
    for (let x = 0; x < w; x++) {
      const o = row + x * 3;
      const l = row + (x > 0 ? x - 1 : 0) * 3;
      const r = row + (x < w - 1 ? x + 1 : x) * 3;
      tmp[o] = a[l]! + a[o]! + a[r]!;
      tmp[o + 1] = a[l + 1]! + a[o + 1]! + a[r + 1]!;
      tmp[o + 2] = a[l + 2]! + a[o + 2]! + a[r + 2]!;
    }
  }
  for (let y = 0; y < h; y++) {
    const row = y * stride;
    const up = (y > 0 ? y - 1 : 0) * stride;
    const dn = (y < h - 1 ? y + 1 : y) * stride;
    for (let i = 0; i < stride; i++) a[row + i] = (tmp[up + i]! + tmp[row + i]! + tmp[dn + i]!) / 9;
  }
}

/**
 * The seed's bloom: stride-4 downsample, keep channel values > thr (others 0), three 3×3 box blurs with edge padding,
 * upsample by repetition, then ADD 0.5·blur and clamp. The reference docstring says "screen" but its code adds, and
 * adding is what the rest of the pipeline was tuned with (catalog 9.3 item 27), so this adds.
 */
export function bloomInPlace(data: Uint8Array, width: number, height: number, thr: number, scratch: Scratch): void {
  const sw = Math.ceil(width / FACTOR);
  const sh = Math.ceil(height / FACTOR);
  const n = sw * sh * 3;
  const a = scratch.f32('bloom:small', n);
  const tmp = scratch.f32('bloom:tmp', n);
  const stride = width * 3;
  let any = false;
  for (let sy = 0, j = 0; sy < sh; sy++) {
    let s = sy * FACTOR * stride;
    for (let sx = 0; sx < sw; sx++, s += FACTOR * 3, j += 3) {
      const r = data[s]!;
      const g = data[s + 1]!;
      const b = data[s + 2]!;
      a[j] = r > thr ? r : 0;
      a[j + 1] = g > thr ? g : 0;
      a[j + 2] = b > thr ? b : 0;
      if (r > thr || g > thr || b > thr) any = true;
    }
  }
  if (!any) return; // the blur of zeros is zero: nothing to add
  for (let pass = 0; pass < 3; pass++) boxBlur3(a, tmp, sw, sh);
  // floor(c + 0.5·blur) = c + floor(0.5·blur) for integer c, so the glow is an integer per block and channel:
  // pack it as 0x00bbggrr (each ≤ 127), zero where nothing is added so the full-resolution pass can skip the block
  // (on glyph frames most of the frame is far from anything bright).
  const add = scratch.i32('bloom:add', sw * sh);
  for (let k = 0, j = 0; k < sw * sh; k++, j += 3) {
    add[k] = Math.floor(a[j]! * 0.5) | (Math.floor(a[j + 1]! * 0.5) << 8) | (Math.floor(a[j + 2]! * 0.5) << 16);
  }
  const words = LITTLE_ENDIAN && (data.byteOffset & 3) === 0 && (stride & 3) === 0
    ? new Int32Array(data.buffer, data.byteOffset, data.length >> 2)
    : undefined;
  const fullBlocks = words ? width >> 2 : 0; // blocks of exactly 4 pixels = 3 aligned words
  for (let y = 0; y < height; y++) {
    const srow = (y >> 2) * sw;
    const row = y * stride;
    if (words) {
      let k = row >> 2;
      for (let sx = 0; sx < fullBlocks; sx++, k += 3) {
        const v = add[srow + sx]!;
        if (v === 0) continue;
        words[k] = addSat(words[k]!, v | (v << 24));
        words[k + 1] = addSat(words[k + 1]!, (v >>> 8) | (v << 16));
        words[k + 2] = addSat(words[k + 2]!, (v >>> 16) | (v << 8));
      }
    }
    for (let sx = fullBlocks; sx < sw; sx++) {
      const v = add[srow + sx]!;
      if (v === 0) continue;
      const x0 = sx * FACTOR;
      const end = row + Math.min(x0 + FACTOR, width) * 3;
      for (let o = row + x0 * 3; o < end; o += 3) {
        const r = data[o]! + (v & 0xff);
        const g = data[o + 1]! + ((v >>> 8) & 0xff);
        const b = data[o + 2]! + (v >>> 16);
        data[o] = r > 255 ? 255 : r;
        data[o + 1] = g > 255 ? 255 : g;
        data[o + 2] = b > 255 ? 255 : b;
      }
    }
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Per-byte saturating add of two words (SWAR: even and odd bytes in 16-bit lanes, carries turned into 0xff). */
function addSat(w: number, a: number): number {
  let lo = (w & 0xff00ff) + (a & 0xff00ff);
  let hi = ((w >>> 8) & 0xff00ff) + ((a >>> 8) & 0xff00ff);
  lo |= ((lo >>> 8) & 0x10001) * 0xff;
  hi |= ((hi >>> 8) & 0x10001) * 0xff;
  return (lo & 0xff00ff) | ((hi & 0xff00ff) << 8);
}

export const bloom = defineShader({
  name: 'bloom',
  description: 'Glow around bright areas: 4× downsample, threshold, 3 box-blur passes, add 0.5·blur',
  params: {
    thr: { type: 'number', default: 130, min: 0, max: 255, description: 'channel values above it glow' },
  },
  apply(frame, p, ctx) {
    bloomInPlace(frame.data, frame.width, frame.height, p.thr, ctx.scratch);
  },
});
