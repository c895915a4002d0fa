import type { RgbFrame } from '@glyphreel/core';

/** A source rectangle in pixels (fractions allowed). */
export interface CropRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Resamples the `crop` rectangle of `src` to outW×outH rgb24 pixels into `out`: each output pixel averages four
 * bilinear taps at the quarter points of its footprint (2×2 supersampling), which keeps a slow Ken Burns zoom from
 * shimmering when the crop is a few source pixels per cell. Taps outside the image read the nearest edge pixel.
 * Typed-array loops, no allocation.
 */
export function resampleCrop(src: RgbFrame, crop: CropRect, out: Uint8Array, outW: number, outH: number): void {
  const sw = src.width;
  const sh = src.height;
  const s = src.data;
  const sx = crop.width / outW;
  const sy = crop.height / outH;
  const maxX = sw - 1;
  const maxY = sh - 1;
  for (let oy = 0; oy < outH; oy++) {
    for (let ox = 0; ox < outW; ox++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let ty = 0; ty < 2; ty++) {
        // pixel centres: source coordinate c maps to the pixel whose centre is at c, hence the −0.5
        let fy = crop.y + (oy + 0.25 + 0.5 * ty) * sy - 0.5;
        if (fy < 0) fy = 0;
        else if (fy > maxY) fy = maxY;
        const y0 = fy | 0;
        const y1 = y0 < maxY ? y0 + 1 : y0;
        const wy = fy - y0;
        for (let tx = 0; tx < 2; tx++) {
          let fx = crop.x + (ox + 0.25 + 0.5 * tx) * sx - 0.5;
          if (fx < 0) fx = 0;
          else if (fx > maxX) fx = maxX;
          const x0 = fx | 0;
          const x1 = x0 < maxX ? x0 + 1 : x0;
          const wx = fx - x0;
          const a = (y0 * sw + x0) * 3;
          const bq = (y0 * sw + x1) * 3;
          const c = (y1 * sw + x0) * 3;
          const d = (y1 * sw + x1) * 3;
          const w00 = (1 - wx) * (1 - wy);
          const w01 = wx * (1 - wy);
          const w10 = (1 - wx) * wy;
          const w11 = wx * wy;
          r += (s[a] as number) * w00 + (s[bq] as number) * w01 + (s[c] as number) * w10 + (s[d] as number) * w11;
          g += (s[a + 1] as number) * w00 + (s[bq + 1] as number) * w01 + (s[c + 1] as number) * w10 + (s[d + 1] as number) * w11;
          b += (s[a + 2] as number) * w00 + (s[bq + 2] as number) * w01 + (s[c + 2] as number) * w10 + (s[d + 2] as number) * w11;
        }
      }
      const p = (oy * outW + ox) * 3;
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
