import { Worker } from 'node:worker_threads';
import { describe, expect, it } from '@jest/globals';
import { FrameClaims } from './claims.js';

describe('FrameClaims', () => {
  it('hands out the frames of a slot in order, then −1', () => {
    const c = FrameClaims.create(2);
    c.open(1, 10, 13);
    expect([c.claim(1), c.claim(1), c.remaining(1), c.claim(1), c.claim(1), c.remaining(1)]).toEqual([10, 11, 1, 12, -1, 0]);
  });

  it('splits off the back half of the unclaimed frames, leaving the front to the worker', () => {
    const c = FrameClaims.create(1);
    c.open(0, 100, 200);
    for (let i = 0; i < 20; i++) c.claim(0);
    expect(c.split(0, 10)).toEqual([160, 200]); // 80 unclaimed: 40 stay
    expect(c.remaining(0)).toBe(40);
    expect(c.split(0, 10)).toEqual([140, 160]);
    expect(c.split(0, 11)).toBeNull(); // 20 left < 2·11
    let last = -1;
    for (let f = c.claim(0); f >= 0; f = c.claim(0)) last = f;
    expect(last).toBe(139);
  });

  it('asks before splitting, with the cut and the end', () => {
    const c = FrameClaims.create(1);
    c.open(0, 0, 50);
    const asked: number[][] = [];
    expect(c.split(0, 1, (cut, end) => (asked.push([cut, end]), false))).toBeNull();
    expect(asked).toEqual([[25, 50]]);
    expect(c.remaining(0)).toBe(50);
  });

  it('never loses or repeats a frame when a worker thread claims while the main thread splits', async () => {
    const FRAMES = 200_000;
    const ROUNDS = 200;
    const claims = FrameClaims.create(1);
    const log = new Int32Array(new SharedArrayBuffer(4 * FRAMES));
    // [0] = round to run (0: none yet), [1] = rounds finished, [2] = frames the worker claimed in the last round.
    const sync = new Int32Array(new SharedArrayBuffer(12));
    // The worker runs the compiled module (the build precedes the tests, as for the render workers).
    const compiled = new URL('../../dist/render/claims.js', import.meta.url).href;
    const worker = new Worker(
      `const { workerData: w } = require('node:worker_threads');
       import(w.compiled).then(({ FrameClaims }) => {
         const claims = new FrameClaims(w.claims), log = new Int32Array(w.log), sync = new Int32Array(w.sync);
         for (let round = 1; round <= w.rounds; round++) {
           Atomics.wait(sync, 0, round - 1);
           let n = 0;
           for (let f = claims.claim(0); f >= 0; f = claims.claim(0)) log[n++] = f;
           Atomics.store(sync, 2, n);
           Atomics.store(sync, 1, round);
           Atomics.notify(sync, 1);
         }
       });`,
      { eval: true, workerData: { compiled, claims: claims.buffer, log: log.buffer, sync: sync.buffer, rounds: ROUNDS } },
    );
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    let splits = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      claims.open(0, 0, FRAMES);
      Atomics.store(sync, 0, round);
      Atomics.notify(sync, 0);
      // Split as fast as possible once the worker is claiming: every split races its claims.
      const taken: Array<[number, number]> = [];
      // The spins are synchronous (a jest timeout cannot stop them): bound them, so a dead worker fails the test.
      const deadline = performance.now() + 10000;
      const alive = () => {
        if (performance.now() > deadline) throw new Error(`round ${round}: the worker stopped claiming`);
        return true;
      };
      while (claims.remaining(0) === FRAMES && alive());
      for (; alive(); ) {
        const cut = claims.split(0, 1);
        if (cut) taken.push(cut);
        else if (Atomics.load(sync, 1) === round) break;
      }
      while (Atomics.load(sync, 1) !== round) await new Promise((r) => setTimeout(r, 1));
      splits += taken.length;
      const n = Atomics.load(sync, 2);
      // The worker drew 0 … n−1 in order; the pieces taken cover n … FRAMES−1 exactly once.
      let ok = true;
      for (let i = 0; i < n; i++) if (log[i] !== i) ok = false;
      expect(ok).toBe(true);
      taken.sort((a, b) => a[0] - b[0]);
      let at = n;
      for (const [a, b] of taken) {
        expect(a).toBe(at);
        at = b;
      }
      expect(at).toBe(FRAMES);
    }
    await exited;
    expect(splits).toBeGreaterThan(ROUNDS * 5);
  }, 60000);
});
