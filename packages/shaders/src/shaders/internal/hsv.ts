/**
 * In-place HSV adjustment of rgb24 bytes: hue += dh (mod 1), saturation ×= sf (clamped). The arithmetic is exactly
 * core's rgbToHsvInto followed by hsvToRgbInto (same operations in the same order, in doubles), inlined so that a
 * 1080p frame makes no function calls and no array writes per pixel. Runs of one colour (black backgrounds, flat glyph
 * colours) reuse the previous result.
 */
export function adjustHsv(data: Uint8Array, dh: number, sf: number): void {
  const n = data.length;
  let pr = -1;
  let pg = -1;
  let pb = -1;
  let or = 0;
  let og = 0;
  let ob = 0;
  for (let i = 0; i < n; i += 3) {
    const R = data[i]!;
    const G = data[i + 1]!;
    const B = data[i + 2]!;
    if (R === pr && G === pg && B === pb) {
      data[i] = or;
      data[i + 1] = og;
      data[i + 2] = ob;
      continue;
    }
    pr = R;
    pg = G;
    pb = B;
    // rgbToHsvInto
    const r = R / 255;
    const g = G / 255;
    const b = B / 255;
    const mx = r > g ? (r > b ? r : b) : g > b ? g : b;
    const mn = r < g ? (r < b ? r : b) : g < b ? g : b;
    const d = mx - mn;
    let h = 0;
    if (d > 1e-10) {
      if (mx === r) h = ((g - b) / d) % 6;
      else if (mx === g) h = (b - r) / d + 2;
      else h = (r - g) / d + 4;
      h /= 6;
      if (h < 0) h += 1;
    }
    if (h >= 1) h = 0;
    let s = mx > 1e-10 ? d / mx : 0;
    const v = mx;
    // adjustment, then hsvToRgbInto (wrap01, clamp01, six sectors, trunc(c·255))
    h += dh;
    let hw = h - Math.floor(h);
    if (hw >= 1) hw = 0;
    s *= sf;
    s = s < 0 ? 0 : s > 1 ? 1 : s;
    const h6 = hw * 6;
    const k = Math.floor(h6);
    const f = h6 - k;
    const p = v * (1 - s);
    const q = v * (1 - s * f);
    const t = v * (1 - s * (1 - f));
    let rr: number, gg: number, bb: number;
    switch (k) {
      case 0: rr = v; gg = t; bb = p; break;
      case 1: rr = q; gg = v; bb = p; break;
      case 2: rr = p; gg = v; bb = t; break;
      case 3: rr = p; gg = q; bb = v; break;
      case 4: rr = t; gg = p; bb = v; break;
      default: rr = v; gg = p; bb = q; break;
    }
    or = (rr * 255) | 0;
    og = (gg * 255) | 0;
    ob = (bb * 255) | 0;
    data[i] = or;
    data[i + 1] = og;
    data[i + 2] = ob;
  }
}
