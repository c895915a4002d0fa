/**
 * Every error a user can cause carries a stable code, a one-line message that names the problem, and an optional
 * hint that names the fix. The CLI prints `message` (and `hint`) without a stack unless `--verbose`.
 */
export type ErrorCode =
  | 'E_PARAM' // a parameter value is of the wrong type or out of range
  | 'E_UNKNOWN' // an unknown effect, shader, blend, palette, scene … name
  | 'E_DUPLICATE' // two registrations under one name
  | 'E_API_VERSION' // a plugin built for an unsupported plugin API
  | 'E_PLUGIN' // a plugin object that is malformed
  | 'E_USAGE' // a bad command-line value
  | 'E_INPUT' // an unreadable or invalid input file
  | 'E_FONT' // a missing font or glyph
  | 'E_FFMPEG' // ffmpeg missing or failed
  | 'E_RENDER' // a failure while rendering
  | 'E_CANCELLED'; // stopped by the user (SIGINT/SIGTERM)

/**
 * Exit 2 when what was asked for is wrong: a command-line value, a name, a parameter, or an input file (missing,
 * unreadable or invalid: a scene file, a soundtrack, a video, a plugin module that cannot be found). The user fixes
 * the command or the file. Exit 1 when the work failed on valid input (ffmpeg, rendering, fonts, a plugin that loads
 * but is broken). A cancelled render exits 130. (design.md, "Correctness", names the two kinds but not which error is
 * which: one rule for all of them, so that two mistakes in one scene file never exit differently.)
 */
const EXIT_CODES: Partial<Record<ErrorCode, number>> = {
  E_PARAM: 2,
  E_UNKNOWN: 2,
  E_USAGE: 2,
  E_INPUT: 2,
  E_CANCELLED: 130,
};

export class GlyphreelError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message.replace(/\s*\n\s*/g, ' '), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GlyphreelError';
    this.code = code;
    this.hint = options.hint;
  }

  /** The process exit code for this error. */
  get exitCode(): number {
    return EXIT_CODES[this.code] ?? 1;
  }

  /** One line for the terminal: the problem, then the fix. */
  toLine(): string {
    return this.hint ? `${this.message} (${this.hint})` : this.message;
  }
}

export function isGlyphreelError(e: unknown): e is GlyphreelError {
  return e instanceof GlyphreelError;
}

/**
 * `e` with `prefix` in front of its message (what was running when it was thrown: a shader's name, a layer, a scene
 * and frame). A GlyphreelError keeps its code and hint; anything else becomes E_RENDER, a failure on valid input.
 */
export function prefixError(e: unknown, prefix: string): GlyphreelError {
  const message = `${prefix}: ${e instanceof Error ? e.message : String(e)}`;
  return isGlyphreelError(e) ? new GlyphreelError(e.code, message, { hint: e.hint, cause: e }) : new GlyphreelError('E_RENDER', message, { cause: e });
}
