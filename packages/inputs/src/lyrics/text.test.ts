import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { GlyphreelError } from '@glyphreel/core';
import { loadCues, parseCueBytes } from './lyrics-layer.js';
import { decodeLyricsText } from './text.js';
import { errorOf } from '../test-utils/error-of.js';

const dir = mkdtempSync(path.join(tmpdir(), 'glyphreel-lyrics-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SRT = '1\r\n00:00:01,000 --> 00:00:03,000\r\nCafé — ünïcode ✓ 日本\r\n';
const utf16le = (s: string) => Buffer.from(s, 'utf16le');
const swap = (b: Buffer) => {
  const o = Buffer.from(b);
  o.swap16();
  return o;
};


describe('decodeLyricsText', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeLyricsText(Buffer.from(SRT, 'utf8'), 'a.srt')).toBe(SRT);
    expect(decodeLyricsText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SRT, 'utf8')]), 'a.srt')).toBe(SRT);
  });

  it('reads UTF-16 LE and BE when they carry a BOM, and the cues parse', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(SRT)]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), swap(utf16le(SRT))]);
    expect(decodeLyricsText(le, 'le.srt')).toBe(SRT);
    expect(decodeLyricsText(be, 'be.srt')).toBe(SRT);
    expect(parseCueBytes(le, 'le.srt')).toEqual([{ index: 1, startS: 1, endS: 3, text: 'Café — ünïcode ✓ 日本' }]);
    expect(parseCueBytes(be, 'be.srt')).toEqual([{ index: 1, startS: 1, endS: 3, text: 'Café — ünïcode ✓ 日本' }]);
  });

  it('rejects Latin-1 with one line saying to save it as UTF-8', () => {
    const latin1 = Buffer.from(SRT.replace(/[^\x00-\xff]/g, '?'), 'latin1'); // "é" is the single byte 0xE9
    const e = errorOf(() => decodeLyricsText(latin1, 'song.srt'));
    expect(e.code).toBe('E_INPUT');
    expect(e.message).toBe('song.srt is not UTF-8 text; save it as UTF-8');
  });

  it('rejects UTF-16 without a BOM and binary data (NUL bytes), and a truncated UTF-16 file', () => {
    // ASCII text in UTF-16 is valid UTF-8 byte for byte; the NULs give it away.
    expect(errorOf(() => decodeLyricsText(utf16le('1\n00:00:01,000 --> 00:00:03,000\nhello\n'), 'nobom.srt')).message).toBe(
      'nobom.srt is not UTF-8 text (it contains NUL bytes: a binary file, or UTF-16 without a byte-order mark); save it as UTF-8',
    );
    expect(errorOf(() => decodeLyricsText(utf16le(SRT), 'nobom2.srt')).message).toBe('nobom2.srt is not UTF-8 text; save it as UTF-8');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(errorOf(() => decodeLyricsText(png, 'cover.png.srt')).message).toBe('cover.png.srt is not UTF-8 text; save it as UTF-8');
    const odd = Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le('1\n'), Buffer.from([0x41])]);
    expect(errorOf(() => decodeLyricsText(odd, 'odd.srt')).message).toBe('odd.srt is not UTF-8 text (broken UTF-16); save it as UTF-8');
  });
});

describe('loadCues', () => {
  const write = (name: string, data: string | Buffer) => {
    const f = path.join(dir, name);
    writeFileSync(f, data);
    return f;
  };
  const noLines = (f: string) =>
    `lyrics file ${f} has no timed lines (expected SRT \`00:00:01,000 --> 00:00:03,000\` or LRC \`[mm:ss.xx]text\`)`;

  it('rejects files that yield no timed lines: empty SRT/LRC, LRC with only tags, cues with no text', async () => {
    const cases = [
      write('empty.srt', ''),
      write('blank.srt', '\n\n  \r\n'),
      write('empty.lrc', ''),
      write('tags.lrc', '[ar:Someone]\n[ti:A song]\n[length:03:20]\nplain words without stamps\n'),
      write('notext.srt', '1\n00:00:01,000 --> 00:00:02,000\n<i></i>\n'),
      write('onlyends.lrc', '[00:01.00]\n[00:02.00]\n'),
    ];
    for (const f of cases) await expect(loadCues(f)).rejects.toMatchObject({ code: 'E_INPUT', message: noLines(f) });
  });

  it('a file with invalid stamps names the bad line; a binary file is reported without raw control bytes', async () => {
    const bad = write('bad.lrc', '[ar:x]\n[0x:12]oops\n');
    await expect(loadCues(bad)).rejects.toMatchObject({ code: 'E_INPUT', message: `${bad}:2: invalid timestamp "[0x:12]oops"` });
    // Valid UTF-8 but not text: the quoted line has its control bytes escaped.
    const bin = write('bin.srt', Buffer.from([0x01, 0x02, 0x41, 0x1b, 0x5b, 0x32, 0x4a, 0x07, 0x7f, 0x0a]));
    const e = (await loadCues(bin).catch((x: unknown) => x)) as GlyphreelError;
    expect(e).toBeInstanceOf(GlyphreelError);
    expect(e.message).toBe(`${bin}:1: invalid timestamp "\\x01\\x02A\\x1b[2J\\x07\\x7f"`);
    expect(e.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it('loads a UTF-16LE LRC file with a BOM', async () => {
    const f = write('utf16.lrc', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le('[ti:x]\r\n[00:01.00]Grüße\r\n[00:02.50]שלום\r\n')]));
    expect((await loadCues(f)).map((c) => [c.startS, c.endS, c.text])).toEqual([
      [1, 2.5, 'Grüße'],
      [2.5, 7.5, 'שלום'],
    ]);
  });
});
