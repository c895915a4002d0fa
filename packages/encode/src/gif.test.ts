import { afterAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GlyphreelError } from '@glyphreel/core';
import { openEncoder } from './encoder.js';
import { gifFromVideo } from './gif.js';
import { probe } from './probe.js';
import { runFfmpeg } from './run.js';
import { fillFrame, realFfmpeg, removeTempDirs, tempDir } from './test-utils/ffmpeg.js';

afterAll(removeTempDirs);

const W = 96;
const H = 54;

async function video(output: string, frames: number, fps: number): Promise<void> {
  const ffmpeg = await realFfmpeg();
  const enc = await openEncoder({ ffmpeg, width: W, height: H, fps, output, quality: 'draft', crf: 12 });
  const buf = new Uint8Array(W * H * 3);
  for (let i = 0; i < frames; i++) await enc.write(fillFrame(buf, W, H, i));
  await enc.close();
}

describe('gifFromVideo', () => {
  it('gives the bytes of the one-run palette pass, frame for frame, and leaves only the gif', async () => {
    const ffmpeg = await realFfmpeg();
    const d = tempDir('gif');
    const input = path.join(d, 'in.mp4');
    await video(input, 20, 10);
    const out = path.join(d, 'out.gif');
    await gifFromVideo({ ffmpeg, input, output: out, fps: 10 });
    // The single run that buffers every frame (what the two runs replace) makes the same file.
    const oneRun = path.join(d, 'one-run.gif');
    await runFfmpeg(ffmpeg.path, ['-y', '-i', input, '-vf', 'fps=10,split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse=dither=bayer:bayer_scale=3', '-loop', '0', '-f', 'gif', oneRun], { what: 'the one-run gif' });
    expect(readFileSync(out).equals(readFileSync(oneRun))).toBe(true);
    const p = await probe(out, { ffmpeg });
    expect([p.frames, p.width, p.height, p.codec]).toEqual([20, W, H, 'gif']);
    expect(readdirSync(d).sort()).toEqual(['in.mp4', 'one-run.gif', 'out.gif']);
  });

  it('keeps the frame rate of the video when none is given, and the palette goes to workDir', async () => {
    const ffmpeg = await realFfmpeg();
    const d = tempDir('gif');
    const work = tempDir('gif-work');
    const input = path.join(d, 'in.mp4');
    await video(input, 12, 12);
    const out = path.join(d, 'out.gif');
    await gifFromVideo({ ffmpeg, input, output: out, workDir: work });
    expect((await probe(out, { ffmpeg })).frames).toBe(12);
    expect(readdirSync(work)).toEqual([]);
    expect(readdirSync(d).sort()).toEqual(['in.mp4', 'out.gif']);
  });

  it('names an unreadable input in one error and leaves the existing gif alone', async () => {
    const ffmpeg = await realFfmpeg();
    const d = tempDir('gif');
    const input = path.join(d, 'broken.mp4');
    writeFileSync(input, 'not a video');
    const out = path.join(d, 'keep.gif');
    writeFileSync(out, 'previous');
    const err = await gifFromVideo({ ffmpeg, input, output: out }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(GlyphreelError);
    expect((err as Error).message).toMatch(/^ffmpeg failed making the palette of .*keep\.gif \(exit 1\)/);
    expect(readFileSync(out, 'utf8')).toBe('previous');
    expect(readdirSync(d).sort()).toEqual(['broken.mp4', 'keep.gif']);
    await expect(gifFromVideo({ ffmpeg, input, output: out, fps: 0 })).rejects.toThrow('Invalid gif fps 0');
  });
});
