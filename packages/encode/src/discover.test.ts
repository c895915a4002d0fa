import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GlyphreelError } from '@glyphreel/core';
import { clearFfmpegCache, describeFfmpeg, findFfmpeg, hasEncoder, parseEncoders, parseVersion } from './discover.js';
import { removeTempDirs, tempDir } from './test-utils/ffmpeg.js';

afterAll(removeTempDirs);
beforeEach(clearFfmpegCache);

/** A shell script that answers -version and -encoders like an ffmpeg build would. */
function fakeFfmpeg(dir: string, version: string, name = 'ffmpeg'): string {
  const p = path.join(dir, name);
  writeFileSync(
    p,
    `#!/bin/sh
case "$*" in
  *-version*) echo "ffmpeg version ${version} Copyright (c) the FFmpeg developers";;
  *-encoders*) printf 'Encoders:\\n V..... = Video\\n ------\\n V....D libx264              libx264 H.264\\n V....D h264_nvenc           NVIDIA NVENC H.264 encoder\\n A....D aac                  AAC\\n';;
  *) exit 1;;
esac
`,
  );
  chmodSync(p, 0o755);
  return p;
}

describe('findFfmpeg', () => {
  it('prefers --ffmpeg over GLYPHREEL_FFMPEG over PATH', async () => {
    const d = tempDir('disc');
    const opt = fakeFfmpeg(d, '1.0-option', 'ff-option');
    const env = fakeFfmpeg(d, '2.0-env', 'ff-env');
    const pathDir = tempDir('path');
    fakeFfmpeg(pathDir, '3.0-path');
    const e = { GLYPHREEL_FFMPEG: env, PATH: pathDir };
    const a = await findFfmpeg({ ffmpegPath: opt, env: e });
    expect([a.source, a.version, a.path]).toEqual(['option', '1.0-option', opt]);
    const b = await findFfmpeg({ env: e });
    expect([b.source, b.version]).toEqual(['env', '2.0-env']);
    expect(b.encoders).toEqual(['libx264', 'h264_nvenc', 'aac']);
    expect(b.hardwareEncoders).toEqual(['h264_nvenc']);
    expect(describeFfmpeg(b)).toBe(`ffmpeg 2.0-env (env: ${env}); encoders: libx264 !libvpx-vp9 !libopus aac !gif !png; hardware encoders listed: h264_nvenc`);
    const c = await findFfmpeg({ env: { PATH: pathDir } });
    expect([c.source, c.version, c.path]).toEqual(['path', '3.0-path', path.join(pathDir, 'ffmpeg')]);
  });

  it('falls back to the bundled @ffmpeg-installer binary, which has the encoders glyphreel needs', async () => {
    const f = await findFfmpeg({ env: { PATH: '' } });
    expect(f.source).toBe('bundled');
    expect(f.path).toContain('@ffmpeg-installer');
    for (const enc of ['libx264', 'libvpx-vp9', 'gif', 'png', 'aac', 'libopus']) expect(hasEncoder(f, enc)).toBe(true);
    expect(f.hardwareEncoders.every((n) => /_(nvenc|vaapi|qsv|videotoolbox|amf|v4l2m2m|mediacodec|omx|mf)$/.test(n))).toBe(true);
  });

  it('probes each path once', async () => {
    const a = await findFfmpeg({ env: { PATH: '' } });
    const b = await findFfmpeg({ env: { PATH: '' } });
    expect(b.encoders).toBe(a.encoders);
  });

  it('rejects a GLYPHREEL_FFMPEG that does not exist with one line naming it and a hint', async () => {
    const bad = '/nonexistent/dir/ffmpeg';
    const err = await findFfmpeg({ env: { GLYPHREEL_FFMPEG: bad, PATH: '' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GlyphreelError);
    const g = err as GlyphreelError;
    // A named binary that does not work is a wrong input (exit 2), not a failure of the render.
    expect([g.code, g.exitCode]).toEqual(['E_USAGE', 2]);
    expect(g.message).toBe(`ffmpeg from GLYPHREEL_FFMPEG (${bad}) is not usable: not found`);
    expect(g.hint).toContain('GLYPHREEL_FFMPEG');
    expect(g.toLine()).not.toContain('\n');
  });

  it('rejects a binary that runs but is not ffmpeg', async () => {
    const d = tempDir('broken');
    const p = path.join(d, 'notffmpeg');
    writeFileSync(p, '#!/bin/sh\necho hello\nexit 3\n');
    chmodSync(p, 0o755);
    const err = (await findFfmpeg({ ffmpegPath: p }).catch((e: unknown) => e)) as GlyphreelError;
    expect([err.code, err.exitCode]).toEqual(['E_USAGE', 2]);
    expect(err.message).toBe(`ffmpeg from --ffmpeg (${p}) is not usable: \`-version\` exited 3 without a version line`);
  });

  it('names every place it looked when nothing works', async () => {
    const err = (await findFfmpeg({ env: { PATH: '' }, bundled: false }).catch((e: unknown) => e)) as GlyphreelError;
    expect(err.code).toBe('E_FFMPEG');
    expect(err.message).toBe('no working ffmpeg found; tried PATH (no ffmpeg)');
    expect(err.hint).toMatch(/--ffmpeg PATH or set GLYPHREEL_FFMPEG/);
  });
});

describe('parsers', () => {
  it('reads encoder names and the version word', () => {
    const text = 'Encoders:\n V..... = Video\n A..... = Audio\n ------\n V....D libx264  x\n VF.... png  y\n A..X.. aac  z\n';
    expect(parseEncoders(text)).toEqual(['libx264', 'png', 'aac']);
    expect(parseVersion('ffmpeg version 6.1.1-3ubuntu5 Copyright')).toBe('6.1.1-3ubuntu5');
    expect(parseVersion('something else')).toBeUndefined();
  });
});
