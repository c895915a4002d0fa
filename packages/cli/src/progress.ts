import type { RenderProgress } from './render/render.js';

const STAGES: Array<RenderProgress['stage']> = ['prepare', 'render', 'join', 'verify', 'done'];

function eta(s: number | undefined): string {
  if (s === undefined || !Number.isFinite(s)) return '--';
  const m = Math.floor(s / 60);
  return m ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`;
}

/**
 * Progress for the terminal: on a TTY one line redrawn in place (stage counter, bar, frames, fps, ETA); otherwise a
 * plain line per stage and every few seconds, so logs stay readable.
 */
export function progressPrinter(
  stream: NodeJS.WriteStream,
  options: { quiet?: boolean } = {},
): { update: (p: RenderProgress) => void; end: () => void; around: (write: () => void) => void } {
  if (options.quiet) return { update: () => undefined, end: () => undefined, around: (write) => write() };
  const tty = stream.isTTY === true;
  let lastStage = '';
  let lastPlain = 0;
  let drawn = false;
  let last: RenderProgress | null = null;
  const line = (p: RenderProgress) => {
    const k = STAGES.indexOf(p.stage) + 1;
    const frac = p.framesTotal ? p.framesRendered / p.framesTotal : 0;
    const width = 24;
    const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
    const tail = p.stage === 'render' ? ` ${p.framesRendered}/${p.framesTotal} rendered, ${p.framesEncoded} encoded  ${p.fps.toFixed(1)} fps  ETA ${eta(p.etaS)}` : '';
    return `[${k}/${STAGES.length - 1}] ${p.stage.padEnd(7)} ${bar}${tail}`;
  };
  return {
    update(p) {
      if (p.stage === 'done') return;
      if (tty) {
        stream.write(`\r\x1b[2K${line(p)}`);
        drawn = true;
        last = p;
        return;
      }
      // Plain output starts with the render stage, so a command that fails while preparing prints its one error line
      // and nothing else.
      if (p.stage === 'prepare') return;
      const now = Date.now();
      if (p.stage !== lastStage || now - lastPlain > 3000) {
        stream.write(`${line(p)}\n`);
        lastStage = p.stage;
        lastPlain = now;
      }
    },
    end() {
      if (tty && drawn) stream.write('\r\x1b[2K');
    },
    /** Writes a log line (through `write`) above the progress line: cleared first, redrawn after. */
    around(write) {
      if (!(tty && drawn && last)) return write();
      stream.write('\r\x1b[2K');
      write();
      stream.write(line(last));
    },
  };
}
