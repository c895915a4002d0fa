import { describe, expect, it } from '@jest/globals';
import { GlyphreelError } from '@glyphreel/core';
import { asCancelled } from './cli-errors.js';

describe('asCancelled', () => {
  const broken = new GlyphreelError('E_INPUT', 'Cannot read audio from "song.mp3": ffmpeg cannot decode it (ffmpeg exited with code 255)');

  it('reports a failure after a Ctrl-C as the cancel (exit 130), not as a broken input', async () => {
    const c = new AbortController();
    c.abort();
    const e = (await asCancelled(broken, c.signal)) as GlyphreelError;
    expect([e.code, e.exitCode, e.message]).toEqual(['E_CANCELLED', 130, 'Render cancelled']);
  });

  it('waits briefly for our own SIGINT handler: ffmpeg, signalled by the terminal too, often fails first', async () => {
    const c = new AbortController();
    setTimeout(() => c.abort(), 20);
    expect(((await asCancelled(broken, c.signal, 'Join cancelled', 500)) as GlyphreelError).message).toBe('Join cancelled');
  });

  it('leaves other failures as they are', async () => {
    const c = new AbortController();
    expect(await asCancelled(broken, c.signal, 'Render cancelled', 10)).toBe(broken);
  });
});
