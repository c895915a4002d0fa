import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { GlyphreelError } from '@glyphreel/core';
import { probe } from './probe.js';
import { runFfmpeg } from './run.js';
import { realFfmpeg, removeTempDirs, tempDir } from './test-utils/ffmpeg.js';

afterAll(removeTempDirs);

describe('probe', () => {
  it('probes an audio-only file: no video, its audio length', async () => {
    const ffmpeg = await realFfmpeg();
    const dir = tempDir();
    const wav = path.join(dir, 'tone.wav');
    await runFfmpeg(ffmpeg.path, ['-y', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=2.5', wav], { what: 'making a tone' });
    const p = await probe(wav, { ffmpeg: ffmpeg.path });
    expect(p).toMatchObject({ frames: 0, width: 0, height: 0, fps: 0, codec: '', hasAudio: true });
    expect(p.audioDurationS).toBeCloseTo(2.5, 2);
    expect(p.durationS).toBeCloseTo(2.5, 2);
  });

  it('rejects a file with neither stream', async () => {
    const ffmpeg = await realFfmpeg();
    const dir = tempDir();
    const txt = path.join(dir, 'notes.srt');
    await import('node:fs/promises').then((fs) => fs.writeFile(txt, '1\n00:00:00,000 --> 00:00:01,000\nhi\n'));
    await expect(probe(txt, { ffmpeg: ffmpeg.path })).rejects.toBeInstanceOf(GlyphreelError);
  });

  const make = async (bin: string, file: string, args: string[]) => {
    await runFfmpeg(bin, ['-y', ...args, file], { what: `making ${file}` });
    return file;
  };

  it('takes the length of a variable-frame-rate clip from its timestamps, not frames / declared fps', async () => {
    const ffmpeg = await realFfmpeg();
    // 3 of every 8 frames of a 30 fps source: 45 frames over 0–3.8 s; the mkv still declares 30 fps
    const mkv = await make(ffmpeg.path, path.join(tempDir(), 'vfr.mkv'), [
      '-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=30:d=4', '-vf', "select='lt(mod(n,8),3)'", '-vsync', 'vfr',
      '-c:v', 'libx264', '-preset', 'ultrafast',
    ]);
    const p = await probe(mkv, { ffmpeg: ffmpeg.path });
    expect(p.frames).toBe(45);
    // last frame at 3.8 s, lasting one source frame (frames / fps said 1.5 s)
    expect(Math.abs(p.durationS - (3.8 + 1 / 30))).toBeLessThanOrEqual(1 / 30);
    expect(p.startS).toBe(0);
    expect(p.fps).toBeCloseTo(45 / p.durationS, 2);
  });

  it('reads "1k tbr" as 1000 and measures the real rate of a jittery webm instead', async () => {
    const ffmpeg = await realFfmpeg();
    // frames at irregular multiples of 1 ms (n % 33 == 0 or n % 29 == 0 of a 1000 fps source): ffmpeg guesses no rate
    const webm = await make(ffmpeg.path, path.join(tempDir(), 'jit.webm'), [
      '-f', 'lavfi', '-i', 'testsrc2=s=64x36:r=1000:d=4', '-vf', "select='gt(not(mod(n,33))+not(mod(n,29)),0)'",
      '-vsync', 'vfr', '-c:v', 'libvpx', '-b:v', '200k',
    ]);
    const banner = await runFfmpeg(ffmpeg.path, ['-i', webm, '-f', 'null', '-'], { what: 'reading' });
    expect(banner.stderr).toMatch(/, 1k tbr/);
    const p = await probe(webm, { ffmpeg: ffmpeg.path });
    const expected = Math.floor(3999 / 33) + 1 + Math.floor(3999 / 29) + 1 - (Math.floor(3999 / (33 * 29)) + 1);
    expect(p.frames).toBe(expected);
    // the last frame is at 3.993 s (n = 3993 = 121·33); the old probe read 1 fps: a 263 s video
    expect(p.durationS).toBeGreaterThan(3.993);
    expect(p.durationS).toBeLessThanOrEqual(3.993 + 0.033);
    expect(p.fps).toBeGreaterThan(60);
    expect(p.fps).toBeLessThan(70);
  });

  it('counts a start offset: a video stream starting 0.5 s in ends at 3.5 s', async () => {
    const ffmpeg = await realFfmpeg();
    const mp4 = await make(ffmpeg.path, path.join(tempDir(), 'late.mp4'), [
      '-f', 'lavfi', '-i', 'sine=d=3.5', '-itsoffset', '0.5', '-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=25:d=3',
      '-map', '1:v', '-map', '0:a', '-vsync', 'passthrough', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac',
    ]);
    const p = await probe(mp4, { ffmpeg: ffmpeg.path });
    expect(p.frames).toBe(75);
    expect(p.fps).toBe(25);
    expect(Math.abs(p.startS - 0.5)).toBeLessThanOrEqual(1 / 25);
    expect(Math.abs(p.durationS - 3.5)).toBeLessThanOrEqual(1 / 25);
  });

  it('keeps a constant rate exact: 240 frames at 29.97 last 8.008 s', async () => {
    const ffmpeg = await realFfmpeg();
    const mp4 = await make(ffmpeg.path, path.join(tempDir(), 'ntsc.mp4'), [
      '-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=30000/1001', '-frames:v', '240', '-c:v', 'libx264', '-preset', 'ultrafast', '-bf', '2',
    ]);
    const p = await probe(mp4, { ffmpeg: ffmpeg.path });
    expect([p.frames, p.fps, p.durationS, p.startS]).toEqual([240, 29.97, 8.008, 0]);
  });

  it('names an unreadable file once, without ffmpeg\'s pointers, and asks whether it is complete', async () => {
    const ffmpeg = await realFfmpeg();
    const mp4 = path.join(tempDir(), 'cut.mp4');
    writeFileSync(mp4, Buffer.alloc(4096, 7));
    const err = (await probe(mp4, { ffmpeg: ffmpeg.path }).catch((e: unknown) => e)) as GlyphreelError;
    expect(err.code).toBe('E_INPUT');
    expect(err.message).not.toMatch(/@ 0x|\n/);
    expect(err.message.split(mp4).length).toBe(2);
    expect(err.message.startsWith(`cannot read ${mp4}: `)).toBe(true);
    expect(err.hint).toMatch(/^is it a complete video file\?/);
  });
});

