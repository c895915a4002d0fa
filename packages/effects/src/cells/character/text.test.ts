import { describe, expect, it } from '@jest/globals';
import { EffectRunner, layerText, nonBlank, testGrid } from '../../test-utils/cells-harness.js';
import { beatWords } from './beat-words.js';
import { ERRORS_COSMIC, ERRORS_ORGANIC, ERRORS_TECH, errorMessages } from './error-messages.js';
import { fadingMessages, wrapText } from './fading-messages.js';
import { hexStream } from './hex-stream.js';
import { ticker } from './ticker.js';

describe('ticker', () => {
  const { grid, glyphOf } = testGrid(5, 30);
  const rowAt = (frame: number, params: Record<string, unknown> = {}) =>
    layerText(new EffectRunner(ticker, grid, { text: 'HELLO WORLD', ...params }, { fps: 10 }).frame(frame), glyphOf).split('\n');

  it('scrolls text + 3 spaces at offset ⌊t·speed⌋ mod len on row −2 (from the bottom)', () => {
    // Loop "HELLO WORLD   " has 14 cells.
    expect(rowAt(0)[3]).toBe('HELLO WORLD   HELLO WORLD   HE');
    // t = 1 s at speed 15: offset 15 mod 14 = 1.
    expect(rowAt(10)[3]).toBe('ELLO WORLD   HELLO WORLD   HEL');
    // t = 0.5 s: offset 7.
    expect(rowAt(5)[3]).toBe('ORLD   HELLO WORLD   HELLO WOR');
    expect(rowAt(5).filter((l) => l.trim() !== '').length).toBe(1);
  });

  it('takes an explicit row, speed and colour', () => {
    const run = new EffectRunner(ticker, grid, { text: 'AB', row: 0, speed: -2, color: [1, 2, 3] }, { fps: 1 });
    const lines = layerText(run.frame(1), glyphOf).split('\n');
    // Offset ⌊−2⌋ mod 5 = 3: loop "AB   " from index 3.
    expect(lines[0]).toBe('  AB   AB   AB   AB   AB   AB ');
    expect(Array.from(run.layer.colors.subarray(6, 9))).toEqual([1, 2, 3]);
  });
});

describe('beat_words', () => {
  it('shows a random word centred near the middle on a beat and clears it after hold_s', () => {
    const { grid, glyphOf } = testGrid(40, 41);
    const words = ['ONE', 'THREE'];
    const run = new EffectRunner(beatWords, grid, { words, hold_s: 0.2 }, { fps: 10, features: (f) => ({ beat: f === 1 ? 1 : 0 }) });
    expect(nonBlank(run.frame(0))).toBe(0);
    const lines = layerText(run.frame(1), glyphOf).split('\n');
    const rows = lines.map((l, r) => (l.trim() ? r : -1)).filter((r) => r >= 0);
    expect(rows.length).toBe(1);
    expect(Math.abs(rows[0]! - 20)).toBeLessThanOrEqual(5);
    const line = lines[rows[0]!]!;
    const word = line.trim();
    expect(words).toContain(word);
    expect(line.indexOf(word)).toBe(Math.floor((41 - word.length) / 2));
    expect(nonBlank(run.frame(2))).toBe(word.length);
    expect(nonBlank(run.frame(4))).toBe(0);
  });
});

describe('fading_messages', () => {
  const { grid, glyphOf } = testGrid(9, 40);
  const at = (t: number) => {
    const run = new EffectRunner(fadingMessages, grid, { messages: ['first', 'second'] }, { fps: 4 });
    return run.frame(Math.round(t * 4));
  };

  it('cycles through the messages every period with fade = min(1, phase)·min(1, period − phase)', () => {
    expect(nonBlank(at(0))).toBe(0);
    const l1 = at(1.5);
    expect(layerText(l1, glyphOf).split('\n')[4]).toBe(' '.repeat(17) + 'first' + ' '.repeat(18));
    expect(l1.colors[(4 * 40 + 17) * 3]).toBe(220);
    const l2 = at(4.5);
    expect(layerText(l2, glyphOf).split('\n')[4]!.trim()).toBe('second');
    expect(l2.colors[(4 * 40 + 17) * 3]).toBe(110);
    expect(layerText(at(9.5), glyphOf).split('\n')[4]!.trim()).toBe('first');
  });

  it('word-wraps long messages onto centred lines', () => {
    expect(wrapText('a long message that wraps', 10)).toEqual(['a long', 'message', 'that wraps']);
    expect(wrapText('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl']);
    const run = new EffectRunner(fadingMessages, testGrid(9, 14).grid, { messages: ['a long message that wraps'] }, { fps: 4 });
    const lines = layerText(run.frame(6), testGrid(9, 14).glyphOf).split('\n');
    expect(lines.filter((l) => l.trim()).length).toBeGreaterThan(1);
  });
});

describe('hex_stream', () => {
  it('stamps 8–20 character hex strings in (0, 160, 80)', () => {
    const { grid, glyphOf } = testGrid(30, 60);
    const run = new EffectRunner(hexStream, grid, { count: 5, count_flux: 0 });
    const layer = run.frame(0);
    const text = layerText(layer, glyphOf);
    expect(text.replace(/[0-9A-F\n ]/g, '')).toBe('');
    const n = nonBlank(layer);
    expect(n).toBeGreaterThanOrEqual(8);
    expect(n).toBeLessThanOrEqual(100);
    for (let i = 0; i < layer.glyphs.length; i++) {
      if (layer.glyphs[i] !== 0) expect(Array.from(layer.colors.subarray(i * 3, i * 3 + 3))).toEqual([0, 160, 80]);
    }
  });
});

describe('error_messages', () => {
  it('has vocabularies of 10, 8 and 6 phrases', () => {
    expect([ERRORS_TECH.length, ERRORS_COSMIC.length, ERRORS_ORGANIC.length]).toEqual([10, 8, 6]);
  });

  it('stamps per_beat phrases on a beat and drops them after hold_s', () => {
    const { grid, glyphOf } = testGrid(30, 80);
    const run = new EffectRunner(errorMessages, grid, { rate: 0, per_beat: 2, hold_s: 0.5 }, { fps: 10, features: (f) => ({ beat: f === 0 ? 1 : 0 }) });
    const text = layerText(run.frame(0), glyphOf);
    const found = ERRORS_TECH.filter((p) => text.includes(p));
    expect(found.length).toBeGreaterThanOrEqual(1);
    expect(nonBlank(run.layer)).toBeGreaterThan(10);
    expect(nonBlank(run.frame(5))).toBeGreaterThan(0);
    expect(nonBlank(run.frame(6))).toBe(0);
  });
});
