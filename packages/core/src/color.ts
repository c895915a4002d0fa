/**
 * Colour math shared by grid, effects and shaders (catalog 6.3). Pure functions over numbers and typed arrays; they
 * live in core because effects and shaders may depend on core only.
 *
 * Conventions: hue in [0,1) (taken mod 1), saturation and value in [0,1], bytes 0–255 truncated as the reference
 * does when it casts to u8.
 */

export type Rgb = [number, number, number];

/** h mod 1 into [0,1), also for negative h. */
export function wrap01(h: number): number {
  const x = h - Math.floor(h);
  return x >= 1 ? 0 : x;
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/**
 * HSV → RGB bytes, the standard six sectors; writes into `out` at `offset` (no allocation on hot paths).
 * Channel bytes are trunc(c·255), as the reference.
 */
export function hsvToRgbInto(h: number, s: number, v: number, out: Uint8Array | number[], offset = 0): void {
  h = wrap01(h) * 6;
  s = clamp01(s);
  v = clamp01(v);
  const i = Math.floor(h);
  const f = h - i;
  const p = v * (1 - s);
  const q = v * (1 - s * f);
  const t = v * (1 - s * (1 - f));
  let r: number, g: number, b: number;
  switch (i) {
    case 0: r = v; g = t; b = p; break;
    case 1: r = q; g = v; b = p; break;
    case 2: r = p; g = v; b = t; break;
    case 3: r = p; g = q; b = v; break;
    case 4: r = t; g = p; b = v; break;
    default: r = v; g = p; b = q; break;
  }
  out[offset] = (r * 255) | 0;
  out[offset + 1] = (g * 255) | 0;
  out[offset + 2] = (b * 255) | 0;
}

/** The reference's `hsv2rgb_scalar` (also what its undefined `hsv2rgb_single` means): an [r,g,b] byte tuple. */
export function hsvToRgb(h: number, s: number, v: number): Rgb {
  const out: Rgb = [0, 0, 0];
  hsvToRgbInto(h, s, v, out);
  return out;
}

/**
 * Vectorized `hsv2rgb` over fields: hue field, saturation (field or constant), value field → rows·cols·3 bytes.
 * This is how `_render_vf` colours cells: the value field doubles as V.
 */
export function hsvFieldToRgb(
  hue: Float32Array | number,
  sat: Float32Array | number,
  val: Float32Array | number,
  out: Uint8Array,
): Uint8Array {
  const n = out.length / 3;
  for (let i = 0; i < n; i++) {
    hsvToRgbInto(
      typeof hue === 'number' ? hue : (hue[i] as number),
      typeof sat === 'number' ? sat : (sat[i] as number),
      typeof val === 'number' ? val : (val[i] as number),
      out,
      i * 3,
    );
  }
  return out;
}

/** RGB bytes → HSV in [0,1] (catalog 3.1 helper: ε 1e−10, s = Δ/max, v = max). Writes [h, s, v] into `out`. */
export function rgbToHsvInto(r: number, g: number, b: number, out: Float32Array | number[], offset = 0): void {
  r /= 255;
  g /= 255;
  b /= 255;
  const mx = Math.max(r, g, b);
  const mn = Math.min(r, g, b);
  const d = mx - mn;
  let h = 0;
  if (d > 1e-10) {
    if (mx === r) h = ((g - b) / d) % 6;
    else if (mx === g) h = (b - r) / d + 2;
    else h = (r - g) / d + 4;
    h /= 6;
    if (h < 0) h += 1;
  }
  out[offset] = h >= 1 ? 0 : h;
  out[offset + 1] = mx > 1e-10 ? d / mx : 0;
  out[offset + 2] = mx;
}

export function rgbToHsv(r: number, g: number, b: number): [number, number, number] {
  const out: [number, number, number] = [0, 0, 0];
  rgbToHsvInto(r, g, b, out);
  return out;
}

/** sRGB component in [0,1] → linear (knee 0.04045, slope 12.92, exponent 2.4). */
export function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

/** Linear component in [0,1] → sRGB (knee 0.0031308). */
export function linearToSrgb(c: number): number {
  return c <= 0.0031308 ? c * 12.92 : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
}

/** 256-entry table byte → linear, for per-pixel loops. */
export const SRGB_TO_LINEAR_LUT: Float32Array = (() => {
  const t = new Float32Array(256);
  for (let i = 0; i < 256; i++) t[i] = srgbToLinear(i / 255);
  return t;
})();

export type Lab = [number, number, number];

/** Linear RGB in [0,1] → OKLab (Ottosson's matrices). */
export function linearRgbToOklab(r: number, g: number, b: number): Lab {
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return [
    0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  ];
}

/** OKLab → linear RGB (unclamped). */
export function oklabToLinearRgb(L: number, a: number, b: number): [number, number, number] {
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
}

/** sRGB bytes → OKLab. */
export function rgbToOklab(r: number, g: number, b: number): Lab {
  return linearRgbToOklab(SRGB_TO_LINEAR_LUT[r & 255] as number, SRGB_TO_LINEAR_LUT[g & 255] as number, SRGB_TO_LINEAR_LUT[b & 255] as number);
}

/** OKLab → sRGB bytes, clamped (out-of-gamut colours are clipped per channel). */
export function oklabToRgb(L: number, a: number, b: number): Rgb {
  const [lr, lg, lb] = oklabToLinearRgb(L, a, b);
  return [toByte(linearToSrgb(clamp01(lr))), toByte(linearToSrgb(clamp01(lg))), toByte(linearToSrgb(clamp01(lb)))];
}

function toByte(c: number): number {
  return Math.round(clamp01(c) * 255);
}

/** OKLab → OKLCH with H normalized to [0,1) (atan2(b, a)/2π mod 1). */
export function oklabToOklch(L: number, a: number, b: number): [number, number, number] {
  return [L, Math.sqrt(a * a + b * b), wrap01(Math.atan2(b, a) / (2 * Math.PI))];
}

export function oklchToOklab(L: number, C: number, H: number): Lab {
  const ang = H * 2 * Math.PI;
  return [L, C * Math.cos(ang), C * Math.sin(ang)];
}

export function oklchToRgb(L: number, C: number, H: number): Rgb {
  const [l, a, b] = oklchToOklab(L, C, H);
  return oklabToRgb(l, a, b);
}

export function rgbToOklch(r: number, g: number, b: number): [number, number, number] {
  const [L, a, bb] = rgbToOklab(r, g, b);
  return oklabToOklch(L, a, bb);
}

/** Gradient in OKLab between two sRGB colours (`lerp_oklab`), t in [0,1]. */
export function lerpOklab(c1: Rgb, c2: Rgb, t: number): Rgb {
  const a = rgbToOklab(c1[0], c1[1], c1[2]);
  const b = rgbToOklab(c2[0], c2[1], c2[2]);
  return oklabToRgb(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t);
}

/** OKLCH interpolation; the hue takes the shorter arc when `shortPath` (Δ wrapped into [−0.5, 0.5]). */
export function lerpOklch(c1: Rgb, c2: Rgb, t: number, shortPath = true): Rgb {
  const a = rgbToOklch(c1[0], c1[1], c1[2]);
  const b = rgbToOklch(c2[0], c2[1], c2[2]);
  let dh = b[2] - a[2];
  if (shortPath) dh = dh - Math.round(dh);
  return oklchToRgb(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, wrap01(a[2] + dh * t));
}

/** Rotates an sRGB colour's OKLCH hue, keeping L and C (`_oklch_to_srgb_tuple` of the harmonies). */
function rotateHue(seed: Rgb, dh: number): Rgb {
  const [L, C, H] = rgbToOklch(seed[0], seed[1], seed[2]);
  return oklchToRgb(L, C, wrap01(H + dh));
}

export function harmonyComplementary(seed: Rgb): Rgb[] {
  return [rotateHue(seed, 0), rotateHue(seed, 0.5)];
}
export function harmonyTriadic(seed: Rgb): Rgb[] {
  return [rotateHue(seed, 0), rotateHue(seed, 0.333), rotateHue(seed, 0.667)];
}
/** n hues evenly spaced over ±spread·(n−1)/2 with the seed in the middle. */
export function harmonyAnalogous(seed: Rgb, spread = 0.08, n = 5): Rgb[] {
  return Array.from({ length: n }, (_, i) => rotateHue(seed, (i - (n - 1) / 2) * spread));
}
export function harmonySplitComplementary(seed: Rgb, split = 0.08): Rgb[] {
  return [rotateHue(seed, 0), rotateHue(seed, 0.5 - split), rotateHue(seed, 0.5 + split)];
}
export function harmonyTetradic(seed: Rgb): Rgb[] {
  return [rotateHue(seed, 0), rotateHue(seed, 0.25), rotateHue(seed, 0.5), rotateHue(seed, 0.75)];
}

/** The ten discrete RGB palettes of catalog 6.3. */
export const RGB_PALETTES: Readonly<Record<string, readonly Rgb[]>> = Object.freeze({
  neon: [[255, 0, 102], [0, 255, 153], [102, 0, 255], [255, 255, 0], [0, 204, 255]],
  pastel: [[255, 179, 186], [255, 223, 186], [255, 255, 186], [186, 255, 201], [186, 225, 255]],
  mono_green: [[0, 40, 0], [0, 80, 0], [0, 140, 0], [0, 200, 0], [0, 255, 0]],
  mono_amber: [[40, 20, 0], [80, 50, 0], [140, 90, 0], [200, 140, 0], [255, 191, 0]],
  cyberpunk: [[255, 0, 60], [0, 255, 200], [180, 0, 255], [255, 200, 0]],
  vaporwave: [[255, 113, 206], [1, 205, 254], [185, 103, 255], [5, 255, 161]],
  earth: [[86, 58, 26], [139, 90, 43], [189, 154, 91], [222, 193, 136], [245, 230, 193]],
  ice: [[200, 230, 255], [150, 200, 240], [100, 170, 230], [60, 130, 210], [30, 80, 180]],
  blood: [[80, 0, 0], [140, 10, 10], [200, 20, 20], [255, 50, 30], [255, 100, 80]],
  forest: [[10, 30, 10], [20, 60, 15], [30, 100, 20], [50, 150, 30], [80, 200, 50]],
});

/**
 * `rgb_palette_map`: colour each cell by ⌊val·n⌋ (clamped to n−1) from a discrete palette; cells where `mask` is 0
 * (or val ≤ threshold when no mask is given) are black.
 */
export function rgbPaletteMap(val: Float32Array, palette: readonly Rgb[], out: Uint8Array, mask?: Uint8Array, threshold = 0): Uint8Array {
  const n = palette.length;
  for (let i = 0; i < val.length; i++) {
    const v = val[i] as number;
    const on = mask ? mask[i] !== 0 : v > threshold;
    if (!on) {
      out[i * 3] = out[i * 3 + 1] = out[i * 3 + 2] = 0;
      continue;
    }
    let k = Math.floor(v * n);
    if (k < 0) k = 0;
    else if (k > n - 1) k = n - 1;
    const c = palette[k] as Rgb;
    out[i * 3] = c[0];
    out[i * 3 + 1] = c[1];
    out[i * 3 + 2] = c[2];
  }
  return out;
}
