import { describe, expect, it } from '@jest/globals';
import { GlyphreelError } from '@glyphreel/core';
import { formatFromPath } from './settings.js';

describe('formatFromPath', () => {
  it('maps video extensions (any case) and names without one (folders) to their format', () => {
    const cases: Array<[string, string]> = [
      ['out.mp4', 'mp4'], ['OUT.MOV', 'mp4'], ['a/b.m4v', 'mp4'], ['clip.webm', 'webm'], ['loop.GIF', 'gif'],
      ['frames', 'png'], ['frames/', 'png'], ['my.project/frames', 'png'], ['.', 'png'], ['..', 'png'], ['/tmp/x/', 'png'],
    ];
    expect(cases.map(([p]) => [p, formatFromPath(p)])).toEqual(cases);
  });

  it('refuses any other extension with one E_USAGE line naming the fix (no folder of pngs called clip.mkv)', () => {
    for (const p of ['clip.mkv', 'out.txt', 'frame.png', 'dir.v2/clip.avi']) {
      let e: unknown;
      try {
        formatFromPath(p);
      } catch (err) {
        e = err;
      }
      expect(e).toBeInstanceOf(GlyphreelError);
      const g = e as GlyphreelError;
      expect([g.code, g.exitCode]).toEqual(['E_USAGE', 2]);
      expect(g.message).toBe(`Cannot tell the output format from "${p}": glyphreel writes .mp4, .webm and .gif files, or a png sequence into a folder`);
      expect(g.hint).toBe('rename the output (a folder name for png frames, e.g. frames/) or give --format mp4, webm, gif or png');
    }
  });
});
