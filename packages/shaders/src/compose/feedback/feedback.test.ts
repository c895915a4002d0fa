import { describe, expect, it } from '@jest/globals';
import { createFrame, Rng, type RgbFrame } from '@glyphreel/core';
import { blendLut } from '../blend/engine.js';
import { FeedbackBuffer } from './buffer.js';
import { FEEDBACK_BY_CONCEPT, FEEDBACK_PRESETS, feedbackPreset } from './presets.js';
import { applyTransformPlan, buildTransformPlan, FEEDBACK_TRANSFORMS, type FeedbackTransform } from './transforms.js';

function randomFrame(w: number, h: number, seed: number): RgbFrame {
  const f = createFrame(w, h);
  const r = new Rng(seed);
  for (let i = 0; i < f.data.length; i++) f.data[i] = r.int(0, 255);
  return f;
}

/** A frame whose pixel (x, y) is (x, y, 7): transforms can be read back as coordinates. */
function coordFrame(w: number, h: number): RgbFrame {
  const f = createFrame(w, h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) f.data.set([x + 1, y + 1, 7], (y * w + x) * 3);
  return f;
}
/** The source coordinate each destination pixel came from, or null for black. */
function readBack(data: Uint8Array, w: number, h: number): (string | null)[][] {
  const rows: (string | null)[][] = [];
  for (let y = 0; y < h; y++) {
    const row: (string | null)[] = [];
    for (let x = 0; x < w; x++) {
      const p = (y * w + x) * 3;
      row.push(data[p + 2] === 0 ? null : `${(data[p] as number) - 1},${(data[p + 1] as number) - 1}`);
    }
    rows.push(row);
  }
  return rows;
}
function transformed(t: FeedbackTransform, amt: number, w: number, h: number): (string | null)[][] {
  const src = coordFrame(w, h);
  const dst = new Uint8Array(src.data.length);
  applyTransformPlan(buildTransformPlan(w, h, t, amt), src.data, dst, w, h);
  return readBack(dst, w, h);
}

describe('FeedbackBuffer', () => {
  it('passes the first frame through unchanged and seeds the buffer with it', () => {
    const fb = new FeedbackBuffer();
    const f = randomFrame(7, 5, 1);
    const before = new Uint8Array(f.data);
    expect(fb.primed).toBe(false);
    expect(fb.apply(f, { transform: 'zoom', hueShift: 0.1 })).toBe(f);
    expect(Buffer.from(f.data).equals(Buffer.from(before))).toBe(true);
    expect(Buffer.from(fb.buffer as Uint8Array).equals(Buffer.from(before))).toBe(true);
  });

  it('blends frame (base) with the decayed buffer (top), and the blended result becomes the buffer', () => {
    const fb = new FeedbackBuffer();
    const first = randomFrame(6, 4, 2);
    const seed = new Uint8Array(first.data);
    fb.apply(first);
    const lut = blendLut('screen', 0.5);
    const decay = (b: number) => Math.floor(b * 0.85 + 1e-6);

    const second = randomFrame(6, 4, 3);
    const base2 = new Uint8Array(second.data);
    fb.apply(second);
    const want2 = Array.from(base2, (a, i) => lut[(a << 8) | decay(seed[i] as number)] as number);
    expect(Array.from(second.data)).toEqual(want2);
    expect(Array.from(fb.buffer as Uint8Array)).toEqual(want2);

    // Trails compound: the third frame sees the second *result*, not the second input.
    const third = createFrame(6, 4);
    fb.apply(third);
    const want3 = want2.map((b) => lut[decay(b)] as number);
    expect(Array.from(third.data)).toEqual(want3);
    expect(want3).not.toEqual(Array.from(base2, (b) => lut[decay(b)] as number));
  });

  it('decays an unrefreshed bright pixel geometrically (×0.5 per frame with add at opacity 1 on black)', () => {
    const fb = new FeedbackBuffer();
    const f = createFrame(1, 1);
    f.data.set([200, 100, 40]);
    fb.apply(f);
    const seen: number[][] = [];
    for (let k = 0; k < 3; k++) {
      const black = createFrame(1, 1);
      fb.apply(black, { decay: 0.5, blend: 'add', opacity: 1 });
      seen.push(Array.from(black.data));
    }
    expect(seen).toEqual([[100, 50, 20], [50, 25, 10], [25, 12, 5]]);
  });

  it('rotates the hue of the buffer by hueShift turns', () => {
    const fb = new FeedbackBuffer();
    const red = createFrame(2, 1);
    red.data.set([255, 0, 0, 90, 90, 90]);
    fb.apply(red);
    const out = createFrame(2, 1);
    fb.apply(out, { decay: 1, blend: 'normal', opacity: 1, hueShift: 1 / 3 });
    expect(Array.from(out.data)).toEqual([0, 255, 0, 90, 90, 90]); // grey has no hue and stays grey
  });

  it('hue-shifts truncated values after zoom (it resizes through u8) and exact decayed values otherwise', () => {
    const run = (transform: FeedbackTransform | null) => {
      const fb = new FeedbackBuffer();
      const f = createFrame(4, 4);
      for (let i = 0; i < f.data.length; i += 3) f.data.set([103, 1, 1], i);
      fb.apply(f);
      const out = createFrame(4, 4);
      fb.apply(out, { decay: 0.5, blend: 'normal', opacity: 1, hueShift: 0.1, transform, transformAmt: 0 });
      return Array.from(out.data.subarray(0, 3));
    };
    // Decayed (51.5, 0.5, 0.5): hue 0 → 0.1, sector 0, f = 0.6: G = v − (v − min)·0.4 = 51.5 − 51·0.4 = 31.1.
    expect(run(null)).toEqual([51, 31, 0]);
    expect(run('mirror_h')).toEqual([51, 31, 0]);
    // After zoom/shrink the reference has (51, 0, 0): G = 51 − 51·0.4 = 30.6.
    expect(run('zoom')).toEqual([51, 30, 0]);
    expect(run('shrink')).toEqual([51, 30, 0]);
  });

  it('applies each transform to the buffer before blending (normal, opacity 1, decay 1 shows it bare)', () => {
    for (const t of FEEDBACK_TRANSFORMS) {
      const fb = new FeedbackBuffer();
      const seedFrame = coordFrame(10, 10);
      fb.apply(seedFrame);
      const out = createFrame(10, 10);
      fb.apply(out, { decay: 1, blend: 'normal', opacity: 1, transform: t, transformAmt: 0.1 });
      expect(readBack(out.data, 10, 10)).toEqual(transformed(t, 0.1, 10, 10));
    }
  });

  it('restarts when the frame size changes, and validates its options', () => {
    const fb = new FeedbackBuffer();
    fb.apply(randomFrame(4, 4, 1));
    const other = randomFrame(5, 3, 2);
    const copy = new Uint8Array(other.data);
    fb.apply(other);
    expect(Buffer.from(other.data).equals(Buffer.from(copy))).toBe(true);
    const fresh = new FeedbackBuffer();
    expect(() => fresh.apply(createFrame(2, 2), { blend: 'glow' })).toThrow('Unknown blend mode "glow"');
    expect(fresh.primed).toBe(false);
    expect(() => fresh.apply(createFrame(2, 2), { transform: 'spin' as FeedbackTransform })).toThrow('Unknown feedback transform "spin"');
    expect(() => fresh.apply(createFrame(2, 2), { decay: 1.2 })).toThrow('decay 1.2 is invalid');
    expect(() => fresh.apply(createFrame(2, 2), { transformAmt: 0.5 })).toThrow('transformAmt 0.5 is invalid');
    fb.reset();
    expect(fb.primed).toBe(false);
    const afterCut = randomFrame(5, 3, 9);
    const cutCopy = new Uint8Array(afterCut.data);
    fb.apply(afterCut);
    expect(Buffer.from(afterCut.data).equals(Buffer.from(cutCopy))).toBe(true);
  });
});

describe('feedback transforms', () => {
  const W = 10;
  const H = 10;
  const at = (x: number, y: number) => `${x},${y}`;

  it('mirror_h flips the whole buffer horizontally', () => {
    const g = transformed('mirror_h', 0.02, W, H);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) expect(g[y]![x]).toBe(at(W - 1 - x, y));
  });

  it('shift_up rolls up by max(1, ⌊H·amt⌋) and blacks the bottom; shift_down the reverse', () => {
    const up = transformed('shift_up', 0.2, W, H); // 2 rows
    expect(up[0]![3]).toBe(at(3, 2));
    expect(up[7]![0]).toBe(at(0, 9));
    expect(up[8]!.every((v) => v === null) && up[9]!.every((v) => v === null)).toBe(true);
    const down = transformed('shift_down', 0.001, W, H); // ⌊0.01⌋ = 0 → at least 1 row
    expect(down[0]!.every((v) => v === null)).toBe(true);
    expect(down[1]![4]).toBe(at(4, 0));
    expect(down[9]![9]).toBe(at(9, 8));
  });

  it('zoom crops ⌊H·amt⌋ × ⌊W·amt⌋ margins and stretches back with nearest neighbour', () => {
    const z = transformed('zoom', 0.1, W, H); // crop (1..8) → 10: src = 1 + ⌊x·8/10⌋
    const src = [1, 1, 2, 3, 4, 5, 5, 6, 7, 8];
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) expect(z[y]![x]).toBe(at(src[x]!, src[y]!));
  });

  it('shrink resizes to (W − 2n) × (H − 2m) and pastes it centred on black', () => {
    const s = transformed('shrink', 0.1, W, H); // 8×8 at (1, 1): src = ⌊(x − 1)·10/8⌋
    expect(s[0]!.every((v) => v === null)).toBe(true);
    expect(s.map((r) => r[9])).toEqual(Array(10).fill(null));
    const src = [0, 1, 2, 3, 5, 6, 7, 8];
    for (let y = 1; y < 9; y++) for (let x = 1; x < 9; x++) expect(s[y]![x]).toBe(at(src[x - 1]!, src[y - 1]!));
  });

  it('rotate_cw samples with angle amt·10 radians (truncated, clamped); rotate_ccw uses the opposite angle', () => {
    const amt = 0.05; // 0.5 rad ≈ 28.6°
    for (const [t, sign] of [['rotate_cw', 1], ['rotate_ccw', -1]] as const) {
      const g = transformed(t, amt, W, H);
      const a = sign * amt * 10;
      for (let y = 0; y < H; y++) {
        for (let x = 0; x < W; x++) {
          const X = x - W / 2;
          const Y = y - H / 2;
          const sx = Math.min(W - 1, Math.max(0, Math.trunc(X * Math.cos(a) + Y * Math.sin(a) + W / 2)));
          const sy = Math.min(H - 1, Math.max(0, Math.trunc(-X * Math.sin(a) + Y * Math.cos(a) + H / 2)));
          expect(g[y]![x]).toBe(at(sx, sy));
        }
      }
    }
    expect(transformed('rotate_cw', amt, W, H)).not.toEqual(transformed('rotate_ccw', amt, W, H));
    // amt 0 is the identity.
    const id = transformed('rotate_cw', 0, W, H);
    expect(id[3]![7]).toBe(at(7, 3));
  });
});

describe('feedback presets', () => {
  it('holds the seven presets of catalog 3.4 with shaders.md opacities', () => {
    expect(Object.keys(FEEDBACK_PRESETS)).toHaveLength(7);
    expect(feedbackPreset('infinite_zoom_tunnel')).toEqual({ decay: 0.8, blend: 'screen', opacity: 0.4, transform: 'zoom', transformAmt: 0.015, hueShift: 0 });
    expect(feedbackPreset('multiplied_depth').blend).toBe('multiply');
    expect(() => feedbackPreset('tunnel')).toThrow('Unknown feedback preset "tunnel"');
    expect(FEEDBACK_BY_CONCEPT.emergence.transform).toBe('shrink');
    expect(FEEDBACK_BY_CONCEPT.entropy).toBeNull();
  });

  it('every preset runs, and multiplied depth darkens by at most its opacity', () => {
    for (const name of Object.keys(FEEDBACK_PRESETS)) {
      const fb = new FeedbackBuffer();
      const opts = feedbackPreset(name);
      fb.apply(randomFrame(12, 8, 1), opts);
      const f = randomFrame(12, 8, 2);
      const before = new Uint8Array(f.data);
      fb.apply(f, opts);
      if (name === 'multiplied_depth') {
        for (let i = 0; i < f.data.length; i++) {
          expect(f.data[i]).toBeLessThanOrEqual(before[i] as number);
          expect(f.data[i]).toBeGreaterThanOrEqual(Math.floor((before[i] as number) * 0.7) - 1);
        }
      }
    }
  });
});
