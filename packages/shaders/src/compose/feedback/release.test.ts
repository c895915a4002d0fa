import { describe, expect, it } from '@jest/globals';
import { createFrame, Rng } from '@glyphreel/core';
import { arena } from '../../shaders/internal/simd/arena.js';
import { shaderChain } from '../../shaders/standalone.js';
import { randomBytes } from '../../test-utils/bytes.js';
import { FeedbackBuffer } from './buffer.js';

// Arena memory is not garbage-collected promptly, so long-lived owners give it back explicitly.
describe('releasing WebAssembly memory', () => {
  it('FeedbackBuffer.release returns its trail, work area, table and rotation map, and the buffer stays usable', () => {
    const [w, h] = [40, 30];
    const frames = [0, 1, 2].map((k) => randomBytes(new Rng(k), w * h * 3));
    const run = (fb: FeedbackBuffer) =>
      frames.map((src) => {
        const f = createFrame(w, h);
        f.data.set(src);
        return Array.from(fb.apply(f, { transform: 'rotate_cw', decay: 0.8 }).data);
      });
    const a = arena();
    // Shared scratch regions (the copy area for heap frames, kernel scratch) are made once and kept: warm them up.
    const warm = new FeedbackBuffer();
    run(warm);
    warm.release();
    const before = a.stats.usedBytes;
    const fb = new FeedbackBuffer();
    const first = run(fb);
    const held = a.stats.usedBytes - before;
    expect(held).toBeGreaterThanOrEqual(w * h * 3 * 2 + 65536 + w * h * 4); // trail, work, table, rotation map
    fb.release();
    expect(a.stats.usedBytes).toBe(before);
    fb.release(); // twice is fine
    expect(a.stats.usedBytes).toBe(before);
    // Usable again: it seeds afresh, so the same frames give the same outputs as the first time.
    expect(run(fb)).toEqual(first);
    fb.release();
    expect(a.stats.usedBytes).toBe(before);
  });

  it("ShaderChain.release returns the arena copy it makes of heap frames, and the chain stays usable", () => {
    const [w, h] = [33, 21];
    const src = randomBytes(new Rng(4), w * h * 3);
    const chain = shaderChain([['vignette', { s: 0.5 }], ['grain', { amt: 12 }], ['invert']]);
    const apply = () => {
      const f = createFrame(w, h);
      f.data.set(src);
      return Array.from(chain.apply(f, { rng: new Rng(9) }).data);
    };
    const a = arena();
    const warm = shaderChain([['vignette', { s: 0.5 }], ['grain', { amt: 12 }], ['invert']]);
    warm.apply(createFrame(w, h)); // makes the shared scratch regions
    warm.release();
    const before = a.stats.usedBytes;
    const once = apply();
    expect(a.stats.usedBytes - before).toBeGreaterThanOrEqual(w * h * 3);
    chain.release();
    expect(a.stats.usedBytes).toBe(before);
    expect(apply()).toEqual(once);
    chain.release();
    expect(a.stats.usedBytes).toBe(before);
  });
});
