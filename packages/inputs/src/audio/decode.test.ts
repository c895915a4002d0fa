import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import { GlyphreelError } from '@glyphreel/core';
import { analyzeAudio, AUDIO_BANDS } from './analyze.js';
import { decodeAudio } from './decode.js';

const ffmpegPath = ffmpegInstaller.path;
let dir = '';

/** Renders an ffmpeg lavfi source into dir/name (stderr ignored: nothing reads it). */
function lavfi(name: string, inputArgs: string[], outArgs: string[] = []): string {
  const out = path.join(dir, name);
  const r = spawnSync(ffmpegPath, ['-nostdin', '-y', '-loglevel', 'error', ...inputArgs, ...outArgs, out], { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`ffmpeg could not make the fixture ${name}`);
  return out;
}

async function decodeError(file: string, ffmpeg = ffmpegPath): Promise<GlyphreelError> {
  try {
    await decodeAudio(file, { ffmpegPath: ffmpeg });
  } catch (e) {
    return e as GlyphreelError;
  }
  throw new Error('expected decodeAudio to fail');
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'glyphreel-decode-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('decodeAudio', () => {
  it('decodes a 120 BPM click track to 22050 Hz mono and every click becomes a beat within ±1 frame', async () => {
    // 10 ms bursts of 1 kHz every 0.5 s starting at 0.25 s (see README: an onset exactly at t = 0 has no beat)
    const file = lavfi('clicks.wav', ['-f', 'lavfi', '-i', 'aevalsrc=if(lt(mod(t+0.25\\,0.5)\\,0.01)\\,0.9*sin(2*PI*1000*t)\\,0):s=44100:d=8']);
    const samples = await decodeAudio(file, { ffmpegPath });
    expect(samples.length).toBe(8 * 22050);
    let peak = 0;
    for (const s of samples) peak = Math.max(peak, Math.abs(s));
    expect(peak).toBeGreaterThan(0.85);
    expect(peak).toBeLessThanOrEqual(1);
    const table = analyzeAudio(samples, { sampleRate: 22050, fps: 24 });
    const beats = [...table.series('beat')].flatMap((v, i) => (v === 1 ? [i] : []));
    const expected = Array.from({ length: 16 }, (_, k) => (0.25 + 0.5 * k) * 24);
    expect(beats).toHaveLength(expected.length);
    beats.forEach((b, k) => expect(Math.abs(b - (expected[k] as number))).toBeLessThanOrEqual(1));
  });

  it('downmixes stereo, resamples, and reads compressed formats (mp3) at any requested rate', async () => {
    const file = lavfi('tone.mp3', ['-f', 'lavfi', '-i', 'sine=f=440:r=44100:d=3', '-ac', '2'], ['-c:a', 'libmp3lame', '-b:a', '128k']);
    const at22 = await decodeAudio(file, { ffmpegPath });
    expect(Math.abs(at22.length - 3 * 22050)).toBeLessThan(22050 * 0.05);
    const at16 = await decodeAudio(file, { ffmpegPath, sampleRate: 16000 });
    expect(Math.abs(at16.length - 3 * 16000)).toBeLessThan(16000 * 0.05);
  });

  it('a sequence of sines lights up each band in turn (file → decode → normalized ratios)', async () => {
    const expr = '0.5*sin(2*PI*t*if(lt(t\\,1)\\,50\\,if(lt(t\\,2)\\,150\\,if(lt(t\\,3)\\,400\\,if(lt(t\\,4)\\,1000\\,if(lt(t\\,5)\\,4000\\,8000))))))';
    const file = lavfi('sines.wav', ['-f', 'lavfi', '-i', `aevalsrc=${expr}:s=22050:d=6`]);
    const table = analyzeAudio(await decodeAudio(file, { ffmpegPath }), { sampleRate: 22050, fps: 24 });
    for (let k = 0; k < 6; k++) {
      const ratios = AUDIO_BANDS.map((b) => table.series(`${b.name}_r`)[k * 24 + 22] as number);
      expect(ratios.indexOf(Math.max(...ratios))).toBe(k);
    }
  });

  it('a corrupt file fails with one E_INPUT line naming the file and the problem', async () => {
    const file = path.join(dir, 'broken.mp3');
    writeFileSync(file, 'this is not audio at all\n'.repeat(40));
    const err = await decodeError(file);
    expect(err).toBeInstanceOf(GlyphreelError);
    expect(err.code).toBe('E_INPUT');
    expect(err.message).toMatch(new RegExp(`^Cannot read audio from "${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}": ffmpeg cannot decode it \\(`));
    expect(err.message).not.toMatch(/\n|0x[0-9a-f]{6}/);
    expect(err.hint).toContain('ffmpeg -i FILE');
    // the stderr log lived in the temp dir only while ffmpeg ran
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith(`glyphreel-decode-${process.pid}-`))).toEqual([]);
  });

  it('a video without audio fails with "no audio stream"', async () => {
    const file = lavfi('silent-video.mp4', ['-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=5:duration=1'], ['-pix_fmt', 'yuv420p']);
    const err = await decodeError(file);
    expect(err.code).toBe('E_INPUT');
    expect(err.message).toBe(`Cannot read audio from "${file}": it has no audio stream`);
  });

  it('a missing file, a directory and a missing ffmpeg are reported before anything is decoded', async () => {
    const missing = path.join(dir, 'nope.wav');
    expect((await decodeError(missing)).message).toBe(`Cannot read audio from "${missing}": no such file`);
    expect((await decodeError(dir)).message).toBe(`Cannot read audio from "${dir}": not a regular file`);
    const file = lavfi('short.wav', ['-f', 'lavfi', '-i', 'anullsrc=r=22050:cl=mono', '-t', '0.5']);
    const err = await decodeError(file, path.join(dir, 'no-ffmpeg-here'));
    expect(err.code).toBe('E_FFMPEG');
    expect(err.message).toContain('ffmpeg could not be started at');
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith(`glyphreel-decode-${process.pid}-`))).toEqual([]);
  });

  it('an aborted signal stops ffmpeg and rejects with E_CANCELLED', async () => {
    const file = lavfi('long.wav', ['-f', 'lavfi', '-i', 'sine=f=440:r=22050:d=20']);
    const ac = new AbortController();
    const pending = decodeAudio(file, { ffmpegPath, signal: ac.signal });
    ac.abort();
    await expect(pending).rejects.toMatchObject({ code: 'E_CANCELLED', message: `Decoding "${file}" was cancelled` });
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith(`glyphreel-decode-${process.pid}-`))).toEqual([]);
  });

  it('silence decodes to zeros and analyzes to flat features without beats', async () => {
    const file = lavfi('silence.wav', ['-f', 'lavfi', '-i', 'anullsrc=r=22050:cl=mono', '-t', '2']);
    const samples = await decodeAudio(file, { ffmpegPath });
    expect(samples.length).toBe(44100);
    expect(samples.every((v) => v === 0)).toBe(true);
    const table = analyzeAudio(samples, { sampleRate: 22050, fps: 24 });
    expect(table.data.every((v) => v === 0)).toBe(true);
  });

  it('an empty audio stream fails with "no audio samples"', async () => {
    const file = lavfi('empty.wav', ['-f', 'lavfi', '-i', 'anullsrc=r=22050:cl=mono', '-t', '0']);
    const err = await decodeError(file);
    expect(err.code).toBe('E_INPUT');
    expect(err.message).toBe(`Cannot read audio from "${file}": it contains no audio samples`);
  });
});
