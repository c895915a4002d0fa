import { describe, expect, it } from '@jest/globals';
import { GlyphreelError, type ErrorCode, prefixError } from './errors.js';

describe('GlyphreelError exit codes', () => {
  it('exit 2 for a wrong request (flag, name, parameter, input file), 1 for a failure on valid input, 130 when cancelled', () => {
    const expected: Record<ErrorCode, number> = {
      E_USAGE: 2,
      E_PARAM: 2,
      E_UNKNOWN: 2,
      E_INPUT: 2,
      E_FFMPEG: 1,
      E_RENDER: 1,
      E_FONT: 1,
      E_PLUGIN: 1,
      E_API_VERSION: 1,
      E_DUPLICATE: 1,
      E_CANCELLED: 130,
    };
    for (const [code, exit] of Object.entries(expected)) expect([code, new GlyphreelError(code as ErrorCode, 'x').exitCode]).toEqual([code, exit]);
  });

  it('prints one line: the message with line breaks folded, then the hint in parentheses', () => {
    const e = new GlyphreelError('E_INPUT', 'Cannot read audio\n  from "a.mp3"', { hint: 'check the path' });
    expect(e.toLine()).toBe('Cannot read audio from "a.mp3" (check the path)');
    expect(new GlyphreelError('E_USAGE', 'Invalid --fps "0"').toLine()).toBe('Invalid --fps "0"');
  });
});

describe('prefixError', () => {
  it('puts where it happened in front, keeping a GlyphreelError\'s code and hint; a plain error becomes E_RENDER', () => {
    const g = prefixError(new GlyphreelError('E_PLUGIN', 'bad size', { hint: 'fix it' }), 'shader mine/x');
    expect([g.code, g.message, g.hint]).toEqual(['E_PLUGIN', 'shader mine/x: bad size', 'fix it']);
    const p = prefixError(new TypeError('ctx is not defined'), 'layers[0] effect mine/y');
    expect([p.code, p.exitCode, p.message]).toEqual(['E_RENDER', 1, 'layers[0] effect mine/y: ctx is not defined']);
    expect(prefixError('boom', 'scene "a" (s00_a), frame 3').message).toBe('scene "a" (s00_a), frame 3: boom');
  });
});
