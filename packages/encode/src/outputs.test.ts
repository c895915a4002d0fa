import { afterAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openEncoder, type EncoderOptions } from './encoder.js';
import { probe } from './probe.js';
import { extraFiles, fillFrame, realFfmpeg, removeTempDirs, tempDir } from './test-utils/ffmpeg.js';

afterAll(removeTempDirs);

const W = 64;
const H = 36;

async function encode(output: string, n: number, extra: Partial<EncoderOptions> = {}) {
  const ffmpeg = await realFfmpeg();
  const enc = await openEncoder({ ffmpeg, width: W, height: H, fps: 12, output, quality: 'draft', ...extra });
  const buf = new Uint8Array(W * H * 3);
  for (let i = 0; i < n; i++) await enc.write(fillFrame(buf, W, H, i));
  return enc.close();
}

describe('output formats', () => {
  it('gif: palette pass, loops forever, one GIF frame per video frame', async () => {
    const d = tempDir('gif');
    const out = path.join(d, 'loop.gif');
    const r = await encode(out, 12);
    expect(r.format).toBe('gif');
    expect(r.args.join(' ')).toContain('[0:v]fps=12,scale=64:36:flags=lanczos,split[a][b];[a]palettegen[p];[b][p]paletteuse');
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    // -loop 0 writes the NETSCAPE2.0 application extension with loop count 0.
    const ns = bytes.indexOf('NETSCAPE2.0');
    expect(ns).toBeGreaterThan(0);
    expect(bytes.readUInt16LE(ns + 13)).toBe(0);
    const p = await probe(out, { ffmpeg: await realFfmpeg() });
    expect([p.frames, p.width, p.height, p.codec]).toEqual([12, W, H, 'gif']);
    expect(extraFiles(d, ['loop.gif'])).toEqual([]);
  });

  it('gif: scales and resamples the frame rate', async () => {
    const out = path.join(tempDir('gif'), 'small.gif');
    await encode(out, 24, { gif: { fps: 6, width: 32, height: 18 } });
    const p = await probe(out, { ffmpeg: await realFfmpeg() });
    expect([p.frames, p.width, p.height]).toEqual([12, 32, 18]);
  });

  it('png: a directory of %06d.png numbered from the first frame index', async () => {
    const d = tempDir('png');
    const out = path.join(d, 'frames');
    const r = await encode(out, 7, { startNumber: 100 });
    expect(r.format).toBe('png');
    expect(readdirSync(out).sort()).toEqual(['000100', '000101', '000102', '000103', '000104', '000105', '000106'].map((s) => `${s}.png`));
    const p = await probe(out, { ffmpeg: await realFfmpeg(), fps: 12 });
    expect([p.frames, p.width, p.height, p.codec]).toEqual([7, W, H, 'png']);
    expect(extraFiles(d, ['frames'])).toEqual([]);
  });

  it('png: replaces an earlier sequence as a whole, and refuses a folder that holds anything else', async () => {
    const d = tempDir('png');
    const out = path.join(d, 'frames');
    await encode(out, 5);
    await encode(out, 3);
    expect(readdirSync(out).sort()).toEqual(['000000.png', '000001.png', '000002.png']);
    expect(extraFiles(d, ['frames'])).toEqual([]);
    writeFileSync(path.join(out, 'note.txt'), 'mine');
    await expect(encode(out, 2)).rejects.toMatchObject({ code: 'E_USAGE', message: `output folder ${out} holds other files (note.txt); a png sequence replaces the whole folder` });
    expect(readdirSync(out).sort()).toEqual(['000000.png', '000001.png', '000002.png', 'note.txt']);
    expect(readFileSync(path.join(out, 'note.txt'), 'utf8')).toBe('mine');
    expect(extraFiles(d, ['frames'])).toEqual([]);
  });

  it('webm: VP9, yuv420p, constant quality', async () => {
    const ff = await realFfmpeg();
    expect(ff.encoders).toContain('libvpx-vp9');
    const d = tempDir('webm');
    const out = path.join(d, 'clip.webm');
    const r = await encode(out, 12);
    expect(r.args.join(' ')).toContain('-c:v libvpx-vp9 -crf 30 -b:v 0 -pix_fmt yuv420p -deadline realtime -cpu-used 8');
    const p = await probe(out, { ffmpeg: ff });
    expect([p.frames, p.width, p.height, p.codec]).toEqual([12, W, H, 'vp9']);
    expect(readFileSync(out).subarray(0, 4).toString('hex')).toBe('1a45dfa3');
  });
});
