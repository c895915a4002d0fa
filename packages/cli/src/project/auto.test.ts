import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { findFfmpeg, probe, runFfmpeg } from '@glyphreel/encode';
import { runCli } from '../program.js';
import { mediaProject } from './auto.js';
import { capture } from '../test-utils/capture.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'glyphreel-auto-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


async function make(name: string, args: string[]): Promise<string> {
  const ffmpeg = await findFfmpeg();
  const file = path.join(dir, name);
  await runFfmpeg(ffmpeg.path, ['-y', ...args, file], { what: `making ${name}` });
  return file;
}

const tiny = ['--resolution', '320x180', '--quality', 'draft', '--fps', '12', '--quiet'];

describe('mediaProject (--video)', () => {
  it('refuses a still picture passed as --video, naming the flag to use', async () => {
    const png = await make('still.png', ['-f', 'lavfi', '-i', 'testsrc2=s=160x90', '-frames:v', '1']);
    const io = capture();
    expect(await runCli(['render', '--video', png, '-o', path.join(dir, 'x.mp4'), ...tiny], io)).toBe(2);
    expect(io.errLines.filter(Boolean)).toEqual([`glyphreel: ${png} is a still picture, not a video (use --image ${png})`]);
  });

  it('refuses a song with cover art passed as --video, offering --image and --audio', async () => {
    const ffmpeg = await findFfmpeg();
    const cover = await make('cover.jpg', ['-f', 'lavfi', '-i', 'testsrc2=s=160x90', '-frames:v', '1']);
    const mp3 = path.join(dir, 'song.mp3');
    await runFfmpeg(ffmpeg.path, ['-y', '-f', 'lavfi', '-i', 'sine=d=2', '-i', cover, '-map', '0:a', '-map', '1:v', '-c:v', 'copy', '-disposition:v', 'attached_pic', mp3], { what: 'making a song with a cover' });
    const err = (await mediaProject({ video: mp3, ffmpeg }).catch((e: unknown) => e)) as Error & { code: string; hint: string };
    expect([err.code, err.message, err.hint]).toEqual(['E_INPUT', `${mp3} is a still picture, not a video`, `use --image ${mp3} for the picture or --audio ${mp3} for the sound`]);
  });

  it('says in one line, naming the file once, that a cut-off video cannot be read', async () => {
    const good = await make('whole.mp4', ['-f', 'lavfi', '-i', 'testsrc2=s=160x90:d=1', '-c:v', 'libx264', '-preset', 'ultrafast']);
    const cut = path.join(dir, 'cut.mp4');
    const { readFileSync } = await import('node:fs');
    writeFileSync(cut, readFileSync(good).subarray(0, 2000));
    const io = capture();
    expect(await runCli(['render', '--video', cut, '-o', path.join(dir, 'y.mp4'), ...tiny], io)).toBe(2);
    const lines = io.errLines.filter(Boolean);
    expect(lines.length).toBe(1);
    expect(lines[0]!.startsWith(`glyphreel: Cannot read video ${cut}: `)).toBe(true);
    expect(lines[0]!.split(cut).length).toBe(2);
    expect(lines[0]).not.toMatch(/@ 0x/);
    expect(lines[0]).toMatch(/\(is it a complete video file\?/);
  });

  it('renders a variable-rate "1k tbr" webm for its real length (it became 120 s at "1 fps")', async () => {
    const ffmpeg = await findFfmpeg();
    // irregular frame times (multiples of 1 ms) over 0–4 s: ffmpeg declares no rate, only "1k tbr"
    const webm = await make('screen.webm', [
      '-f', 'lavfi', '-i', 'testsrc2=s=64x36:r=1000:d=4', '-vf', "select='gt(not(mod(n,33))+not(mod(n,29)),0)'",
      '-vsync', 'vfr', '-c:v', 'libvpx', '-b:v', '200k',
    ]);
    const src = await probe(webm, { ffmpeg: ffmpeg.path });
    expect(Math.abs(src.durationS - 4)).toBeLessThanOrEqual(1 / 30);
    const out = path.join(dir, 'screen.mp4');
    expect(await runCli(['render', '--video', webm, '-o', out, ...tiny], capture())).toBe(0);
    const p = await probe(out, { ffmpeg: ffmpeg.path });
    expect(Math.abs(p.durationS - src.durationS)).toBeLessThanOrEqual(1 / 12);
    expect(p.frames).toBe(Math.round(Math.round(src.durationS * 1000) / 1000 * 12));
  }, 90000);

  it('renders a video whose picture starts 0.5 s in for the whole 3.5 s', async () => {
    const late = await make('late.mp4', [
      '-f', 'lavfi', '-i', 'sine=d=3.5', '-itsoffset', '0.5', '-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=25:d=3',
      '-map', '1:v', '-map', '0:a', '-vsync', 'passthrough', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac',
    ]);
    const ffmpeg = await findFfmpeg();
    const out = path.join(dir, 'late-out.mp4');
    expect(await runCli(['render', '--video', late, '-o', out, ...tiny], capture())).toBe(0);
    const p = await probe(out, { ffmpeg: ffmpeg.path });
    expect(p.frames).toBe(42);
    expect(Math.abs(p.durationS - 3.5)).toBeLessThanOrEqual(1 / 12);
  }, 90000);
});
