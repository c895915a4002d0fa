import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEncoder } from './encoder.js';
import { probe } from './probe.js';
import { fillFrame, realFfmpeg, removeTempDirs, tempDir } from './test-utils/ffmpeg.js';
import { createWorkDir, verifyOutput } from './workdir.js';

afterAll(removeTempDirs);

async function realVideo(out: string) {
  const ffmpeg = await realFfmpeg();
  // Noisy frames so the file is comfortably above the 1000-byte floor.
  const enc = await openEncoder({ ffmpeg, width: 128, height: 72, fps: 24, output: out, quality: 'draft', crf: 10 });
  const buf = new Uint8Array(128 * 72 * 3);
  for (let i = 0; i < 12; i++) await enc.write(fillFrame(buf, 128, 72, i));
  await enc.close();
}

describe('createWorkDir', () => {
  it('lives in os.tmpdir() and is removed once the output verifies', async () => {
    const ffmpeg = await realFfmpeg();
    const wd = await createWorkDir({ env: {} });
    expect(path.dirname(wd.path)).toBe(os.tmpdir());
    const seg = await wd.ensure('segments/seg 000.mp4');
    writeFileSync(seg, 'x');
    const out = path.join(tempDir('wd'), 'final.mp4');
    await realVideo(out);
    const r = await wd.cleanup(out, { ffmpeg });
    expect(r.removed).toBe(true);
    expect(r.verify?.probe?.frames).toBe(12);
    expect(existsSync(wd.path)).toBe(false);
  });

  it('takes the writer\'s probe instead of reading the output again, and still checks size and frames', async () => {
    const ffmpeg = await realFfmpeg();
    const out = path.join(tempDir('wd'), 'final.mp4');
    await realVideo(out);
    const real = await probe(out, { ffmpeg });
    const wd = await createWorkDir({ env: {} });
    // A probe that found no frames keeps the intermediates although the file itself is fine: it is what was used.
    const r1 = await wd.cleanup(out, { ffmpeg, probed: { ...real, frames: 0 } });
    expect(r1.removed).toBe(false);
    expect(r1.reason).toBe(`output not verified: ${out} has no video frames`);
    const r2 = await wd.cleanup(out, { ffmpeg, probed: real });
    expect(r2.removed).toBe(true);
    expect(r2.verify?.probe).toBe(real);
    expect(existsSync(wd.path)).toBe(false);
  });

  it('keeps intermediates when the output does not verify', async () => {
    const ffmpeg = await realFfmpeg();
    const d = tempDir('wd');
    const wd = await createWorkDir({ besideOutput: path.join(d, 'final.mp4'), env: {} });
    expect(path.basename(wd.path)).toMatch(/^\.final\.mp4\.glyphreel-work-\d+-[0-9a-f]{8}$/);
    const small = path.join(d, 'final.mp4');
    writeFileSync(small, 'tiny');
    const r1 = await wd.cleanup(small, { ffmpeg });
    expect(r1).toEqual({ removed: false, reason: `output not verified: ${small} is only 4 bytes (need more than 1000)`, verify: { ok: false, bytes: 4, reason: `${small} is only 4 bytes (need more than 1000)` } });
    writeFileSync(small, Buffer.alloc(5000, 1));
    const r2 = await wd.cleanup(small, { ffmpeg });
    expect(r2.removed).toBe(false);
    expect(r2.reason).toMatch(/^output not verified: cannot read /);
    const r3 = await wd.cleanup(path.join(d, 'missing.mp4'), { ffmpeg });
    expect(r3.reason).toBe(`output not verified: ${path.join(d, 'missing.mp4')} does not exist`);
    expect(existsSync(wd.path)).toBe(true);
    await wd.abort();
    expect(existsSync(wd.path)).toBe(false);
  });

  it('KEEP_INTERMEDIATES=1 keeps everything, even on abort; keep: true does the same', async () => {
    const ffmpeg = await realFfmpeg();
    const d = tempDir('wd');
    const out = path.join(d, 'final.mp4');
    await realVideo(out);
    for (const opts of [{ env: { KEEP_INTERMEDIATES: '1' } }, { keep: true, env: {} }]) {
      const wd = await createWorkDir({ besideOutput: out, ...opts });
      writeFileSync(wd.file('concat.txt'), 'x');
      const r = await wd.cleanup(out, { ffmpeg });
      expect(r.removed).toBe(false);
      expect(r.reason).toBe('intermediates kept (--keep-intermediates / KEEP_INTERMEDIATES=1)');
      await wd.abort();
      expect(readdirSync(wd.path)).toEqual(['concat.txt']);
    }
  });

  it('refuses names that escape the directory', async () => {
    const wd = await createWorkDir({ env: {} });
    expect(() => wd.file('../evil')).toThrow('escapes the work directory');
    await wd.abort();
  });
});

describe('verifyOutput', () => {
  it('accepts a real video and reports its probe', async () => {
    const ffmpeg = await realFfmpeg();
    const out = path.join(tempDir('vo'), 'v.mp4');
    await realVideo(out);
    const v = await verifyOutput(out, { ffmpeg });
    expect(v.ok).toBe(true);
    expect(v.bytes).toBeGreaterThan(1000);
    expect(v.probe?.frames).toBe(12);
  });
});
