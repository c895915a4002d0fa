import type { RgbFrame } from '@glyphreel/core';

/** A source rectangle in pixels (fractions allowed). */
export interface CropRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

// Per-frame tap tables, grown to the largest output seen (module scratch: one instance per worker thread).
let xOff0 = new Int32Array(0);
let xOff1 = new Int32Array(0);
let xW = new Float32Array(0);
let yOff0 = new Int32Array(0);
let yOff1 = new Int32Array(0);
let yW = new Float32Array(0);

/** Fills tap tables for 2 taps per output pixel along one axis: byte offsets of the two neighbours and the weight. */
function taps(start: number, step: number, n: number, max: number, mul: number, o0: Int32Array, o1: Int32Array, w: Float32Array): void {
  for (let i = 0; i < 2 * n; i++) {
    // tap k of pixel p sits at p + 0.25 + 0.5k of the footprint; −0.5 because sample c is centred on pixel c
    let f = start + ((i >> 1) + 0.25 + 0.5 * (i & 1)) * step - 0.5;
    if (f < 0) f = 0;
    else if (f > max) f = max;
    const a = f | 0;
    o0[i] = a * mul;
    o1[i] = (a < max ? a + 1 : a) * mul;
    w[i] = f - a;
  }
}

/**
 * Resamples the `crop` rectangle of `src` to outW×outH rgb24 pixels into `out`: each output pixel averages four
 * bilinear taps at the quarter points of its footprint (2×2 supersampling), which keeps a slow Ken Burns zoom from
 * shimmering when the crop is a few source pixels per cell. Taps outside the image read the nearest edge pixel.
 * Tap positions and weights are computed once per column and per row, not per pixel; no allocation in steady state.
 */
export function resampleCrop(src: RgbFrame, crop: CropRect, out: Uint8Array, outW: number, outH: number): void {
  const s = src.data;
  if (xOff0.length < 2 * outW) {
    xOff0 = new Int32Array(2 * outW);
    xOff1 = new Int32Array(2 * outW);
    xW = new Float32Array(2 * outW);
  }
  if (yOff0.length < 2 * outH) {
    yOff0 = new Int32Array(2 * outH);
    yOff1 = new Int32Array(2 * outH);
    yW = new Float32Array(2 * outH);
  }
  taps(crop.x, crop.width / outW, outW, src.width - 1, 3, xOff0, xOff1, xW);
  taps(crop.y, crop.height / outH, outH, src.height - 1, src.width * 3, yOff0, yOff1, yW);
  let p = 0;
  for (let oy = 0; oy < outH; oy++) {
    for (let ox = 0; ox < outW; ox++, p += 3) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let ty = 2 * oy; ty < 2 * oy + 2; ty++) {
        const r0 = yOff0[ty] as number;
        const r1 = yOff1[ty] as number;
        const wy = yW[ty] as number;
        for (let tx = 2 * ox; tx < 2 * ox + 2; tx++) {
          const c0 = xOff0[tx] as number;
          const c1 = xOff1[tx] as number;
          const wx = xW[tx] as number;
          const a = r0 + c0;
          const bq = r0 + c1;
          const c = r1 + c0;
          const d = r1 + c1;
          const w11 = wx * wy;
          const w01 = wx - w11;
          const w10 = wy - w11;
          const w00 = 1 - wx - w10;
          r += (s[a] as number) * w00 + (s[bq] as number) * w01 + (s[c] as number) * w10 + (s[d] as number) * w11;
          g += (s[a + 1] as number) * w00 + (s[bq + 1] as number) * w01 + (s[c + 1] as number) * w10 + (s[d + 1] as number) * w11;
          b += (s[a + 2] as number) * w00 + (s[bq + 2] as number) * w01 + (s[c + 2] as number) * w10 + (s[d + 2] as number) * w11;
        }
      }
      // + 0.5 rounds the mean of four taps; a flat colour stays exactly that colour
      out[p] = (r * 0.25 + 0.5) | 0;
      out[p + 1] = (g * 0.25 + 0.5) | 0;
      out[p + 2] = (b * 0.25 + 0.5) | 0;
    }
  }
}

export type PanDirection = 'none' | 'left' | 'right' | 'up' | 'down';

/**
 * The Ken Burns crop of a w×h picture at `progress` in [0, 1]: zoom goes linearly from zoomStart to zoomEnd (the crop
 * is the picture divided by the zoom, keeping its proportions), and the crop slides across the room the zoom leaves:
 * `right` moves the view from the left edge to the right edge (the picture appears to move left), `none` stays
 * centred. Writes into `out` (no allocation).
 */
export function kenBurnsCrop(w: number, h: number, progress: number, zoomStart: number, zoomEnd: number, pan: PanDirection, out: CropRect): CropRect {
  const p = progress < 0 ? 0 : progress > 1 ? 1 : progress;
  const z = Math.max(1e-6, zoomStart + (zoomEnd - zoomStart) * p);
  const cw = w / z;
  const ch = h / z;
  const slackX = w - cw;
  const slackY = h - ch;
  let x = slackX / 2;
  let y = slackY / 2;
  if (pan === 'right') x = slackX * p;
  else if (pan === 'left') x = slackX * (1 - p);
  else if (pan === 'down') y = slackY * p;
  else if (pan === 'up') y = slackY * (1 - p);
  out.x = x;
  out.y = y;
  out.width = cw;
  out.height = ch;
  return out;
}
