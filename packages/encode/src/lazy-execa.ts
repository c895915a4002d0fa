import type { execa as ExecaFn } from 'execa';

let loading: Promise<typeof ExecaFn> | undefined;

/**
 * execa, imported on first use: it is about a hundred ES modules (a quarter of a render worker's start-up), and
 * renders that never start ffmpeg (render-only benchmarks, `glyphreel frame` without audio) should not load them.
 */
export function loadExeca(): Promise<typeof ExecaFn> {
  return (loading ??= import('execa').then((m) => m.execa));
}
