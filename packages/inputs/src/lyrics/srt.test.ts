import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parseLrc } from './lrc.js';
import { parseSrt } from './srt.js';
import { errorOf } from '../test-utils/error-of.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');


const GOOD = [
  { index: 1, startS: 1, endS: 3.5, text: 'Hello world' },
  { index: 2, startS: 4, endS: 6.25, text: 'Second line\nand a break' },
  { index: 3, startS: 62.5, endS: 3600, text: 'Late cue' },
];

describe('parseSrt', () => {
  it('parses a well-formed file: tags stripped, lines joined with \\n, "." and one-digit fractions, position hints', () => {
    expect(parseSrt(fixture('good.srt'), { file: 'good.srt' })).toEqual(GOOD);
  });

  it('copes with a UTF-8 BOM and CRLF (and bare CR) line ends', () => {
    const crlf = '\uFEFF' + fixture('good.srt').replace(/\n/g, '\r\n');
    expect(parseSrt(crlf)).toEqual(GOOD);
    expect(parseSrt(fixture('good.srt').replace(/\n/g, '\r'))).toEqual(GOOD);
  });

  it('numbers cues whose index line is missing after the previous index', () => {
    const text = '00:00:01,000 --> 00:00:02,000\nno index\n\n7\n00:00:03,000 --> 00:00:04,000\nseven\n\n00:00:05,000 --> 00:00:06,000\nafter seven\n';
    expect(parseSrt(text).map((c) => [c.index, c.startS, c.text])).toEqual([
      [1, 1, 'no index'],
      [7, 3, 'seven'],
      [8, 5, 'after seven'],
    ]);
  });

  it('ignores extra and trailing blank lines, and splits cues that have no blank line between them', () => {
    const text = '\n\n\n1\n00:00:01,000 --> 00:00:02,000\na\n\n\n\n2\n00:00:02,000 --> 00:00:03,000\nb\n3\n00:00:03,000 --> 00:00:04,000\nc\n00:00:04,000 --> 00:00:05,000\nd\n\n\n   \n';
    expect(parseSrt(text).map((c) => `${c.index}:${c.text}`)).toEqual(['1:a', '2:b', '3:c', '4:d']);
  });

  it('sorts overlapping and out-of-order cues by start, keeping both', () => {
    const text = '1\n00:00:05,000 --> 00:00:06,000\nlate\n\n2\n00:00:01,000 --> 00:00:08,000\nlong\n\n3\n00:00:02,000 --> 00:00:03,000\nshort\n';
    expect(parseSrt(text).map((c) => c.text)).toEqual(['long', 'short', 'late']);
  });

  it('keeps a cue whose text is only tags as an empty cue', () => {
    expect(parseSrt('1\n00:00:01,000 --> 00:00:02,000\n<i></i>\n')).toEqual([{ index: 1, startS: 1, endS: 2, text: '' }]);
  });

  it('reports a malformed timing line with its 1-based line number', () => {
    const e = errorOf(() => parseSrt(fixture('broken.srt'), { file: 'broken.srt' }));
    expect(e.code).toBe('E_INPUT');
    expect(e.message).toBe('broken.srt:7: invalid timestamp "00:00:03,000 -> 00:00:04,000"');
    expect(e.hint).toContain('-->');
  });

  it('reports a cue that ends before it starts, and out-of-range minutes', () => {
    const e = errorOf(() => parseSrt(fixture('end-before-start.srt'), { file: 'x.srt' }));
    expect(e.message).toBe('x.srt:10: invalid timestamp "00:00:03,000 --> 00:00:02,999"');
    expect(e.hint).toBe('the cue ends before it starts');
    const m = errorOf(() => parseSrt('\r\n\r\n1\r\n00:61:00,000 --> 00:62:00,000\r\nx\r\n'));
    expect(m.message).toBe('subtitles:4: invalid timestamp "00:61:00,000 --> 00:62:00,000"');
  });

  it('composes decomposed accents (NFD, as macOS writes) to NFC', () => {
    const [cue] = parseSrt('1\n00:00:01,000 --> 00:00:02,000\nCafe\u0301 <i>nin\u0303o</i>\n');
    expect(cue!.text).toBe('Caf\u00e9 ni\u00f1o');
    expect(Array.from(cue!.text)).toHaveLength(9);
  });

  it('escapes control characters in the quoted line, keeping the error on one line', () => {
    const e = errorOf(() => parseSrt('\u0001\u0002PK\u0003\u0004\u001b[31m\u007f junk\n', { file: 'bin.srt' }));
    expect(e.message).toBe('bin.srt:1: invalid timestamp "\\x01\\x02PK\\x03\\x04\\x1b[31m\\x7f junk"');
    expect(e.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it('reports text where a timing line belongs (missing arrow after an index)', () => {
    const e = errorOf(() => parseSrt('1\n00:00:01,000 --> 00:00:02,000\nok\n\nstray text\n', { file: 's.srt' }));
    expect(e.message).toBe('s.srt:5: invalid timestamp "stray text"');
  });
});

describe('parseLrc', () => {
  it('reads stamps, repeated stamps, blank stamps as ends, word timings and [offset]', () => {
    expect(parseLrc(fixture('song.lrc'), { file: 'song.lrc' })).toEqual([
      { index: 1, startS: 1, endS: 3.5, text: 'First line' },
      { index: 2, startS: 3.5, endS: 7.5, text: 'Chorus word' },
      { index: 3, startS: 8.75, endS: 11.5, text: 'Third' },
      { index: 4, startS: 11.5, endS: 16.5, text: 'Chorus word' },
    ]);
  });

  it('reports a malformed stamp with its line number', () => {
    const e = errorOf(() => parseLrc('[ti:x]\n[00:01.00]ok\n[00:75.00]bad\n', { file: 'a.lrc' }));
    expect(e.code).toBe('E_INPUT');
    expect(e.message).toBe('a.lrc:3: invalid timestamp "[00:75.00]bad"');
    expect(errorOf(() => parseLrc('[00:01.00][0x:02]bad')).message).toBe('lyrics:1: invalid timestamp "[00:01.00][0x:02]bad"');
  });

  it('accepts minutes past 59 (LRC has no hours) but still rejects seconds of 60 or more', () => {
    expect(parseLrc('[59:59.50]a\n[61:00.00]b\n[125:30]c\n').map((c) => [c.startS, c.endS, c.text])).toEqual([
      [3599.5, 3660, 'a'],
      [3660, 7530, 'b'],
      [7530, 7535, 'c'],
    ]);
    const e = errorOf(() => parseLrc('[61:60.00]x', { file: 'long.lrc' }));
    expect(e.message).toBe('long.lrc:1: invalid timestamp "[61:60.00]x"');
    expect(e.hint).toContain('seconds below 60');
  });

  it('shows lines with the same stamp together (original + translation), each until the next later stamp', () => {
    const cues = parseLrc('[00:01.00]Hola\n[00:01.00]Hello\n[00:04.00]Adios\n[00:04.00]Goodbye\n[00:04.00]Au revoir\n');
    expect(cues.map((c) => [c.startS, c.endS, c.text])).toEqual([
      [1, 4, 'Hola'],
      [1, 4, 'Hello'],
      [4, 9, 'Adios'],
      [4, 9, 'Goodbye'],
      [4, 9, 'Au revoir'],
    ]);
  });
});
