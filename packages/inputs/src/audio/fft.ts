/**
 * FFTs of any length in typed arrays. The analysis window is 2·⌊sr/fps⌋ samples (1836 = 2²·3³·17 at 24 fps, 734 =
 * 2·367 at 60 fps), never a power of two, so the complex transform is a mixed-radix Cooley–Tukey (KISS FFT's
 * recursive decimation in time: radix 4, 2, 3, 5 butterflies and a generic odd-prime butterfly) and switches to
 * Bluestein's chirp-z on a power-of-two length when a prime factor is too large for the O(p²) generic butterfly.
 * All plans precompute their twiddles and scratch once; `forward` allocates nothing.
 */

/** Above this prime factor the generic butterfly (cost n·p) loses to Bluestein (about 6 power-of-two FFTs). */
const MAX_GENERIC_RADIX = 61;

function factorize(n: number): number[] {
  const out: number[] = [];
  let rest = n;
  let p = 4;
  while (rest > 1) {
    while (rest % p !== 0) {
      p = p === 4 ? 2 : p === 2 ? 3 : p + 2;
      if (p * p > rest) p = rest;
    }
    rest /= p;
    out.push(p);
  }
  return out;
}

/** A complex DFT of fixed length n: X[k] = Σ x[j]·e^(−2πi·jk/n). */
export interface ComplexFft {
  readonly n: number;
  /** Transforms (inRe, inIm) into (outRe, outIm); the outputs must not alias the inputs. */
  forward(inRe: Float64Array, inIm: Float64Array, outRe: Float64Array, outIm: Float64Array): void;
}

export function createComplexFft(n: number): ComplexFft {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`FFT length must be a positive integer, got ${n}`);
  const factors = factorize(n);
  return factors.some((p) => p > MAX_GENERIC_RADIX) ? new BluesteinFft(n) : new MixedRadixFft(n, factors);
}

/**
 * KISS FFT's decimation in time, run iteratively: the recursion's leaf copies become one precomputed gather
 * (digit-reversal permutation), then each stage, innermost first, runs its butterfly over every block. Equivalent
 * to the recursion because a block only needs its own sub-blocks finished.
 */
class MixedRadixFft implements ComplexFft {
  readonly n: number;
  /** Per stage, innermost first: radix p, sub-transform length m, twiddle stride. */
  private readonly stages: { p: number; m: number; fstride: number; cos: Float64Array; sin: Float64Array }[];
  private readonly perm: Int32Array;
  private readonly twRe: Float64Array;
  private readonly twIm: Float64Array;
  private readonly yRe: Float64Array;
  private readonly yIm: Float64Array;
  private readonly aRe: Float64Array;
  private readonly aIm: Float64Array;
  private readonly bRe: Float64Array;
  private readonly bIm: Float64Array;

  constructor(n: number, factors: number[]) {
    this.n = n;
    const stages: MixedRadixFft['stages'] = [];
    let m = n;
    let fstride = 1;
    for (const p of factors) {
      m /= p;
      // cos/sin(2π·q·q1/p) for q, q1 in 1…(p−1)/2, used by the generic odd-prime butterfly only
      const h = (p - 1) >> 1;
      const cos = new Float64Array(p > 5 ? h * h : 0);
      const sin = new Float64Array(cos.length);
      if (p > 5) {
        for (let q1 = 1; q1 <= h; q1++) {
          for (let q = 1; q <= h; q++) {
            const a = (2 * Math.PI * ((q * q1) % p)) / p;
            cos[(q1 - 1) * h + q - 1] = Math.cos(a);
            sin[(q1 - 1) * h + q - 1] = Math.sin(a);
          }
        }
      }
      stages.push({ p, m, fstride, cos, sin });
      fstride *= p;
    }
    this.stages = stages.reverse();
    this.perm = new Int32Array(n);
    let at = 0;
    // replay the recursion's leaf order once: output slot → input index
    const walk = (i: number, stride: number, fi: number): void => {
      if (fi === factors.length) {
        this.perm[at++] = i;
        return;
      }
      const p = factors[fi] as number;
      for (let q = 0; q < p; q++) walk(i + q * stride, stride * p, fi + 1);
    };
    walk(0, 1, 0);
    this.twRe = new Float64Array(n);
    this.twIm = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = (-2 * Math.PI * i) / n;
      this.twRe[i] = Math.cos(a);
      this.twIm[i] = Math.sin(a);
    }
    const maxP = Math.max(1, ...factors);
    this.yRe = new Float64Array(maxP);
    this.yIm = new Float64Array(maxP);
    this.aRe = new Float64Array(maxP);
    this.aIm = new Float64Array(maxP);
    this.bRe = new Float64Array(maxP);
    this.bIm = new Float64Array(maxP);
  }

  forward(inRe: Float64Array, inIm: Float64Array, outRe: Float64Array, outIm: Float64Array): void {
    const n = this.n, perm = this.perm;
    for (let k = 0; k < n; k++) {
      const src = perm[k] as number;
      outRe[k] = inRe[src] as number;
      outIm[k] = inIm[src] as number;
    }
    for (const st of this.stages) {
      switch (st.p) {
        case 2: this.bfly2(outRe, outIm, st.m, st.fstride); break;
        case 3: this.bfly3(outRe, outIm, st.m, st.fstride); break;
        case 4: this.bfly4(outRe, outIm, st.m, st.fstride); break;
        case 5: this.bfly5(outRe, outIm, st.m, st.fstride); break;
        default: this.bflyOdd(outRe, outIm, st.p, st.m, st.fstride, st.cos, st.sin);
      }
    }
  }

  private bfly2(re: Float64Array, im: Float64Array, m: number, fstride: number): void {
    const twRe = this.twRe, twIm = this.twIm, n = this.n;
    for (let o = 0; o < n; o += 2 * m) {
      for (let u = 0; u < m; u++) {
        const a = o + u, b = a + m, t = u * fstride;
        const wr = twRe[t] as number, wi = twIm[t] as number;
        const br = re[b] as number, bi = im[b] as number;
        const tr = br * wr - bi * wi, ti = br * wi + bi * wr;
        const ar = re[a] as number, ai = im[a] as number;
        re[b] = ar - tr; im[b] = ai - ti;
        re[a] = ar + tr; im[a] = ai + ti;
      }
    }
  }

  private bfly3(re: Float64Array, im: Float64Array, m: number, fstride: number): void {
    const twRe = this.twRe, twIm = this.twIm, n = this.n;
    const s = twIm[fstride * m] as number; // sin(−2π/3)
    for (let o = 0; o < n; o += 3 * m) {
      for (let u = 0; u < m; u++) {
        const a = o + u, b = a + m, c = b + m;
        const t1 = u * fstride, t2 = 2 * t1;
        const w1r = twRe[t1] as number, w1i = twIm[t1] as number, w2r = twRe[t2] as number, w2i = twIm[t2] as number;
        const br = re[b] as number, bi = im[b] as number, cr = re[c] as number, ci = im[c] as number;
        const s1r = br * w1r - bi * w1i, s1i = br * w1i + bi * w1r;
        const s2r = cr * w2r - ci * w2i, s2i = cr * w2i + ci * w2r;
        const s3r = s1r + s2r, s3i = s1i + s2i;
        const s0r = s1r - s2r, s0i = s1i - s2i;
        const ar = re[a] as number, ai = im[a] as number;
        const mr = ar - 0.5 * s3r, mi = ai - 0.5 * s3i;
        re[a] = ar + s3r; im[a] = ai + s3i;
        const qr = s0r * s, qi = s0i * s;
        re[b] = mr - qi; im[b] = mi + qr;
        re[c] = mr + qi; im[c] = mi - qr;
      }
    }
  }

  private bfly4(re: Float64Array, im: Float64Array, m: number, fstride: number): void {
    const twRe = this.twRe, twIm = this.twIm, n = this.n;
    for (let o = 0; o < n; o += 4 * m) {
      for (let u = 0; u < m; u++) {
        const a = o + u, b = a + m, c = b + m, d = c + m;
        const t1 = u * fstride, t2 = 2 * t1, t3 = 3 * t1;
        const br = re[b] as number, bi = im[b] as number, cr = re[c] as number, ci = im[c] as number;
        const dr = re[d] as number, di = im[d] as number;
        const w1r = twRe[t1] as number, w1i = twIm[t1] as number;
        const w2r = twRe[t2] as number, w2i = twIm[t2] as number;
        const w3r = twRe[t3] as number, w3i = twIm[t3] as number;
        const s0r = br * w1r - bi * w1i, s0i = br * w1i + bi * w1r;
        const s1r = cr * w2r - ci * w2i, s1i = cr * w2i + ci * w2r;
        const s2r = dr * w3r - di * w3i, s2i = dr * w3i + di * w3r;
        const ar = re[a] as number, ai = im[a] as number;
        const s5r = ar - s1r, s5i = ai - s1i;
        const s4r = ar + s1r, s4i = ai + s1i;
        const s3r = s0r + s2r, s3i = s0i + s2i;
        const s6r = s0r - s2r, s6i = s0i - s2i;
        re[c] = s4r - s3r; im[c] = s4i - s3i;
        re[a] = s4r + s3r; im[a] = s4i + s3i;
        // forward transform: multiply the odd difference by −i
        re[b] = s5r + s6i; im[b] = s5i - s6r;
        re[d] = s5r - s6i; im[d] = s5i + s6r;
      }
    }
  }

  private bfly5(re: Float64Array, im: Float64Array, m: number, fstride: number): void {
    const twRe = this.twRe, twIm = this.twIm, n = this.n;
    const yar = twRe[fstride * m] as number, yai = twIm[fstride * m] as number;
    const ybr = twRe[2 * fstride * m] as number, ybi = twIm[2 * fstride * m] as number;
    for (let o = 0; o < n; o += 5 * m) {
      for (let u = 0; u < m; u++) {
        const i0 = o + u, i1 = i0 + m, i2 = i1 + m, i3 = i2 + m, i4 = i3 + m;
        const t = u * fstride;
        const x0r = re[i0] as number, x0i = im[i0] as number;
        let xr = re[i1] as number, xi = im[i1] as number, wr = twRe[t] as number, wi = twIm[t] as number;
        const s1r = xr * wr - xi * wi, s1i = xr * wi + xi * wr;
        xr = re[i2] as number; xi = im[i2] as number; wr = twRe[2 * t] as number; wi = twIm[2 * t] as number;
        const s2r = xr * wr - xi * wi, s2i = xr * wi + xi * wr;
        xr = re[i3] as number; xi = im[i3] as number; wr = twRe[3 * t] as number; wi = twIm[3 * t] as number;
        const s3r = xr * wr - xi * wi, s3i = xr * wi + xi * wr;
        xr = re[i4] as number; xi = im[i4] as number; wr = twRe[4 * t] as number; wi = twIm[4 * t] as number;
        const s4r = xr * wr - xi * wi, s4i = xr * wi + xi * wr;
        const s7r = s1r + s4r, s7i = s1i + s4i, s10r = s1r - s4r, s10i = s1i - s4i;
        const s8r = s2r + s3r, s8i = s2i + s3i, s9r = s2r - s3r, s9i = s2i - s3i;
        re[i0] = x0r + s7r + s8r; im[i0] = x0i + s7i + s8i;
        const s5r = x0r + s7r * yar + s8r * ybr, s5i = x0i + s7i * yar + s8i * ybr;
        const s6r = s10i * yai + s9i * ybi, s6i = -s10r * yai - s9r * ybi;
        re[i1] = s5r - s6r; im[i1] = s5i - s6i;
        re[i4] = s5r + s6r; im[i4] = s5i + s6i;
        const s11r = x0r + s7r * ybr + s8r * yar, s11i = x0i + s7i * ybr + s8i * yar;
        const s12r = -s10i * ybi + s9i * yai, s12i = s10r * ybi - s9r * yai;
        re[i2] = s11r + s12r; im[i2] = s11i + s12i;
        re[i3] = s11r - s12r; im[i3] = s11i - s12i;
      }
    }
  }

  /**
   * Odd prime radix p: after the twiddles, pair y_q with y_(p−q). With a_q = y_q + y_(p−q), b_q = y_q − y_(p−q)
   * and h = (p−1)/2: X[q1] = y_0 + Σ a_q·cos(2πq·q1/p) − i·Σ b_q·sin(2πq·q1/p), and X[p−q1] flips the sign of the
   * sine sum, so both outputs share one pass: about a quarter of the multiplies of the plain p² sum.
   */
  private bflyOdd(re: Float64Array, im: Float64Array, p: number, m: number, fstride: number, cos: Float64Array, sin: Float64Array): void {
    const twRe = this.twRe, twIm = this.twIm, n = this.n;
    const yRe = this.yRe, yIm = this.yIm, aRe = this.aRe, aIm = this.aIm, bRe = this.bRe, bIm = this.bIm;
    const h = (p - 1) >> 1;
    for (let o = 0; o < n; o += p * m) {
      for (let u = 0; u < m; u++) {
        const base = o + u;
        for (let q = 1, k = base + m; q < p; q++, k += m) {
          const t = u * q * fstride;
          const wr = twRe[t] as number, wi = twIm[t] as number, xr = re[k] as number, xi = im[k] as number;
          yRe[q] = xr * wr - xi * wi;
          yIm[q] = xr * wi + xi * wr;
        }
        const x0r = re[base] as number, x0i = im[base] as number;
        let sumR = x0r, sumI = x0i;
        for (let q = 1; q <= h; q++) {
          const pr = yRe[q] as number, pi = yIm[q] as number, nr = yRe[p - q] as number, ni = yIm[p - q] as number;
          aRe[q] = pr + nr; aIm[q] = pi + ni;
          bRe[q] = pr - nr; bIm[q] = pi - ni;
          sumR += pr + nr;
          sumI += pi + ni;
        }
        re[base] = sumR;
        im[base] = sumI;
        for (let q1 = 1, row = 0; q1 <= h; q1++, row += h) {
          let rr = x0r, ri = x0i, tr = 0, ti = 0;
          for (let q = 1; q <= h; q++) {
            const c = cos[row + q - 1] as number, s = sin[row + q - 1] as number;
            rr += (aRe[q] as number) * c;
            ri += (aIm[q] as number) * c;
            tr += (bRe[q] as number) * s;
            ti += (bIm[q] as number) * s;
          }
          // X[q1] = R − i·T, X[p−q1] = R + i·T
          re[base + q1 * m] = rr + ti;
          im[base + q1 * m] = ri - tr;
          re[base + (p - q1) * m] = rr - ti;
          im[base + (p - q1) * m] = ri + tr;
        }
      }
    }
  }
}

/**
 * Bluestein: X[k] = conj(c[k]) · Σ (x[j]·conj(c[j])) · c[k − j] with the chirp c[j] = e^(iπj²/n), a circular
 * convolution done with power-of-two FFTs of length ≥ 2n − 1.
 */
class BluesteinFft implements ComplexFft {
  readonly n: number;
  private readonly m: number;
  private readonly inner: ComplexFft;
  private readonly chirpRe: Float64Array;
  private readonly chirpIm: Float64Array;
  private readonly kernelRe: Float64Array; // FFT of the chirp, pre-scaled by 1/m for the inverse
  private readonly kernelIm: Float64Array;
  private readonly aRe: Float64Array;
  private readonly aIm: Float64Array;
  private readonly bRe: Float64Array;
  private readonly bIm: Float64Array;

  constructor(n: number) {
    this.n = n;
    let m = 1;
    while (m < 2 * n - 1) m *= 2;
    this.m = m;
    this.inner = createComplexFft(m);
    this.chirpRe = new Float64Array(n);
    this.chirpIm = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      // j² mod 2n keeps the angle small, so the chirp stays exact for long transforms
      const a = (Math.PI * ((j * j) % (2 * n))) / n;
      this.chirpRe[j] = Math.cos(a);
      this.chirpIm[j] = Math.sin(a);
    }
    this.aRe = new Float64Array(m);
    this.aIm = new Float64Array(m);
    this.bRe = new Float64Array(m);
    this.bIm = new Float64Array(m);
    const kr = new Float64Array(m), ki = new Float64Array(m);
    kr[0] = this.chirpRe[0] as number;
    ki[0] = this.chirpIm[0] as number;
    for (let j = 1; j < n; j++) {
      kr[j] = kr[m - j] = this.chirpRe[j] as number;
      ki[j] = ki[m - j] = this.chirpIm[j] as number;
    }
    this.kernelRe = new Float64Array(m);
    this.kernelIm = new Float64Array(m);
    this.inner.forward(kr, ki, this.kernelRe, this.kernelIm);
    for (let j = 0; j < m; j++) {
      this.kernelRe[j] = (this.kernelRe[j] as number) / m;
      this.kernelIm[j] = (this.kernelIm[j] as number) / m;
    }
  }

  forward(inRe: Float64Array, inIm: Float64Array, outRe: Float64Array, outIm: Float64Array): void {
    const { n, m, aRe, aIm, bRe, bIm, chirpRe, chirpIm, kernelRe, kernelIm } = this;
    for (let j = 0; j < n; j++) {
      const xr = inRe[j] as number, xi = inIm[j] as number, cr = chirpRe[j] as number, ci = chirpIm[j] as number;
      aRe[j] = xr * cr + xi * ci;
      aIm[j] = xi * cr - xr * ci;
    }
    aRe.fill(0, n);
    aIm.fill(0, n);
    this.inner.forward(aRe, aIm, bRe, bIm);
    // multiply by the kernel and conjugate, so a forward FFT computes the inverse (conjugated back below)
    for (let j = 0; j < m; j++) {
      const xr = bRe[j] as number, xi = bIm[j] as number, kr = kernelRe[j] as number, ki = kernelIm[j] as number;
      aRe[j] = xr * kr - xi * ki;
      aIm[j] = -(xr * ki + xi * kr);
    }
    this.inner.forward(aRe, aIm, bRe, bIm);
    for (let k = 0; k < n; k++) {
      const yr = bRe[k] as number, yi = -(bIm[k] as number), cr = chirpRe[k] as number, ci = chirpIm[k] as number;
      outRe[k] = yr * cr + yi * ci;
      outIm[k] = yi * cr - yr * ci;
    }
  }
}

/**
 * A real-input DFT of length n returning the n/2 + 1 non-negative-frequency bins (numpy's `rfft`). An even n runs
 * one complex FFT of length n/2 on the samples packed as (even, odd) pairs and untangles the halves.
 */
export class RealFft {
  readonly n: number;
  /** Number of output bins, ⌊n/2⌋ + 1. */
  readonly bins: number;
  private readonly half: number;
  private readonly fft: ComplexFft;
  private readonly zRe: Float64Array;
  private readonly zIm: Float64Array;
  private readonly ZRe: Float64Array;
  private readonly ZIm: Float64Array;
  private readonly wRe: Float64Array;
  private readonly wIm: Float64Array;

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`FFT length must be a positive integer, got ${n}`);
    this.n = n;
    this.bins = Math.floor(n / 2) + 1;
    const even = n % 2 === 0 && n >= 2;
    this.half = even ? n / 2 : n;
    this.fft = createComplexFft(this.half);
    this.zRe = new Float64Array(this.half);
    this.zIm = new Float64Array(this.half);
    this.ZRe = new Float64Array(this.half);
    this.ZIm = new Float64Array(this.half);
    this.wRe = new Float64Array(this.bins);
    this.wIm = new Float64Array(this.bins);
    for (let k = 0; k < this.bins; k++) {
      const a = (-2 * Math.PI * k) / n;
      this.wRe[k] = Math.cos(a);
      this.wIm[k] = Math.sin(a);
    }
  }

  /** x: n real samples → (re, im) of length `bins`. */
  forward(x: Float64Array, re: Float64Array, im: Float64Array): void {
    const { n, half, zRe, zIm, ZRe, ZIm } = this;
    if (half === n) {
      zRe.set(x.subarray(0, n));
      zIm.fill(0);
      this.fft.forward(zRe, zIm, ZRe, ZIm);
      for (let k = 0; k < this.bins; k++) {
        re[k] = ZRe[k] as number;
        im[k] = ZIm[k] as number;
      }
      return;
    }
    for (let j = 0; j < half; j++) {
      zRe[j] = x[2 * j] as number;
      zIm[j] = x[2 * j + 1] as number;
    }
    this.fft.forward(zRe, zIm, ZRe, ZIm);
    const wRe = this.wRe, wIm = this.wIm;
    for (let k = 0; k <= half; k++) {
      const a = k === half ? 0 : k, b = k === 0 ? 0 : half - k;
      const zr = ZRe[a] as number, zi = ZIm[a] as number, cr = ZRe[b] as number, ci = -(ZIm[b] as number);
      // E = (Z[k] + conj Z[n/2−k]) / 2, O = (Z[k] − conj Z[n/2−k]) / 2i, X[k] = E + w^k·O
      const er = 0.5 * (zr + cr), ei = 0.5 * (zi + ci);
      const or = 0.5 * (zi - ci), oi = -0.5 * (zr - cr);
      const wr = wRe[k] as number, wi = wIm[k] as number;
      re[k] = er + or * wr - oi * wi;
      im[k] = ei + or * wi + oi * wr;
    }
  }
}
