import { describe, expect, it } from '@jest/globals';
import { createField, createGeometry, featureFrame, Rng, validateParams, type FrameContext } from '@glyphreel/core';
import { maskCircle } from './circle.js';
import { maskDissolve, dissolveMask } from './dissolve.js';
import { maskFromField, maskSelect, applyMaskField } from './field.js';
import { maskGradientH, maskGradientRadial, maskGradientV } from './gradient.js';
import { maskIris } from './iris.js';
import { maskRect } from './rect.js';
import { maskRing } from './ring.js';
import { maskInvert, maskIntersect, maskSubtract, maskUnion } from './boolean.js';
import { maskText, maskTextBlock, type TextCoverage } from './text.js';
import { maskWipeH, maskWipeV, wipeHMask } from './wipe.js';

// 40×20 cells of 10×20 px: asp 0.5.
const grid = createGeometry({ rows: 20, cols: 40, cellWidthPx: 10, cellHeightPx: 20 });
const at = (f: Float32Array, r: number, c: number) => f[r * grid.cols + c] as number;

function ctxAt(t: number): FrameContext {
  return {
    t, frame: 0, fps: 24, progress: 0, durationS: 10, features: featureFrame(), state: {}, rng: new Rng(1),
    budget: { particlesMax: 100, shaders: 'standard', gridScale: 1 }, replaying: false,
  };
}

describe('shape masks', () => {
  it('circle: 1 at the centre, 0 in the far corner, a linear feather ramp, hard edge at feather 0', () => {
    const m = maskCircle(createField(grid), grid, 0.5, 0.5, 0.3, 0.05);
    expect(at(m, 10, 20)).toBe(1);
    expect(at(m, 0, 0)).toBe(0);
    // Along the centre row d = |c/40 − 0.5|: c = 33 → d = 0.325 → 1 − 0.025/0.05 = 0.5.
    expect(at(m, 10, 33)).toBeCloseTo(0.5, 6);
    expect(at(m, 10, 32)).toBe(1); // d = 0.3, on the edge
    expect(at(m, 10, 34)).toBeCloseTo(1 - 0.05 / 0.05, 6); // d = 0.35 → 0
    // Distances are fractions of the frame width in pixels (round on screen): the frame is 400×400 px, so 2 rows
    // (40 px) down is 0.1, like 4 columns across. (The reference's dy·cw/ch made 4 rows down 0.1: a tall oval.)
    const hard = maskCircle(createField(grid), grid, 0.5, 0.5, 0.1, 0);
    expect(at(hard, 12, 20)).toBe(1);
    expect(at(hard, 13, 20)).toBe(0);
    expect(at(hard, 10, 24)).toBe(1);
    expect(at(hard, 10, 25)).toBe(0);
    expect(new Set(hard)).toEqual(new Set([0, 1]));
  });

  it('circle and radial gradient are round in pixels on a 16:9 frame of ~1:2 cells', () => {
    // 192×56 cells of 10×19 px (the md grid of 1080p): 1920×1064 px. Lit pixel extents of the disc, measured from the
    // pixel blocks the grid draws (cell (r, c) covers x ∈ [10c, 10c + 10), y ∈ [19r, 19r + 19)).
    const g = createGeometry({ rows: 56, cols: 192, cellWidthPx: 10, cellHeightPx: 19 });
    const extent = (m: Float32Array, lit: (v: number) => boolean) => {
      let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
      for (let i = 0; i < m.length; i++) {
        if (!lit(m[i]!)) continue;
        const r = Math.floor(i / g.cols);
        const c = i % g.cols;
        x0 = Math.min(x0, c * 10); x1 = Math.max(x1, c * 10 + 10); y0 = Math.min(y0, r * 19); y1 = Math.max(y1, r * 19 + 19);
      }
      return { w: x1 - x0, h: y1 - y0 };
    };
    // radius 0.2 of the width = 384 px: a 768 px disc (the reference's dy·cw/ch drew it 768 × 1064+ px).
    const disc = extent(maskCircle(createField(g), g, 0.5, 0.5, 0.2, 0), (v) => v === 1);
    expect(disc.w).toBeGreaterThan(740);
    expect(disc.w).toBeLessThan(800);
    expect(Math.abs(disc.h - disc.w) / disc.w).toBeLessThan(0.1);
    // The radial gradient's 0.5 contour (distance 0.15 of the width = 288 px).
    const contour = extent(maskGradientRadial(createField(g), g, 0.5, 0.5, 0, 0.3), (v) => v >= 0.5);
    expect(contour.w).toBeGreaterThan(540);
    expect(contour.w).toBeLessThan(620);
    expect(Math.abs(contour.h - contour.w) / contour.w).toBeLessThan(0.1);
  });

  it('rect: 1 inside, Chebyshev feather outside', () => {
    const m = maskRect(createField(grid), grid, 0.25, 0.25, 0.75, 0.75, 0.05);
    expect(at(m, 10, 20)).toBe(1);
    expect(at(m, 5, 10)).toBe(1); // (0.25, 0.25) corner
    expect(at(m, 10, 9)).toBeCloseTo(1 - 0.025 / 0.05, 6); // x = 0.225
    expect(at(m, 0, 0)).toBe(0);
  });

  it('ring: outer minus inner', () => {
    const m = maskRing(createField(grid), grid, 0.5, 0.5, 0.1, 0.3, 0);
    expect(at(m, 10, 20)).toBe(0);
    expect(at(m, 10, 28)).toBe(1); // d = 0.2
    expect(at(m, 10, 36)).toBe(0); // d = 0.4
  });

  it('gradients span the grid from start to end', () => {
    const h = maskGradientH(createField(grid), grid);
    expect(at(h, 3, 0)).toBe(0);
    expect(at(h, 3, 39)).toBe(1);
    expect(at(h, 7, 13)).toBeCloseTo(13 / 39, 6);
    const v = maskGradientV(createField(grid), grid, 0.5, 1);
    expect(at(v, 0, 5)).toBe(0);
    expect(at(v, 19, 5)).toBe(1);
    expect(at(v, 15, 0)).toBeCloseTo((15 / 19 - 0.5) / 0.5, 6);
    const r = maskGradientRadial(createField(grid), grid, 0.5, 0.5, 0, 0.5);
    expect(at(r, 10, 20)).toBe(1);
    // Fractions of the frame width in pixels (this frame is square, 400×400 px): 10 columns = 5 rows = 100 px = 0.25.
    expect(at(r, 10, 30)).toBeCloseTo(1 - 0.25 / 0.5, 6);
    expect(at(r, 15, 20)).toBeCloseTo(1 - 0.25 / 0.5, 6);
  });
});

describe('procedural masks and mask algebra', () => {
  it('from_vf ramps over threshold ± feather, or thresholds hard', () => {
    const vf = Float32Array.of(0, 0.4, 0.5, 0.55, 0.6, 1);
    const soft = Array.from(maskFromField(vf, 0.5, 0.1));
    [0, 0, 0.5, 0.75, 1, 1].forEach((want, i) => expect(soft[i]).toBeCloseTo(want, 6));
    expect(Array.from(maskFromField(vf, 0.5, 0))).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('select / applyMaskField mix two fields by the mask', () => {
    const a = Float32Array.of(1, 1, 1);
    const b = Float32Array.of(0, 0.5, 0.2);
    const m = Float32Array.of(1, 0, 0.25);
    expect(Array.from(maskSelect(m, a, b))).toEqual([1, 0.5, 0.25 + 0.2 * 0.75].map(Math.fround));
    expect(Array.from(applyMaskField(a, b, m))).toEqual(Array.from(maskSelect(m, a, b)));
    expect(() => applyMaskField(a, Float32Array.of(1), m)).toThrow('different lengths');
  });

  it('boolean operations: union = max, intersect = min, subtract = clamp(a − b), invert = 1 − m', () => {
    const a = Float32Array.of(0, 0.25, 1, 0.5);
    const b = Float32Array.of(1, 0.5, 0.25, 0.5);
    expect(Array.from(maskUnion(a, b))).toEqual([1, 0.5, 1, 0.5]);
    expect(Array.from(maskIntersect(a, b))).toEqual([0, 0.25, 0.25, 0.5]);
    expect(Array.from(maskSubtract(a, b))).toEqual([0, 0, 0.75, 0]);
    expect(Array.from(maskInvert(a))).toEqual([1, 0.75, 0, 0.5]);
    const inPlace = Float32Array.from(a);
    maskUnion(inPlace, b, inPlace);
    expect(Array.from(inPlace)).toEqual([1, 0.5, 1, 0.5]);
  });

  it('text masks fill one row per line with the mean coverage per cell (> 0.1), at the grid offsets', () => {
    // A block font: each character covers a 10 px column fully, text centred in the strip.
    const blocks: TextCoverage = (text, w, h) => {
      const out = new Float32Array(w * h);
      const x0 = Math.floor((w - text.length * 10) / 2);
      for (let k = 0; k < text.length; k++) {
        if (text[k] === ' ') continue;
        for (let y = 0; y < h; y++) for (let x = x0 + k * 10; x < x0 + k * 10 + 10; x++) out[y * w + x] = text[k] === '.' ? 0.05 : 1;
      }
      return out;
    };
    const g = createGeometry({ rows: 10, cols: 8, cellWidthPx: 10, cellHeightPx: 20, frameWidthPx: 85, frameHeightPx: 200 });
    expect(g.offsetXPx).toBe(2);
    const m = maskText(createField(g), g, 'AB.', blocks, 0.5);
    // Strip 85 px, text 30 px at x0 = 27: A covers 27..36, B 37..46, '.' 47..56 (coverage 0.05).
    // Cells at ox = 2: cell 2 = 22..31 (5 px of A → 0.5), cell 3 = 32..41 (1.0), cell 4 = 42..51 (5 px of B, 5 of '.' → 0.525).
    const row = Array.from(m.subarray(5 * 8, 6 * 8));
    expect(row.map((v) => Math.round(v * 1000) / 1000)).toEqual([0, 0, 0.5, 1, 0.525, 0, 0, 0]);
    expect(m.subarray(0, 5 * 8).every((v) => v === 0)).toBe(true);
    const block = maskTextBlock(createField(g), g, ['A', 'AB', 'A'], blocks, 0.3);
    expect([2, 3, 4, 5].map((r) => Array.from(block.subarray(r * 8, r * 8 + 8)).some((v) => v > 0))).toEqual([false, true, true, true]);
    expect(() => maskText(createField(g), g, 'x', () => new Float32Array(3))).toThrow('returned 3 values');
  });
});

describe('animated masks', () => {
  it('iris opens with smoothstep progress between t_start and t_end', () => {
    const m0 = maskIris(createField(grid), grid, 0, 1, 3);
    expect(at(m0, 10, 20)).toBe(1); // radius 0: only cells at d = 0 are lit
    expect(at(m0, 10, 22)).toBe(0);
    const mid = maskIris(createField(grid), grid, 2, 1, 3); // p = 0.5 → ease 0.5 → radius 0.35
    expect(at(mid, 10, 33)).toBe(1); // d = 0.325
    expect(at(mid, 10, 35)).toBeCloseTo(1 - 0.025 / 0.03, 6); // d = 0.375: inside the 0.03 feather
    expect(at(mid, 10, 36)).toBe(0); // d = 0.4
    // Fully open covers every corner of 16:9 and 9:16 frames of 1:2 cells (half-diagonal ≈ 0.57 of the longer side).
    for (const g of [createGeometry({ rows: 27, cols: 96, cellWidthPx: 10, cellHeightPx: 20 }), createGeometry({ rows: 48, cols: 54, cellWidthPx: 10, cellHeightPx: 20 })]) {
      const full = maskIris(createField(g), g, 5, 1, 3);
      expect(full.every((v) => v === 1)).toBe(true);
    }
  });

  it('wipes: hidden at p = 0, shown at p = 1, the edge between moving in the named direction', () => {
    const right0 = maskWipeH(createField(grid), grid, 0, 0, 1, 'right');
    expect(right0.every((v) => v === 0)).toBe(true);
    const right1 = maskWipeH(createField(grid), grid, 1, 0, 1, 'right');
    expect(right1.every((v) => v === 1)).toBe(true);
    const half = maskWipeH(createField(grid), grid, 0.5, 0, 1, 'right');
    expect(at(half, 5, 0)).toBe(1);
    expect(at(half, 5, 39)).toBe(0);
    const left = maskWipeH(createField(grid), grid, 0.5, 0, 1, 'left');
    expect(at(left, 5, 0)).toBe(0);
    expect(at(left, 5, 39)).toBe(1);
    const down = maskWipeV(createField(grid), grid, 0.25, 0, 1, 'down');
    expect(at(down, 0, 3)).toBe(1);
    expect(at(down, 19, 3)).toBe(0);
    const up = maskWipeV(createField(grid), grid, 0.25, 0, 1, 'up');
    expect(at(up, 0, 3)).toBe(0);
    expect(at(up, 19, 3)).toBe(1);
    // Monotonic in t.
    let prev = 0;
    for (let t = 0; t <= 1; t += 0.1) {
      const sum = maskWipeH(createField(grid), grid, t).reduce((s, v) => s + v, 0);
      expect(sum).toBeGreaterThanOrEqual(prev);
      prev = sum;
    }
  });

  it('dissolve is deterministic per seed and monotonic in t', () => {
    const a = maskDissolve(createField(grid), grid, 0.4, 0, 1, 42);
    const b = maskDissolve(createField(grid), grid, 0.4, 0, 1, 42);
    const c = maskDissolve(createField(grid), grid, 0.4, 0, 1, 7);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    const lit = a.reduce((s, v) => s + v, 0);
    expect(lit / a.length).toBeGreaterThan(0.3);
    expect(lit / a.length).toBeLessThan(0.5);
    let prev = createField(grid);
    for (const t of [0, 0.2, 0.5, 0.8, 1]) {
      const m = maskDissolve(createField(grid), grid, t, 0, 1, 42);
      for (let i = 0; i < m.length; i++) expect(m[i]).toBeGreaterThanOrEqual(prev[i] as number);
      prev = m;
    }
    expect(prev.every((v) => v === 1)).toBe(true);
  });

  it('MaskDefs read local time from the context and validate their schemas', () => {
    const p = validateParams(dissolveMask.params, { t_end: 2 }, { plugin: 'shaders', kind: 'mask', entry: 'dissolve' });
    const viaDef = createField(grid);
    dissolveMask.fill(viaDef, grid, ctxAt(1), p);
    expect(Array.from(viaDef)).toEqual(Array.from(maskDissolve(createField(grid), grid, 1, 0, 2, 42)));
    const wp = validateParams(wipeHMask.params, { direction: 'left' }, { plugin: 'shaders', kind: 'mask', entry: 'wipe_h' });
    const w = createField(grid);
    wipeHMask.fill(w, grid, ctxAt(0.5), wp);
    expect(at(w, 0, 39)).toBe(1);
    expect(() => validateParams(wipeHMask.params, { direction: 'up' }, { plugin: 'shaders', kind: 'mask', entry: 'wipe_h' })).toThrow('one of right, left');
  });
});
