import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { findFfmpeg } from './discover.js';
import { runFfmpegBytes } from './run.js';
import { startProcess } from './spawn.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'glyphreel-spawn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A Node child running `code`: a process whose behaviour the test chooses. */
const node = (code: string) => [process.execPath, ['-e', code]] as const;

describe('startProcess', () => {
  it('collects stdout and stderr and reports the exit status', async () => {
    const r = await startProcess(...node('process.stdout.write("out"); process.stderr.write("err"); process.exit(3)')).done;
    expect([r.stdout.toString(), r.stderr.toString(), r.exitCode, r.signal, r.cancelled]).toEqual(['out', 'err', 3, null, false]);
  });

  it('has the process write stderr straight into a file', async () => {
    const log = path.join(dir, 'log.txt');
    const r = await startProcess(...node('for (let i = 0; i < 2000; i++) console.error("line " + i)'), { stderr: { file: log } }).done;
    expect(r.exitCode).toBe(0);
    expect(r.stderr.length).toBe(0);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect([lines.length, lines.at(-1)]).toEqual([2000, 'line 1999']);
  });

  it('pipes stdin to the process', async () => {
    const { child, done } = startProcess(...node('let n = 0; process.stdin.on("data", (b) => (n += b.length)).on("end", () => process.stdout.write(String(n)))'), { stdin: 'pipe' });
    child.stdin!.write(Buffer.alloc(300000));
    child.stdin!.end(Buffer.alloc(1000));
    expect((await done).stdout.toString().trim()).toBe('301000');
  });

  it('names a binary that cannot start instead of throwing', async () => {
    const r = await startProcess(path.join(dir, 'no-such-ffmpeg'), ['-version']).done;
    expect([r.spawnError, r.exitCode]).toEqual(['ENOENT', null]);
    const d = await startProcess(dir, []).done;
    expect(d.spawnError).toBe('EACCES');
  });

  it('cancels with SIGTERM, and kills a process that ignores it after forceKillAfterMs', async () => {
    const polite = new AbortController();
    const a = startProcess(...node('setInterval(() => {}, 1000)'), { signal: polite.signal });
    setTimeout(() => polite.abort(), 100);
    expect(await a.done).toMatchObject({ cancelled: true, signal: 'SIGTERM', exitCode: null });

    const stubborn = new AbortController();
    const t0 = performance.now();
    const b = startProcess(...node('process.on("SIGTERM", () => {}); console.log("ready"); setInterval(() => {}, 1000)'), { signal: stubborn.signal, forceKillAfterMs: 300, stdout: 'stream' });
    b.child.stdout!.once('data', () => stubborn.abort());
    const r = await b.done;
    expect([r.cancelled, r.signal]).toEqual([true, 'SIGKILL']);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(300);

    const already = new AbortController();
    already.abort();
    expect((await startProcess(...node('setInterval(() => {}, 1000)'), { signal: already.signal }).done).cancelled).toBe(true);
  });

  it('stops a process at its timeout and one whose output passes maxBuffer', async () => {
    const slow = await startProcess(...node('setInterval(() => {}, 1000)'), { timeoutMs: 150 }).done;
    expect([slow.timedOut, slow.signal]).toEqual([true, 'SIGTERM']);
    const loud = await startProcess(...node('const b = Buffer.alloc(65536, 120); const w = () => process.stdout.write(b, w); w()'), { maxBuffer: 1 << 20 }).done;
    expect(loud.overflowed).toBe(true);
    expect(loud.stdout.length).toBeLessThanOrEqual(1 << 20);
  });
});

describe('runFfmpegBytes', () => {
  it('returns bytes that own their ArrayBuffer, even for a tiny frame', async () => {
    const ffmpeg = await findFfmpeg();
    const px = await runFfmpegBytes(ffmpeg.path, ['-f', 'lavfi', '-i', 'color=c=red:s=4x4', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { what: 'a red frame' });
    expect([px.length, px.byteOffset, px.buffer.byteLength]).toEqual([48, 0, 48]);
    // lavfi makes the colour in YUV: red comes back as about (253, 0, 0).
    expect(px[0]! > 240 && px[1]! < 10 && px[2]! < 10).toBe(true);
    await expect(runFfmpegBytes(ffmpeg.path, ['-f', 'lavfi', '-i', 'nosuchsource', '-f', 'rawvideo', '-'], { what: 'a bad source' })).rejects.toThrow('ffmpeg failed a bad source');
  });
});
