import type { Io } from '../cli-errors.js';

/** An Io that keeps what a command prints, line by line, for in-process CLI tests. */
export function capture(): Io & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { outLines, errLines, out: (l) => outLines.push(...l.split('\n')), err: (l) => errLines.push(...l.split('\n')) };
}
