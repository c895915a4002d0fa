import { describe, expect, it } from '@jest/globals';
import { createGeometry } from '@glyphreel/core';
import { sdfGlow, sdfIntersect, sdfRender, sdfRepeat, sdfSmoothSubtract, sdfSmoothUnion, sdfSubtract, sdfUnion } from './combinators.js';
import { sdfBox, sdfCircle, sdfHeart, sdfLine, sdfRing, sdfStar, sdfTriangle } from './primitives.js';

// Square cells, so the pixel aspect (cols/rows)·(cw/ch) that scales x is 2, like the grid aspect.
const g = createGeometry({ rows: 40, cols: 80, cellWidthPx: 10, cellHeightPx: 10 });
const N = 3200;
const at = (r: number, c: number) => r * 80 + c;
const f = () => new Float32Array(N);

describe('SDF primitives (x scaled by the frame pixel aspect (cols/rows)·cellAspect = 2)', () => {
  it('scale x by the pixel aspect, not the grid aspect: a circle on 1:2 cells is round in pixels', () => {
    // 120×40 cells of 8×16 px = 960×640 px. The reference's cols/rows = 3 would make it 2× taller than wide.
    const tall = createGeometry({ rows: 40, cols: 120, cellWidthPx: 8, cellHeightPx: 16 });
    const d = sdfCircle(new Float32Array(4800), tall, { radius: 0.3 });
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (let k = 0; k < d.length; k++) {
      if (d[k]! > 0) continue;
      const x = (k % 120) * 8 + 4;
      const y = Math.floor(k / 120) * 16 + 8;
      minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
    }
    const w = maxX - minX;
    const h = maxY - minY;
    expect(h).toBeGreaterThan(0.55 * 640 * 0.9); // diameter 0.6 of the height
    expect(Math.abs(w - h) / h).toBeLessThan(0.1);
  });

  it('circle, ring, box and line give the signed distances of their formulas', () => {
    const c = sdfCircle(f(), g, { radius: 0.25 });
    expect(c[at(20, 40)]).toBeCloseTo(-0.25, 6);
    expect(c[at(20, 60)]).toBeCloseTo(0.25 * 2 - 0.25, 6); // 20 cols right = 0.25 of the width, ×2
    expect(sdfRing(f(), g, { radius: 0.25, thickness: 0.05 })[at(20, 40)]).toBeCloseTo(0.2, 6);
    const b = sdfBox(f(), g, { w: 0.3, h: 0.2 });
    expect(b[at(20, 40)]).toBeCloseTo(-0.2, 6); // inside: max(dx, dy) = max(−0.3, −0.2)
    expect(b[at(0, 40)]).toBeCloseTo(0.3, 6); // 0.5 above the centre: 0.5 − 0.2 outside the top edge
    const l = sdfLine(f(), g, { x0: 0.25, y0: 0.5, x1: 0.75, y1: 0.5, thickness: 0.01 });
    expect(l[at(20, 40)]).toBeCloseTo(-0.01, 6);
    expect(l[at(30, 40)]).toBeCloseTo(0.25 - 0.01, 6);
  });

  it('heart is signed below the lobes too (the reference left that half unsigned)', () => {
    const h = sdfHeart(f(), g, { cy: 0.5, size: 0.25 });
    // Centre: p = (0, 0.3), lower branch: −√min(0² + 0.7², (0 − 0.15)² + (0.3 − 0.15)²)·… sign(0 − 0.3) = −1.
    expect(h[at(20, 40)]).toBeCloseTo(-Math.sqrt(0.15 ** 2 + 0.15 ** 2) * 0.25, 6);
  });

  it('triangle, star and heart are negative at their centres and positive far away', () => {
    for (const d of [sdfTriangle(f(), g), sdfStar(f(), g), sdfHeart(f(), g, { cy: 0.5 })]) {
      expect(d[at(20, 40)]).toBeLessThan(0);
      expect(d[at(0, 0)]).toBeGreaterThan(0);
    }
    // Star radius: outer_r on a point's axis, inner_r between points (the wedge middle lies on the +x axis).
    const s = sdfStar(f(), g, { outer_r: 0.25, inner_r: 0.1 });
    const onAxis = at(20, 60); // angle 0, wedge phase 0 → |0 − w/2| → cos(π)·0.5 + 0.5 = 0 → inner radius
    expect(s[onAxis]).toBeCloseTo(0.5 - 0.1, 6);
  });
});

describe('SDF combinators and renderers', () => {
  const a = Float32Array.from([-0.2, 0.1, 0.3]);
  const b = Float32Array.from([0.1, -0.3, 0.3]);
  const o = () => new Float32Array(3);
  it('union/intersect/subtract are min, max and max(d1, −d2)', () => {
    expect(Array.from(sdfUnion(o(), a, b))).toEqual([a[0], b[1], a[2]]);
    expect(Array.from(sdfIntersect(o(), a, b))).toEqual([b[0], a[1], a[2]]);
    expect(Array.from(sdfSubtract(o(), a, b))).toEqual([Math.fround(-0.1), Math.fround(0.3), a[2]]);
  });

  it('smooth union rounds the join by k·h(1−h); smooth subtract is smooth union with −d2', () => {
    const k = 0.1;
    const h = 0.5 + (0.5 * (0.3 - 0.3)) / k;
    expect(sdfSmoothUnion(o(), a, b, k)[2]).toBeCloseTo(0.3 - k * h * (1 - h), 6);
    expect(sdfSmoothUnion(o(), a, b, k)[0]).toBeCloseTo(a[0]!, 6); // far apart: plain min
    const neg = b.map((v) => -v);
    expect(Array.from(sdfSmoothSubtract(o(), a, b, k))).toEqual(Array.from(sdfSmoothUnion(o(), a, neg, k)));
  });

  it('render: bright inside, invert flips; glow peaks on the boundary', () => {
    const d = Float32Array.from([-1, 0, 0.75, 3]);
    expect(Array.from(sdfRender(new Float32Array(4), d, 1.5))).toEqual([1, 1, 0.5, 0]);
    expect(Array.from(sdfRender(new Float32Array(4), d, 1.5, true))).toEqual([0, 0, 0.5, 1]);
    const gl = sdfGlow(new Float32Array(4), d, 0.5);
    expect(gl[1]).toBe(1);
    expect(gl[0]).toBeCloseTo(Math.exp(-0.5), 6);
  });

  it('repeat tiles a primitive centred at 0 into every tile', () => {
    const out = sdfRepeat(f(), g, sdfCircle, 0.25, 0.5, { cx: 0, cy: 0, radius: 0.05 });
    // Tile centres: x = 0.125 + 0.25k (cols 10, 30, 50, 70), y = 0.25 + 0.5k (rows 10, 30).
    for (const [r, c] of [[10, 10], [10, 30], [30, 50], [30, 70]] as const) expect(out[at(r, c)]).toBeCloseTo(-0.05, 6);
    expect(out[at(20, 40)]).toBeGreaterThan(0);
  });
});
