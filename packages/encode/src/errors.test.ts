import { describe, expect, it, afterAll } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ffmpegFailure, readLogTail, tailLines } from './errors.js';
import { removeTempDirs, tempDir } from './test-utils/ffmpeg.js';

afterAll(removeTempDirs);

describe('ffmpeg failures', () => {
  it('quotes the log\'s last meaningful lines', () => {
    expect(tailLines('frame=1\nfirst\n\nsecond\nspeed=2x\nthird', 2)).toEqual(['second', 'third']);
    const e = ffmpegFailure('encoding x.mp4', { exitCode: 1 }, ['Conversion failed!']);
    expect([e.code, e.message]).toEqual(['E_FFMPEG', 'ffmpeg failed encoding x.mp4 (exit 1): Conversion failed!']);
  });

  it('says "No space left on device" first, even when ffmpeg buried it under its summary', async () => {
    const log = path.join(tempDir('enospc'), 'x.log');
    const summary = Array.from({ length: 12 }, (_, k) => `[libx264 @ 0x1234] stats line ${k}`).join('\n');
    writeFileSync(log, `av_interleaved_write_frame(): No space left on device\n${summary}\nConversion failed!\n`);
    const lines = await readLogTail(log);
    expect(lines[0]).toBe('av_interleaved_write_frame(): No space left on device');
    const e = ffmpegFailure('joining 14 segments into out.mp4', { exitCode: 1 }, lines, log);
    expect(e.message).toBe('No space left on device: ffmpeg stopped joining 14 segments into out.mp4');
    expect(e.hint).toContain('free some space');
    expect(e.toLine()).not.toContain('\n');
  });
});

describe('trackTemp', () => {
  it('removes a tracked temporary when the process exits before it is untracked, and keeps an untracked one', () => {
    const dir = tempDir('track');
    const gone = path.join(dir, 'gone.txt');
    const kept = path.join(dir, 'kept.txt');
    const atomic = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'index.js');
    // A child that tracks two files, untracks one, and exits at once (as a second Ctrl-C does).
    const script = `import { trackTemp, untrackTemp } from ${JSON.stringify(atomic)}; import { writeFileSync } from 'node:fs';
      writeFileSync(${JSON.stringify(gone)}, 'x'); writeFileSync(${JSON.stringify(kept)}, 'x');
      trackTemp(${JSON.stringify(gone)}); trackTemp(${JSON.stringify(kept)}); untrackTemp(${JSON.stringify(kept)}); process.exit(130);`;
    try {
      execFileSync(process.execPath, ['--input-type=module', '-e', script]);
    } catch (e) {
      expect((e as { status: number }).status).toBe(130);
    }
    expect([existsSync(gone), existsSync(kept)]).toEqual([false, true]);
  });
});
