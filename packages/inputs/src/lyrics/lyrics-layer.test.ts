import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createCellLayer,
  createGeometry,
  featureFrame,
  Rng,
  sequentialGlyphIds,
  validateParams,
  type CellLayer,
  type FrameContext,
  type GridGeometry,
} from '@glyphreel/core';
import { inputsPlugin } from '../plugin.js';
import { FLASH_FLOOR, lyrics } from './lyrics-layer.js';
import { CueTimeline } from './timeline.js';
import { defaultMaxChars, wrapText } from './wrap.js';

let dir = '';
let srt = '';
let portraitSrt = '';
let stackSrt = '';

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'glyphreel-lyrics-'));
  srt = path.join(dir, 'song.srt');
  writeFileSync(srt, '1\n00:00:01,000 --> 00:00:05,000\nHello world\n\n2\n00:00:06,000 --> 00:00:08,000\nTwo\nlines\n');
  portraitSrt = path.join(dir, 'portrait.srt');
  writeFileSync(portraitSrt, '1\n00:00:00,000 --> 00:00:10,000\nThe quick brown fox jumps over the lazy dog while everyone watches in silence tonight\n');
  stackSrt = path.join(dir, 'stack.srt');
  writeFileSync(stackSrt, '1\n00:00:00,000 --> 00:00:04,000\nfirst\n\n2\n00:00:02,000 --> 00:00:04,000\nsecond\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Harness {
  grid: GridGeometry;
  glyphOf(id: number): string;
}

function harness(rows: number, cols: number, frame?: { w: number; h: number }): Harness {
  const ids = sequentialGlyphIds();
  const grid = createGeometry({ rows, cols, glyphIds: ids, ...(frame ? { frameWidthPx: frame.w, frameHeightPx: frame.h } : {}) });
  return { grid, glyphOf: ids.glyphOf };
}

function context(t: number, state: Record<string, unknown>, features: Record<string, number> = {}, replaying = false): FrameContext {
  return {
    t,
    frame: Math.round(t * 24),
    fps: 24,
    progress: 0,
    durationS: 20,
    features: featureFrame(features),
    state,
    rng: new Rng(1),
    budget: { particlesMax: 1000, shaders: 'standard', gridScale: 1 },
    replaying,
  };
}

const params = (p: Record<string, unknown>) => validateParams(lyrics.params, p, { plugin: 'inputs', kind: 'effect', entry: 'lyrics' });

/** Draws one frame into a fresh layer (prepare awaited first, as the runtime does). */
async function frame(h: Harness, t: number, p: Record<string, unknown>, state: Record<string, unknown> = {}, features: Record<string, number> = {}): Promise<CellLayer> {
  const layer = createCellLayer(h.grid);
  const pv = params(p);
  const ctx = context(t, state, features);
  await lyrics.prepare!(h.grid, ctx, pv);
  lyrics.draw(layer, h.grid, ctx, pv);
  return layer;
}

function text(h: Harness, layer: CellLayer): string[] {
  const out: string[] = [];
  for (let r = 0; r < layer.rows; r++) {
    let s = '';
    for (let c = 0; c < layer.cols; c++) s += h.glyphOf(layer.glyphs[r * layer.cols + c] as number);
    out.push(s.trimEnd());
  }
  return out;
}

const rgb = (layer: CellLayer, r: number, c: number) => Array.from(layer.colors.subarray((r * layer.cols + c) * 3, (r * layer.cols + c) * 3 + 3));

describe('CueTimeline', () => {
  const tl = new CueTimeline([
    { index: 1, startS: 1, endS: 3, text: 'a' },
    { index: 2, startS: 3, endS: 5, text: 'b' },
    { index: 3, startS: 4, endS: 6, text: 'c' },
    { index: 4, startS: 7, endS: 7, text: 'zero' },
  ]);
  const at = (s: number) => {
    const out = new Int32Array(4);
    return Array.from(out.subarray(0, tl.activeAt(s, out)));
  };

  it('is half-open at cue boundaries and reports overlaps in start order', () => {
    expect(at(0.999)).toEqual([]);
    expect(at(1)).toEqual([0]);
    expect(at(2.999)).toEqual([0]);
    expect(at(3)).toEqual([1]);
    expect(at(4)).toEqual([1, 2]);
    expect(at(5)).toEqual([2]);
    expect(at(6)).toEqual([]);
    expect(at(7)).toEqual([]); // a zero-length cue never shows
    expect(tl.cueAt(4.5)?.text).toBe('c');
    expect(tl.cueAt(6.5)).toBeUndefined();
  });

  it('finds a long cue that started before shorter ones', () => {
    const long = new CueTimeline([
      { index: 1, startS: 0, endS: 100, text: 'long' },
      { index: 2, startS: 10, endS: 11, text: 'x' },
      { index: 3, startS: 20, endS: 21, text: 'y' },
    ]);
    const out = new Int32Array(3);
    expect(Array.from(out.subarray(0, long.activeAt(20.5, out)))).toEqual([0, 2]);
    expect(Array.from(out.subarray(0, long.activeAt(15, out)))).toEqual([0]);
  });
});

describe('wrapText', () => {
  it('greedily fills lines up to exactly the limit and splits over-long words', () => {
    expect(wrapText('aaa bb cc', 6)).toEqual(['aaa bb', 'cc']);
    expect(wrapText('abcdefghij kl', 4)).toEqual(['abcd', 'efgh', 'ij', 'kl']);
    expect(wrapText('one\n\n  two  three ', 20)).toEqual(['one', 'two three']);
    expect(wrapText('été ünï', 3)).toEqual(['été', 'ünï']); // code points, not UTF-16 units
  });

  it('defaults to 25 chars on portrait frames and 50 on landscape ones, within the grid', () => {
    expect(defaultMaxChars({ cols: 90, frameWidthPx: 1080, frameHeightPx: 1920 })).toBe(25);
    expect(defaultMaxChars({ cols: 160, frameWidthPx: 1920, frameHeightPx: 1080 })).toBe(50);
    expect(defaultMaxChars({ cols: 30, frameWidthPx: 1920, frameHeightPx: 1080 })).toBe(30);
  });
});

describe('lyrics effect', () => {
  it('is registered by the inputs plugin with a valid schema', () => {
    expect(inputsPlugin.effects?.map((e) => e.name)).toContain('lyrics');
    expect(params({ file: 'x.srt' }).mode).toBe('typewriter');
  });

  it('typewriter reveals ⌊cps·elapsed⌋ chars, centred, with a blinking cursor', async () => {
    const h = harness(10, 40);
    const state = {};
    // "Hello world" (11 chars) is centred from column ⌊(40 − 11)/2⌋ = 14, on row round(0.5·9) = 5.
    const cases: [number, string][] = [
      [1.0, '              ▌'], // e = 0: nothing yet, cursor on
      [1.3, '              Hel▌'], // e = 0.3: 3 chars, ⌊0.9⌋ even → cursor
      [1.35, '              Hel'], // ⌊1.05⌋ odd → cursor hidden
      [1.7, '              Hello w▌'], // 7 chars (the space counts)
      [2.2, '              Hello world'], // all 11: no cursor
    ];
    for (const [t, row] of cases) {
      const layer = await frame(h, t, { file: srt, cps: 10, row: 0.5 }, state);
      const rows = text(h, layer);
      expect(rows[5]).toBe(row);
      expect(rows.filter((r) => r !== '')).toHaveLength(row.trim() === '' && !row.includes('▌') ? 0 : 1);
    }
    const layer = await frame(h, 1.3, { file: srt, cps: 10, row: 0.5, color: [200, 100, 50], highlight: [1, 2, 3] });
    expect(rgb(layer, 5, 16)).toEqual([200, 100, 50]); // newest char at full brightness
    const v = 0.5 + 0.5 / (1 + 0.015 * 2);
    expect(rgb(layer, 5, 14)).toEqual([Math.round(200 * v), Math.round(100 * v), Math.round(50 * v)]);
    expect(rgb(layer, 5, 17)).toEqual([1, 2, 3]); // cursor in the highlight colour
  });

  it('typewriter with cps 0 spreads the reveal over the cue, and offset shifts song time', async () => {
    const h = harness(10, 40);
    // cue 1 lasts 4 s: at e = 2 s, ⌊11·0.5⌋ = 5 chars.
    expect(text(h, await frame(h, 3, { file: srt, cps: 0, row: 0.5 }))[5]).toBe('              Hello▌');
    // offset 2.5: scene t = 0.5 is song time 3.0.
    expect(text(h, await frame(h, 0.5, { file: srt, cps: 0, row: 0.5, offset: 2.5 }))[5]).toBe('              Hello▌');
    expect(text(h, await frame(h, 0.5, { file: srt, row: 0.5 })).every((r) => r === '')).toBe(true); // before the cue
    expect(text(h, await frame(h, 5, { file: srt, row: 0.5 })).every((r) => r === '')).toBe(true); // cue end is exclusive
  });

  it('fade scales the colour over 0.3 s at both cue edges', async () => {
    const h = harness(10, 40);
    const p = { file: srt, mode: 'fade', row: 0.5, color: [200, 100, 40] };
    const mid = await frame(h, 3, p);
    expect(text(h, mid)[5]).toBe('              Hello world');
    expect(rgb(mid, 5, 14)).toEqual([200, 100, 40]);
    const early = await frame(h, 1.15, p); // 0.15 s in: half
    expect(text(h, early)[5]).toBe('              Hello world');
    expect(rgb(early, 5, 24)).toEqual([100, 50, 20]);
    const late = await frame(h, 4.94, p); // 0.06 s left: 0.2
    expect(rgb(late, 5, 14)).toEqual([40, 20, 8]);
    expect(rgb(late, 5, 19)).toEqual([0, 0, 0]); // the space is not drawn
  });

  it('flash pulses from a dim colour to the highlight with beat / bdecay', async () => {
    const h = harness(10, 40);
    const p = { file: srt, mode: 'flash', row: 0.5, color: [200, 200, 200], highlight: [255, 0, 100] };
    expect(rgb(await frame(h, 2, p, {}, { beat: 0, bdecay: 0 }), 5, 14)).toEqual([200, 200, 200].map((c) => Math.round(c * FLASH_FLOOR)));
    expect(rgb(await frame(h, 2, p, {}, { beat: 1, bdecay: 1 }), 5, 14)).toEqual([255, 0, 100]);
    const v = FLASH_FLOOR + (1 - FLASH_FLOOR) * 0.5;
    expect(rgb(await frame(h, 2, p, {}, { bdecay: 0.5 }), 5, 14)).toEqual([227.5 * v, 100 * v, 150 * v].map(Math.round));
    expect(text(h, await frame(h, 2, p, {}, { bdecay: 0.5 }))[5]).toBe('              Hello world');
  });

  it('scatter is deterministic per seed and converges onto the text after 0.6 s', async () => {
    const h = harness(12, 40);
    const p = { file: srt, mode: 'scatter', row: 0.5, seed: 7 };
    const a = await frame(h, 1.2, p);
    const b = await frame(h, 1.2, p, {}); // fresh state, same seed
    expect(Buffer.from(a.glyphs.buffer).equals(Buffer.from(b.glyphs.buffer))).toBe(true);
    expect(Buffer.from(a.colors).equals(Buffer.from(b.colors))).toBe(true);
    const other = await frame(h, 1.2, { ...p, seed: 8 });
    expect(Buffer.from(a.glyphs.buffer).equals(Buffer.from(other.glyphs.buffer))).toBe(false);
    expect(text(h, a)[6]).not.toBe('              Hello world'); // still in flight
    for (const t of [1.6, 2.5]) {
      const done = await frame(h, t, p);
      expect(text(h, done).filter((r) => r !== '')).toEqual(['              Hello world']);
      expect(text(h, done)[6]).toBe('              Hello world'); // round(0.5·11) = 6
      expect(rgb(done, 6, 14)).toEqual([255, 245, 230]);
    }
  });

  it('wave offsets each char by round(amp·sin(freq·col + speed·s))', async () => {
    const h = harness(12, 40);
    const t = 2.3;
    const layer = await frame(h, t, { file: srt, mode: 'wave', row: 0.5, wave_amp: 2, wave_freq: 0.7, wave_speed: 3 });
    const word = 'Hello world';
    for (let k = 0; k < word.length; k++) {
      if (word[k] === ' ') continue;
      const col = 14 + k;
      const row = 6 + Math.round(2 * Math.sin(0.7 * col + 3 * t));
      expect(h.glyphOf(layer.glyphs[row * 40 + col] as number)).toBe(word[k]);
    }
    expect(layer.glyphs.reduce((n, g) => n + (g ? 1 : 0), 0)).toBe(10);
  });

  it('wave keeps wrapped lines 2·round(amp) + 1 rows apart, so no two lines share a row at any phase', async () => {
    // Three lines of distinct letters (a/b/c words), wrapped at 20: every row must hold one letter only.
    const file = path.join(dir, 'wave-lines.srt');
    const words = (ch: string) => Array.from({ length: 4 }, () => ch.repeat(4)).join(' ');
    writeFileSync(file, `1\n00:00:00,000 --> 00:00:10,000\n${words('a')} ${words('b')} ${words('c')}\n`);
    const inked = 3 * 16;
    for (const [amp, row] of [[1, 0.8], [1, 1], [2, 0.5], [1.4, 0]] as const) {
      const h = harness(30, 40);
      for (let t = 0; t < 2; t += 0.05) {
        const rows = text(h, await frame(h, t, { file, mode: 'wave', max_chars: 20, wave_amp: amp, row }));
        const used = rows.map((r) => new Set(r.replace(/ /g, '')));
        for (const u of used) expect(u.size).toBeLessThanOrEqual(1);
        // Line order is kept and each line is one band of at most 2·round(amp) + 1 rows, all inside the frame.
        const band = (ch: string) => used.flatMap((u, r) => (u.has(ch) ? [r] : []));
        const ext = Math.round(amp);
        for (const ch of ['a', 'b', 'c']) expect(Math.max(...band(ch)) - Math.min(...band(ch))).toBeLessThanOrEqual(2 * ext);
        expect(Math.max(...band('a'))).toBeLessThan(Math.min(...band('b')));
        expect(Math.max(...band('b'))).toBeLessThan(Math.min(...band('c')));
        expect(rows.join('').replace(/ /g, '')).toHaveLength(inked); // nothing overwritten, nothing off the frame
      }
    }
  });

  it('wave lowers the amplitude rather than let lines collide when the block would not fit', async () => {
    const file = path.join(dir, 'wave-tight.srt');
    writeFileSync(file, '1\n00:00:00,000 --> 00:00:10,000\naaaa aaaa\nbbbb bbbb\ncccc cccc\n');
    for (const [rows, maxBand] of [[9, 2], [8, 0], [3, 0]] as const) {
      const h = harness(rows, 20);
      for (let t = 0; t < 2; t += 0.1) {
        const out = text(h, await frame(h, t, { file, mode: 'wave', wave_amp: 3, row: 0.5 }));
        const used = out.map((r) => new Set(r.replace(/ /g, '')));
        for (const u of used) expect(u.size).toBeLessThanOrEqual(1);
        const band = (ch: string) => used.flatMap((u, r) => (u.has(ch) ? [r] : []));
        for (const ch of ['a', 'b', 'c']) expect(Math.max(...band(ch)) - Math.min(...band(ch))).toBeLessThanOrEqual(maxBand);
        expect(out.join('').replace(/ /g, '')).toHaveLength(24);
      }
    }
  });

  it('wave moves whole words by default: a 5-letter word changes row at most once, and mostly not at all', async () => {
    const h = harness(20, 60);
    const file = path.join(dir, 'wave-words.srt');
    const line = 'those seven words would float along the wave';
    writeFileSync(file, `1\n00:00:00,000 --> 00:01:00,000\n${line}\n`);
    const x0 = Math.floor((60 - line.length) / 2);
    let phases = 0;
    let flat = 0;
    for (let t = 0; t < 10; t += 0.037) {
      const layer = await frame(h, t, { file, mode: 'wave', row: 0.5 });
      const rowOf = (col: number) => {
        for (let r = 0; r < 20; r++) if (layer.glyphs[r * 60 + col] !== 0) return r;
        return -1;
      };
      let at = 0;
      for (const w of line.split(' ')) {
        const rs = Array.from(w, (_, k) => rowOf(x0 + at + k));
        at += w.length + 1;
        expect(rs.every((r) => r >= 0)).toBe(true);
        if (w.length !== 5) continue;
        let changes = 0;
        for (let k = 1; k < rs.length; k++) if (rs[k] !== rs[k - 1]) changes++;
        expect(changes).toBeLessThanOrEqual(1);
        phases++;
        if (changes === 0) flat++;
      }
    }
    expect(flat / phases).toBeGreaterThan(0.6);
  });

  it('wraps to at most 25 chars per line on a portrait frame, centring each line', async () => {
    const h = harness(40, 45, { w: 1080, h: 1920 });
    const rows = text(h, await frame(h, 1, { file: portraitSrt, mode: 'fade' })).filter((r) => r !== '');
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const r of rows) {
      expect(r.trim().length).toBeLessThanOrEqual(25);
      expect(r.length - r.trimStart().length).toBe(Math.floor((45 - r.trim().length) / 2));
    }
    expect(rows.map((r) => r.trim()).join(' ')).toBe('The quick brown fox jumps over the lazy dog while everyone watches in silence tonight');
    // The same file on a landscape grid of the same width fits in two lines.
    const wide = harness(40, 45, { w: 1920, h: 1080 });
    expect(text(wide, await frame(wide, 1, { file: portraitSrt, mode: 'fade' })).filter((r) => r !== '')).toHaveLength(2);
  });

  it('stacks overlapping cues and multi-line cues around the row, keeping what lies under spaces', async () => {
    const h = harness(10, 20);
    const stacked = text(h, await frame(h, 3, { file: stackSrt, mode: 'fade', row: 0.5 }));
    expect(stacked.slice(5, 7)).toEqual(['       first', '       second']);
    const layer = createCellLayer(h.grid);
    const x = h.grid.glyphIds('x')[0] as number;
    layer.glyphs.fill(x);
    const pv = params({ file: srt, mode: 'fade', row: 0 });
    const ctx = context(7, {});
    await lyrics.prepare!(h.grid, ctx, pv);
    lyrics.draw(layer, h.grid, ctx, pv);
    expect(text(h, layer).slice(0, 3)).toEqual(['xxxxxxxxTwoxxxxxxxxx', 'xxxxxxxlinesxxxxxxxx', 'xxxxxxxxxxxxxxxxxxxx']);
  });

  it('reads .lrc files as LRC and honours an explicit max_chars', async () => {
    const h = harness(10, 30);
    const lrc = path.join(dir, 'song.lrc');
    writeFileSync(lrc, '[ti:x]\n[00:02.00]sing it loud\n[00:04.00]\n');
    expect(text(h, await frame(h, 3, { file: lrc, mode: 'fade', row: 0.5 }))[5]).toBe('         sing it loud');
    expect(text(h, await frame(h, 4, { file: lrc, mode: 'fade', row: 0.5 })).every((r) => r === '')).toBe(true);
    const narrow = text(h, await frame(h, 3, { file: lrc, mode: 'fade', row: 0.5, max_chars: 5 }));
    expect(narrow.slice(4, 7)).toEqual(['             sing', '              it', '             loud']);
  });

  it('keeps its layout across frames and draws nothing while replaying', async () => {
    const h = harness(10, 40);
    const state: Record<string, unknown> = {};
    await frame(h, 2, { file: srt }, state);
    const before = (state['lyrics'] as { layout: unknown }).layout;
    await frame(h, 2.5, { file: srt }, state);
    expect((state['lyrics'] as { layout: unknown }).layout).toBe(before);
    const layer = createCellLayer(h.grid);
    lyrics.draw(layer, h.grid, context(2, state, {}, true), params({ file: srt }));
    expect(layer.glyphs.every((g) => g === 0)).toBe(true);
  });

  it('loads the file on draw when prepare was not awaited', () => {
    const h = harness(10, 40);
    const layer = createCellLayer(h.grid);
    lyrics.draw(layer, h.grid, context(3, {}), params({ file: srt, mode: 'fade', row: 0.5 }));
    expect(text(h, layer)[5]).toBe('              Hello world');
  });

  it('fails clearly without a file or with an unreadable one', async () => {
    const h = harness(10, 40);
    await expect(frame(h, 0, {})).rejects.toMatchObject({ code: 'E_PARAM', message: 'inputs/lyrics (effect): parameter "file" is required' });
    const missing = path.join(dir, 'nope.srt');
    await expect(frame(h, 0, { file: missing })).rejects.toMatchObject({ code: 'E_INPUT', message: `Cannot read lyrics file "${missing}": no such file` });
    // A directory (e.g. from --lyrics): the message names the path only, no scene-file parameter.
    await expect(frame(h, 0, { file: dir })).rejects.toMatchObject({
      code: 'E_INPUT',
      message: `Cannot read lyrics file "${dir}": it is a directory`,
      hint: 'give the path of an .srt or .lrc file',
    });
    const bad = path.join(dir, 'bad.srt');
    writeFileSync(bad, '1\n00:00:01 --> nope\nx\n');
    await expect(frame(h, 0, { file: bad })).rejects.toMatchObject({ code: 'E_INPUT', message: `${bad}:2: invalid timestamp "00:00:01 --> nope"` });
  });
});
