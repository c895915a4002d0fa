import { describe, expect, it, afterAll } from '@jest/globals';
import { linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GlyphreelError } from '@glyphreel/core';
import { atomicOutput, sameFile, sidePath, tempNameFor } from './atomic.js';
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
    writeFileSync(path.join(target, '000000.png'), 'o');
    writeFileSync(path.join(target, '000001.png'), 'o');
    const a = await atomicOutput(target, { directory: true });
    writeFileSync(path.join(a.tempPath, '000000.png'), 'n');
    await a.commit();
    expect(readdirSync(target)).toEqual(['000000.png']);
    expect(readFileSync(path.join(target, '000000.png'), 'utf8')).toBe('n');
    expect(readdirSync(d)).toEqual(['frames']);
    // An empty folder is taken too.
    mkdirSync(path.join(d, 'empty'));
    const b = await atomicOutput(path.join(d, 'empty'), { directory: true });
    writeFileSync(path.join(b.tempPath, '000000.png'), 'n');
    await b.commit();
    expect(readdirSync(path.join(d, 'empty'))).toEqual(['000000.png']);
  });

  it('never replaces a folder holding anything but numbered frames, nor the working directory or one around it', async () => {
    const d = tempDir('atomic');
    const mine = path.join(d, 'project');
    mkdirSync(path.join(mine, 'sub'), { recursive: true });
    writeFileSync(path.join(mine, 'scenes.json'), '{}');
    writeFileSync(path.join(mine, '000000.png'), 'frame');
    const refused = async (target: string): Promise<GlyphreelError> => (await atomicOutput(target, { directory: true }).catch((e: unknown) => e)) as GlyphreelError;
    const e = await refused(mine);
    expect([e.code, e.exitCode, e.message, e.hint]).toEqual(['E_USAGE', 2, `output folder ${mine} holds other files (scenes.json, sub); a png sequence replaces the whole folder`, 'name a new or empty folder for the frames, e.g. -o frames/']);
    const cwd = process.cwd();
    try {
      process.chdir(path.join(mine, 'sub'));
      expect((await refused(path.join(mine, 'sub'))).message).toBe(`output folder ${path.join(mine, 'sub')} is the current folder; a png sequence replaces the whole folder`);
      expect((await refused(mine)).message).toBe(`output folder ${mine} is around the current folder; a png sequence replaces the whole folder`);
    } finally {
      process.chdir(cwd);
    }
    // A file dropped into the folder while the frames were drawn stops the swap; the folder and the file stay.
    const frames = path.join(d, 'frames');
    mkdirSync(frames);
    const a = await atomicOutput(frames, { directory: true });
    writeFileSync(path.join(a.tempPath, '000000.png'), 'n');
    writeFileSync(path.join(frames, 'notes.txt'), 'keep me');
    await expect(a.commit()).rejects.toMatchObject({ code: 'E_USAGE', message: `output folder ${frames} holds other files (notes.txt); a png sequence replaces the whole folder` });
    await a.discard();
    expect(readFileSync(path.join(frames, 'notes.txt'), 'utf8')).toBe('keep me');
    expect(readdirSync(mine).sort()).toEqual(['000000.png', 'scenes.json', 'sub']);
    expect(readdirSync(d).sort()).toEqual(['frames', 'project']);
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

describe('sameFile', () => {
  it('sees one file through a symlink, a hard link and .., and tells different or missing files apart', () => {
    const d = tempDir();
    const a = path.join(d, 'a.mp4');
    writeFileSync(a, 'a');
    writeFileSync(path.join(d, 'b.mp4'), 'a');
    symlinkSync(a, path.join(d, 'sym.mp4'));
    linkSync(a, path.join(d, 'hard.mp4'));
    mkdirSync(path.join(d, 'sub'));
    symlinkSync(d, path.join(d, 'up'));
    expect(sameFile(a, path.join(d, 'sym.mp4'))).toBe(true);
    expect(sameFile(a, path.join(d, 'hard.mp4'))).toBe(true);
    expect(sameFile(a, path.join(d, 'sub', '..', 'a.mp4'))).toBe(true);
    expect(sameFile(path.join(d, 'up', 'new.mp4'), path.join(d, 'new.mp4'))).toBe(true); // not there yet
    expect(sameFile(a, path.join(d, 'b.mp4'))).toBe(false);
    expect(sameFile(path.join(d, 'x.mp4'), path.join(d, 'y.mp4'))).toBe(false);
  });
});
