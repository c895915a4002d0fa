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
});
