import { describe, expect, it } from '@jest/globals';
import { progressPrinter } from './progress.js';

function stream(tty: boolean) {
  const chunks: string[] = [];
  return { chunks, s: { isTTY: tty, write: (c: string) => chunks.push(c) } as unknown as NodeJS.WriteStream };
}
const at = (stage: 'prepare' | 'render' | 'join' | 'verify' | 'done', rendered = 0, encoded = 0) => ({ stage, framesRendered: rendered, framesEncoded: encoded, framesTotal: 240, fps: 30, etaS: rendered ? (240 - rendered) / 30 : undefined });

describe('progressPrinter', () => {
  it('plain output: one line per stage from the render stage on, frames rendered and encoded, fps, ETA', () => {
    const { chunks, s } = stream(false);
    const p = progressPrinter(s);
    p.update(at('prepare'));
    p.update(at('render', 120, 90));
    p.update(at('render', 121, 91)); // same stage within 3 s: not repeated
    p.update(at('join', 240, 240));
    p.end();
    expect(chunks).toHaveLength(2);
    expect(chunks[0]).toBe('[2/4] render  ████████████░░░░░░░░░░░░ 120/240 rendered, 90 encoded  30.0 fps  ETA 4s\n');
    expect(chunks[1]).toMatch(/^\[3\/4\] join {4}█{24}\n$/);
  });

  it('TTY output redraws one line and clears it at the end; --quiet prints nothing', () => {
    const { chunks, s } = stream(true);
    const p = progressPrinter(s);
    p.update(at('prepare'));
    p.update(at('render', 60, 30));
    p.end();
    expect(chunks[0]!.startsWith('\r\x1b[2K[1/4] prepare')).toBe(true);
    expect(chunks[1]).toContain('60/240 rendered, 30 encoded');
    expect(chunks.at(-1)).toBe('\r\x1b[2K');
    const q = stream(true);
    const quiet = progressPrinter(q.s, { quiet: true });
    quiet.update(at('render', 10, 5));
    quiet.end();
    expect(q.chunks).toEqual([]);
  });

  it('a log line on a TTY goes above the progress line: cleared, written, the line redrawn', () => {
    const { chunks, s } = stream(true);
    const p = progressPrinter(s);
    p.update(at('render', 60, 30));
    p.around(() => chunks.push('Analyzing song.wav…\n'));
    expect(chunks.slice(1)).toEqual(['\r\x1b[2K', 'Analyzing song.wav…\n', '[2/4] render  ██████░░░░░░░░░░░░░░░░░░ 60/240 rendered, 30 encoded  30.0 fps  ETA 6s']);
    // Before anything is drawn, or not on a TTY, the line is just written.
    const plain = stream(false);
    const q = progressPrinter(plain.s);
    q.around(() => plain.chunks.push('x\n'));
    expect(plain.chunks).toEqual(['x\n']);
  });
});
