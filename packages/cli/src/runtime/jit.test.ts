import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';

const run = promisify(execFile);
const cwd = fileURLToPath(new URL('../..', import.meta.url));

// The first 40 frames of the benchmark's layer (plasma, angle hue, md grid, 1080p) in a fresh process, as a worker
// draws them, with V8 reporting every time it throws optimized code away. Each frame is also drawn into a plain
// frame outside the wasm arena, which the JavaScript blit draws (renderer frames go to the wasm kernel).
const SCRIPT = `
import { createField, featureFrame, Rng } from '@glyphreel/core';
import { createSceneRenderer, fieldToLayer } from '@glyphreel/grid';
import { clearSimdFrame, createSimdFrame } from '@glyphreel/shaders';
import { angleHue, plasma } from '@glyphreel/effects';
const renderer = createSceneRenderer({ width: 1920, height: 1080, createFrame: createSimdFrame, clearFrame: clearSimdFrame });
const grid = renderer.grid('md');
const palette = grid.palette('default');
const value = createField(grid);
const hue = createField(grid);
const ctx = { t: 0, frame: 0, fps: 24, progress: 0, durationS: 10, features: featureFrame(), state: {}, rng: new Rng(1), budget: { particlesMax: 1200, shaders: 'full', gridScale: 1 }, replaying: false };
const hueCtx = { ...ctx, state: {} };
const plain = { width: 1920, height: 1080, data: new Uint8Array(1920 * 1080 * 3) };
let sum = 0;
let sumPlain = 0;
for (let i = 0; i < 40; i++) {
  ctx.t = hueCtx.t = i / 24;
  renderer.beginFrame();
  plasma.fill(value, grid, ctx, {});
  angleHue.fill(hue, grid, hueCtx, { offset: 0 });
  const layer = fieldToLayer(renderer.layer(grid), value, hue, palette);
  const frame = renderer.frame();
  renderer.render(grid, layer, frame);
  plain.data.fill(0);
  grid.render(layer, plain);
  for (let p = 0; p < frame.data.length; p += 997) {
    sum += frame.data[p];
    sumPlain += plain.data[p];
  }
}
// stderr: V8 writes its trace to stdout through its own buffer, which a line of ours there could land inside
process.stderr.write('done ' + sum + ' ' + sumPlain + '\\n');
`;

describe('JIT stability of the per-frame kernels', () => {
  it('fieldToLayer, plasma and the JavaScript blit are not thrown away and recompiled in the first frames', async () => {
    const { stdout, stderr } = await run(process.execPath, ['--trace-deopt', '--input-type=module', '-e', SCRIPT], { cwd, maxBuffer: 64 << 20 });
    const done = /^done ([1-9]\d*) (\d+)$/m.exec(stderr);
    expect(done).not.toBeNull(); // the frames were drawn
    expect(done![2]).toBe(done![1]); // by the wasm kernel and by the JavaScript blit alike
    expect(stdout).toContain('[bailout'); // the trace is on (other functions, e.g. one-time loops, do deoptimize)
    const bailouts = stdout.split('\n').filter((l) => l.includes('deoptimizing'));
    // The kernels primed by the grid, and plasma's six state buffers (a Map beside ctx.state, not six property names
    // through one site, which V8 deoptimized as "wrong name").
    expect(bailouts.filter((l) => /<JSFunction (blitLayer|fieldToLayer) /.test(l))).toEqual([]);
    expect(bailouts.filter((l) => l.includes('wrong name'))).toEqual([]);
  }, 60_000);
});
