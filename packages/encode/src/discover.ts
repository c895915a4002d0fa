import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { startProcess } from './spawn.js';
import { GlyphreelError } from '@glyphreel/core';

/** Where the ffmpeg binary came from, in the order they are tried (design.md, "Tooling decisions"). */
export type FfmpegSource = 'option' | 'env' | 'path' | 'bundled';

export interface FfmpegInfo {
  /** Absolute path of the binary. */
  readonly path: string;
  readonly source: FfmpegSource;
  /** The word after "ffmpeg version", e.g. `6.1.1` or `N-47683-g0e8eb07980-static`. */
  readonly version: string;
  /** Every encoder name `ffmpeg -encoders` lists (libx264, libvpx-vp9, gif, png, aac, …). */
  readonly encoders: readonly string[];
  /**
   * Hardware encoders the build lists (nvenc, vaapi, qsv, videotoolbox, amf, v4l2m2m, mediacodec). Listed is not
   * usable: a build may carry vaapi without a device. They are reported for `glyphreel info`, never picked silently.
   */
  readonly hardwareEncoders: readonly string[];
}

export interface FindFfmpegOptions {
  /** An explicit binary (`--ffmpeg PATH`); when given it must work, nothing else is tried. */
  ffmpegPath?: string | undefined;
  /** Environment to read GLYPHREEL_FFMPEG and PATH from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Look for `ffmpeg` on PATH (default true). */
  searchPath?: boolean;
  /** Fall back to the binary of @ffmpeg-installer/ffmpeg (default true). */
  bundled?: boolean;
}

const HW_SUFFIX = /_(nvenc|vaapi|qsv|videotoolbox|amf|v4l2m2m|mediacodec|omx|mf)$/;

/** Capabilities by binary path: `-version` and `-encoders` cost two process starts, so each path is probed once. */
const cache = new Map<string, Promise<Omit<FfmpegInfo, 'source'>>>();

/** Forget probed binaries (tests that swap binaries at one path; a long-running service after an upgrade). */
export function clearFfmpegCache(): void {
  cache.clear();
}

/** Parses `ffmpeg -encoders`: lines like ` V....D libx264  libx264 H.264 …` after the `------` separator. */
export function parseEncoders(text: string): string[] {
  const out: string[] = [];
  const re = /^ ([VASD])[F.][S.][X.][B.][D.] (\S+)/;
  for (const line of text.split('\n')) {
    const m = re.exec(line);
    if (m && m[2] !== '=') out.push(m[2] as string);
  }
  return out;
}

export function parseVersion(text: string): string | undefined {
  return /ffmpeg version (\S+)/.exec(text)?.[1];
}

async function probeBinary(bin: string): Promise<Omit<FfmpegInfo, 'source'>> {
  let hit = cache.get(bin);
  if (!hit) {
    hit = (async () => {
      // Both runs at once: each is mostly ffmpeg's own start, and discovery is on every render's path.
      const [v, e] = await Promise.all([
        startProcess(bin, ['-hide_banner', '-version'], { stdout: 'collect', stderr: 'collect', timeoutMs: 15000 }).done,
        startProcess(bin, ['-hide_banner', '-encoders'], { stdout: 'collect', stderr: 'collect', timeoutMs: 15000 }).done,
      ]);
      const version = parseVersion(`${v.stdout.toString('utf8')}\n${v.stderr.toString('utf8')}`);
      if (v.exitCode !== 0 || version === undefined) {
        const why =
          v.spawnError === 'ENOENT' ? 'not found' : v.spawnError === 'EACCES' ? 'not executable' : v.spawnError ? v.spawnError : v.timedOut ? '`-version` did not answer within 15 s' : v.exitCode !== null ? `\`-version\` exited ${v.exitCode} without a version line` : `\`-version\` was killed by ${v.signal}`;
        throw new Error(why);
      }
      const encoders = parseEncoders(e.stdout.toString('utf8'));
      return { path: bin, version, encoders, hardwareEncoders: encoders.filter((n) => HW_SUFFIX.test(n)) };
    })();
    cache.set(bin, hit);
    // A failed probe is not cached: the user may fix the binary and retry in the same process.
    hit.catch(() => cache.delete(bin));
  }
  return hit;
}

function isExecutableFile(p: string): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function whichFfmpeg(env: NodeJS.ProcessEnv): string | undefined {
  const names = process.platform === 'win32' ? ['ffmpeg.exe', 'ffmpeg'] : ['ffmpeg'];
  for (const dir of (env.PATH ?? env.Path ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const n of names) {
      const p = path.resolve(dir, n);
      if (isExecutableFile(p)) return p;
    }
  }
  return undefined;
}

/** The binary inside @ffmpeg-installer/ffmpeg, or why there is none. The package throws on unsupported platforms. */
function bundledFfmpeg(): { path?: string; why?: string } {
  try {
    const req = createRequire(import.meta.url);
    const mod = req('@ffmpeg-installer/ffmpeg') as { path?: unknown };
    return typeof mod.path === 'string' ? { path: mod.path } : { why: 'the package exports no path' };
  } catch (e) {
    return { why: String(e instanceof Error ? e.message : e).split('\n')[0] };
  }
}

/**
 * Finds a working ffmpeg: `--ffmpeg PATH`, then GLYPHREEL_FFMPEG, then `ffmpeg` on PATH, then the binary shipped in
 * @ffmpeg-installer/ffmpeg. An explicitly named binary (option or env) that does not work is an error rather than a
 * silent fallback: the user asked for that one (E_USAGE, exit 2). Throws E_FFMPEG when no candidate works, with one line
 * naming every candidate tried.
 */
export async function findFfmpeg(options: FindFfmpegOptions = {}): Promise<FfmpegInfo> {
  const env = options.env ?? process.env;
  const explicit: Array<[FfmpegSource, string, string]> = [];
  if (options.ffmpegPath) explicit.push(['option', options.ffmpegPath, '--ffmpeg']);
  else if (env.GLYPHREEL_FFMPEG) explicit.push(['env', env.GLYPHREEL_FFMPEG, 'GLYPHREEL_FFMPEG']);
  for (const [source, p, label] of explicit) {
    const abs = path.resolve(p);
    try {
      return { ...(await probeBinary(abs)), source };
    } catch (e) {
      // What the user named is wrong (a flag or the environment), like a missing --audio file: exit 2, not a failure.
      throw new GlyphreelError('E_USAGE', `ffmpeg from ${label} (${abs}) is not usable: ${(e as Error).message}`, {
        hint: `point ${label} at a working ffmpeg binary, or unset it to use ffmpeg on PATH or the bundled one`,
      });
    }
  }
  const tried: string[] = [];
  if (options.searchPath !== false) {
    const onPath = whichFfmpeg(env);
    if (onPath) {
      try {
        return { ...(await probeBinary(onPath)), source: 'path' };
      } catch (e) {
        tried.push(`PATH (${onPath}: ${(e as Error).message})`);
      }
    } else tried.push('PATH (no ffmpeg)');
  }
  if (options.bundled !== false) {
    const b = bundledFfmpeg();
    if (b.path) {
      try {
        return { ...(await probeBinary(b.path)), source: 'bundled' };
      } catch (e) {
        tried.push(`@ffmpeg-installer/ffmpeg (${b.path}: ${(e as Error).message})`);
      }
    } else tried.push(`@ffmpeg-installer/ffmpeg (${b.why})`);
  }
  throw new GlyphreelError('E_FFMPEG', `no working ffmpeg found; tried ${tried.join(', ')}`, {
    hint: 'install ffmpeg (e.g. apt install ffmpeg, brew install ffmpeg), pass --ffmpeg PATH or set GLYPHREEL_FFMPEG, or run npm ci so the bundled @ffmpeg-installer/ffmpeg is present',
  });
}

/** Whether the build has an encoder, e.g. `hasEncoder(info, 'libvpx-vp9')`. */
export function hasEncoder(info: FfmpegInfo, name: string): boolean {
  return info.encoders.includes(name);
}

/** Accepts either a resolved FfmpegInfo or a binary path, so low-level helpers do not force discovery. */
export type FfmpegLike = FfmpegInfo | string;

export function ffmpegPathOf(ff: FfmpegLike): string {
  return typeof ff === 'string' ? ff : ff.path;
}

/** The encoders glyphreel's outputs need, in the order `describeFfmpeg` lists them. */
export const GLYPHREEL_ENCODERS = ['libx264', 'libvpx-vp9', 'libopus', 'aac', 'gif', 'png'] as const;

/**
 * One line for `glyphreel info`: version, where it came from, which of glyphreel's encoders it has (a missing one
 * marked with `!`), and the hardware encoders it lists.
 */
export function describeFfmpeg(info: FfmpegInfo): string {
  const ours = GLYPHREEL_ENCODERS.map((e) => (hasEncoder(info, e) ? e : `!${e}`)).join(' ');
  const hw = info.hardwareEncoders.length > 0 ? info.hardwareEncoders.join(' ') : 'none';
  return `ffmpeg ${info.version} (${info.source}: ${info.path}); encoders: ${ours}; hardware encoders listed: ${hw}`;
}
