import { describe, expect, it, afterAll } from '@jest/globals';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GlyphreelError } from '@glyphreel/core';
import { atomicOutput, sidePath, tempNameFor } from './atomic.js';
import { removeTempDirs, tempDir } from './test-utils/ffmpeg.js';

afterAll(removeTempDirs);

describe('atomicOutput', () => {
  it('names the temp beside the target, hidden, with pid, random part and the extension', () => {
    const t = tempNameFor('/a/b/clip.mp4');
    expect(path.dirname(t)).toBe('/a/b');
    expect(path.basename(t)).toMatch(new RegExp(`^\\.clip\\.mp4\\.glyphreel-${process.pid}-[0-9a-f]{8}\\.tmp\\.mp4$`));
    expect(tempNameFor('/a/b/clip.mp4')).not.toBe(t);
  });

  it('commit replaces the target; discard leaves it byte-identical; neither leaves temps', async () => {
    const d = tempDir('atomic');
    const target = path.join(d, 'out.mp4');
    writeFileSync(target, 'old');
    const a = await atomicOutput(target);
    writeFileSync(a.tempPath, 'new-but-abandoned');
    await a.discard();
    expect(readFileSync(target, 'utf8')).toBe('old');
    const b = await atomicOutput(target);
    writeFileSync(b.tempPath, 'new');
    expect(readFileSync(target, 'utf8')).toBe('old');
    await b.commit();
    expect(readFileSync(target, 'utf8')).toBe('new');
    await b.discard();
    expect(readdirSync(d)).toEqual(['out.mp4']);
  });

  it('names side files after the target, in the folder asked for', () => {
    const s = sidePath('/a/b/clip.gif', 'palette.png', '/work');
    expect(s).toMatch(new RegExp(`^/work/\\.clip\\.gif\\.glyphreel-${process.pid}-[0-9a-f]{8}\\.palette\\.png$`));
    expect(path.dirname(sidePath('/a/b/clip.mp4', 'concat.txt'))).toBe('/a/b');
  });

  it('write commits what fill wrote and returns its value; a throwing fill keeps the old target and no temp', async () => {
    const d = tempDir('atomic');
    const target = path.join(d, 'out.mp4');
    writeFileSync(target, 'old');
    const failing = await atomicOutput(target);
    const err = await failing
      .write(async () => {
        writeFileSync(failing.tempPath, 'half');
        throw new Error('encoder died');
      })
      .catch((e: unknown) => (e as Error).message);
    expect(err).toBe('encoder died');
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(d)).toEqual(['out.mp4']);
    const ok = await atomicOutput(target);
    const value = await ok.write(async () => {
      writeFileSync(ok.tempPath, 'new');
      return 42;
    });
    expect([value, readFileSync(target, 'utf8')]).toEqual([42, 'new']);
    expect(readdirSync(d)).toEqual(['out.mp4']);
  });

  it('swaps a directory target as a whole', async () => {
    const d = tempDir('atomic');
    const target = path.join(d, 'frames');
    mkdirSync(target);
    writeFileSync(path.join(target, 'old.png'), 'o');
    const a = await atomicOutput(target, { directory: true });
    writeFileSync(path.join(a.tempPath, '000000.png'), 'n');
    await a.commit();
    expect(readdirSync(target)).toEqual(['000000.png']);
    expect(readdirSync(d)).toEqual(['frames']);
  });

  it('refuses a missing directory and a file/directory mix-up', async () => {
    const d = tempDir('atomic');
    const e1 = (await atomicOutput(path.join(d, 'nope', 'x.mp4')).catch((e: unknown) => e)) as GlyphreelError;
    expect([e1.code, e1.message]).toEqual(['E_USAGE', `output directory ${path.join(d, 'nope')} does not exist`]);
    mkdirSync(path.join(d, 'x.mp4'));
    const e2 = (await atomicOutput(path.join(d, 'x.mp4')).catch((e: unknown) => e)) as GlyphreelError;
    expect(e2.message).toBe(`output ${path.join(d, 'x.mp4')} is a directory, expected a file`);
  });
});
