import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import { AUDIO_FEATURES } from '@glyphreel/core';
import { AUDIO_ANALYSIS_VERSION } from './analyze.js';
import { defaultFeatureCacheDir, featureCachePath, hashFile, readFeatureCache } from './cache.js';
import { loadFeatures } from './load.js';

const ffmpegPath = ffmpegInstaller.path;
/** Any decode attempt through this path fails with E_FFMPEG, so a call that succeeds with it was a cache hit. */
const NO_FFMPEG = '/nonexistent/ffmpeg-must-not-run';
let dir = '';
let audio = '';

const bytesOf = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'glyphreel-cache-'));
  audio = path.join(dir, 'song.wav');
  const r = spawnSync(ffmpegPath, ['-nostdin', '-y', '-loglevel', 'error', '-f', 'lavfi', '-i',
    'aevalsrc=0.4*sin(2*PI*220*t)+if(lt(mod(t\\,0.5)\\,0.02)\\,0.5*sin(2*PI*2000*t)\\,0):s=22050:d=3', audio], { stdio: 'ignore' });
  if (r.status !== 0) throw new Error('ffmpeg could not make the fixture');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadFeatures and the feature cache', () => {
  it('stores on a miss and returns identical bytes on a hit without decoding', async () => {
    const cacheDir = path.join(dir, 'c1');
    const first = await loadFeatures(audio, { ffmpegPath, fps: 24, cacheDir });
    expect(first.fromCache).toBe(false);
    expect(first.table.names).toEqual(AUDIO_FEATURES);
    expect(first.table.frames).toBe(72);
    expect(first.durationS).toBe(3);
    expect(first.silent).toBe(false);
    expect(first.cacheError).toBeUndefined();
    expect(first.contentHash).toBe(await hashFile(audio));
    expect(readdirSync(cacheDir)).toEqual([path.basename(first.cachePath as string)]); // no temp file left behind

    const hit = await loadFeatures(audio, { ffmpegPath: NO_FFMPEG, fps: 24, cacheDir });
    expect(hit.fromCache).toBe(true);
    expect(hit.table.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(bytesOf(hit.table.data).equals(bytesOf(first.table.data))).toBe(true);
    expect(hit.sampleCount).toBe(first.sampleCount);
    expect(hit.peak).toBe(first.peak);

    // keyed by content, not by path
    const copy = path.join(dir, 'renamed.wav');
    copyFileSync(audio, copy);
    expect((await loadFeatures(copy, { ffmpegPath: NO_FFMPEG, fps: 24, cacheDir })).fromCache).toBe(true);
  });

  it('one entry serves "auto" and the track\'s own frame count (72 at 24 fps), in either order', async () => {
    const cacheDir = path.join(dir, 'c-auto');
    const auto = await loadFeatures(audio, { ffmpegPath, fps: 24, cacheDir });
    const exact = await loadFeatures(audio, { ffmpegPath: NO_FFMPEG, fps: 24, frames: 72, cacheDir });
    expect(exact.fromCache).toBe(true);
    expect(bytesOf(exact.table.data).equals(bytesOf(auto.table.data))).toBe(true);
    expect(readdirSync(cacheDir)).toHaveLength(1);
    // The other order: the exact count computed first is stored as the auto entry, which auto then reads.
    const other = path.join(dir, 'c-auto2');
    await loadFeatures(audio, { ffmpegPath, fps: 24, frames: 72, cacheDir: other });
    expect((await loadFeatures(audio, { ffmpegPath: NO_FFMPEG, fps: 24, cacheDir: other })).fromCache).toBe(true);
    expect(readdirSync(other)).toHaveLength(1);
  });

  it('a new entry removes this song\'s entries of older analysis versions, and no other song\'s', async () => {
    const cacheDir = path.join(dir, 'c-versions');
    const hash = (await hashFile(audio)).slice(0, 16);
    mkdirSync(cacheDir, { recursive: true });
    const stale = `${hash}-sr22050-fps24-fauto-v${AUDIO_ANALYSIS_VERSION - 1}-0123456789abcdef.glyfeat`;
    const otherSong = `ffffffffffffffff-sr22050-fps24-fauto-v${AUDIO_ANALYSIS_VERSION - 1}-0123456789abcdef.glyfeat`;
    writeFileSync(path.join(cacheDir, stale), 'old');
    writeFileSync(path.join(cacheDir, otherSong), 'old');
    const r = await loadFeatures(audio, { ffmpegPath, fps: 24, cacheDir });
    expect(readdirSync(cacheDir).sort()).toEqual([path.basename(r.cachePath as string), otherSong].sort());
  });

  it('misses when a setting changes (fps, frames, sample rate) and when the bytes change', async () => {
    const cacheDir = path.join(dir, 'c2');
    await loadFeatures(audio, { ffmpegPath, fps: 24, cacheDir });
    for (const o of [{ fps: 30 }, { fps: 24, frames: 80 }, { fps: 24, sampleRate: 16000 }]) {
      await expect(loadFeatures(audio, { ffmpegPath: NO_FFMPEG, cacheDir, ...o })).rejects.toMatchObject({ code: 'E_FFMPEG' });
      const r = await loadFeatures(audio, { ffmpegPath, cacheDir, ...o });
      expect(r.fromCache).toBe(false);
      if (o.frames) expect(r.table.frames).toBe(80);
    }
    expect(readdirSync(cacheDir)).toHaveLength(4);
    const changed = path.join(dir, 'changed.wav');
    const bytes = readFileSync(audio);
    bytes[bytes.length - 1] ^= 1;
    writeFileSync(changed, bytes);
    await expect(loadFeatures(changed, { ffmpegPath: NO_FFMPEG, fps: 24, cacheDir })).rejects.toMatchObject({ code: 'E_FFMPEG' });
  });

  it.each([
    ['truncated', (b: Buffer) => b.subarray(0, b.length - 7)],
    ['bit-flipped payload', (b: Buffer) => { const c = Buffer.from(b); c[c.length - 3] ^= 0x10; return c; }],
    ['garbage', () => Buffer.from('not a cache entry')],
    ['empty', () => Buffer.alloc(0)],
  ])('a %s entry is ignored, recomputed and rewritten', async (_, damage) => {
    const cacheDir = path.join(dir, `c-${_.replace(/\W/g, '')}`);
    const good = await loadFeatures(audio, { ffmpegPath, fps: 24, cacheDir });
    const file = good.cachePath as string;
    writeFileSync(file, damage(readFileSync(file)));
    await expect(loadFeatures(audio, { ffmpegPath: NO_FFMPEG, fps: 24, cacheDir })).rejects.toMatchObject({ code: 'E_FFMPEG' });
    const again = await loadFeatures(audio, { ffmpegPath, fps: 24, cacheDir });
    expect(again.fromCache).toBe(false);
    expect(bytesOf(again.table.data).equals(bytesOf(good.table.data))).toBe(true);
    expect((await loadFeatures(audio, { ffmpegPath: NO_FFMPEG, fps: 24, cacheDir })).fromCache).toBe(true);
  });

  it('an entry written for another key is not read back under this one', async () => {
    const cacheDir = path.join(dir, 'c3');
    const r = await loadFeatures(audio, { ffmpegPath, fps: 24, cacheDir });
    const key = { contentHash: r.contentHash, sampleRate: 22050, fps: 24, frames: null, version: AUDIO_ANALYSIS_VERSION };
    expect(readFeatureCache(r.cachePath as string, key)).toBeDefined();
    expect(readFeatureCache(r.cachePath as string, { ...key, version: AUDIO_ANALYSIS_VERSION + 1 })).toBeUndefined();
    expect(featureCachePath(cacheDir, key)).toBe(r.cachePath);
  });

  it('cache: false neither reads nor writes; an unwritable cache dir does not fail the load', async () => {
    const off = await loadFeatures(audio, { ffmpegPath, fps: 24, cache: false, cacheDir: path.join(dir, 'never') });
    expect(off.cachePath).toBeUndefined();
    expect(readdirSync(dir)).not.toContain('never');
    const blocker = path.join(dir, 'a-file');
    writeFileSync(blocker, 'x');
    const r = await loadFeatures(audio, { ffmpegPath, fps: 24, cacheDir: path.join(blocker, 'sub') });
    expect(r.fromCache).toBe(false);
    expect(r.table.frames).toBe(72);
    expect(r.cacheError).toMatch(/^could not write the feature cache /);
  });

  it('reports silence and a missing file', async () => {
    const silence = path.join(dir, 'silence.wav');
    spawnSync(ffmpegPath, ['-nostdin', '-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'anullsrc=r=22050:cl=mono', '-t', '1', silence], { stdio: 'ignore' });
    const r = await loadFeatures(silence, { ffmpegPath, fps: 24, cache: false });
    expect(r.silent).toBe(true);
    expect(r.peak).toBe(0);
    const missing = path.join(dir, 'missing.mp3');
    await expect(loadFeatures(missing, { ffmpegPath, fps: 24 })).rejects.toMatchObject({ code: 'E_INPUT', message: `Cannot read audio from "${missing}": no such file` });
  });

  it('the default cache dir follows GLYPHREEL_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache', () => {
    expect(defaultFeatureCacheDir({ GLYPHREEL_CACHE_DIR: '/srv/gr', XDG_CACHE_HOME: '/x' })).toBe(path.join('/srv/gr', 'features'));
    expect(defaultFeatureCacheDir({ XDG_CACHE_HOME: '/x' })).toBe(path.join('/x', 'glyphreel', 'features'));
    expect(defaultFeatureCacheDir({ XDG_CACHE_HOME: 'relative' })).toMatch(/\.cache[/\\]glyphreel[/\\]features$/);
    expect(defaultFeatureCacheDir({})).toMatch(/\.cache[/\\]glyphreel[/\\]features$/);
  });
});
