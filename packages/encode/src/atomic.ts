import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { GlyphreelError } from '@glyphreel/core';

/**
 * Temporary paths alive in this process. If the process exits without committing or discarding (an uncaught
 * error, process.exit from a SIGINT handler), the 'exit' hook removes them, so a crash leaves no hidden debris.
 */
const live = new Set<string>();
let hooked = false;
/**
 * Removes `p` (file or folder) if the process exits before `untrackTemp(p)`: for temporaries made outside
 * atomicOutput (an ffmpeg log, a concat list beside the target), which a Ctrl-C that exits at once would leave.
 */
export function trackTemp(p: string): void {
  track(p);
}
export function untrackTemp(p: string): void {
  live.delete(p);
}
function track(p: string): void {
  live.add(p);
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const q of live) rmSync(q, { recursive: true, force: true });
    });
  }
}

export interface AtomicOutput {
  /** The final path. */
  readonly target: string;
  /** Where to write: a hidden sibling of the target, so the final rename stays on one filesystem. */
  readonly tempPath: string;
  /** Whether the target is a directory (png sequences). */
  readonly directory: boolean;
  /** Renames the temp path over the target. An existing target is replaced only now, never truncated before. */
  commit(): Promise<void>;
  /** Removes the temp path; the target is untouched. Safe to call more than once, or after commit (no-op). */
  discard(): Promise<void>;
  /**
   * Runs `fill` (which writes the temp path), then commits and returns what `fill` returned; when `fill` or the
   * commit throws, discards and rethrows, so the target keeps its old content.
   */
  write<T>(fill: () => Promise<T>): Promise<T>;
}

/**
 * `.clip.mp4.glyphreel-<pid>-<rand>.tmp.mp4`: hidden (dot), names the target it belongs to, the process that made it
 * (so a leftover can be traced), random so concurrent renders to one target do not collide, and it keeps the
 * target's extension so tools that look at it still see the format.
 */
export function tempNameFor(target: string): string {
  return sidePath(target, `tmp${path.extname(target)}`);
}

/**
 * `.<target name>.glyphreel-<pid>-<rand>.<suffix>` in `dir` (default: beside the target): the name of a file made
 * on the way to `target` (a palette, a concat list), traceable to it and to this process like the temp path.
 */
export function sidePath(target: string, suffix: string, dir: string = path.dirname(target)): string {
  return path.join(dir, `.${path.basename(target)}.glyphreel-${process.pid}-${randomBytes(4).toString('hex')}.${suffix}`);
}

/**
 * A temporary path beside `target` and the commit/discard pair that makes an encode atomic: the target either keeps
 * its old content or gets the complete new file, never a truncated one. Throws E_USAGE when the target's directory
 * does not exist, the target is a directory where a file is expected (and the reverse), or a directory target holds
 * anything but numbered frames or is (or holds) the working directory.
 */
export async function atomicOutput(target: string, options: { directory?: boolean } = {}): Promise<AtomicOutput> {
  const abs = path.resolve(target);
  const directory = options.directory === true;
  checkOutputTarget(abs, options);
  const tempPath = tempNameFor(abs);
  // Tracked before it exists, so an exit at any point removes it (rmSync ignores a path that is not there).
  track(tempPath);
  if (directory) await mkdir(tempPath);
  let done = false;
  const commit = async (): Promise<void> => {
    if (done) return;
    if (!existsSync(tempPath)) throw new GlyphreelError('E_RENDER', `nothing was written to ${tempPath}`);
    if (directory && existsSync(abs)) {
      // Again now: files put into the folder while the frames were drawn must not go with the old sequence.
      checkReplaceableFolder(abs);
      // rename() cannot replace a non-empty directory: move the old one aside first, drop it after the swap.
      const old = `${tempNameFor(abs)}.old`;
      track(old);
      await rename(abs, old);
      await rename(tempPath, abs);
      await rm(old, { recursive: true, force: true });
      live.delete(old);
    } else {
      await rename(tempPath, abs);
    }
    done = true;
    live.delete(tempPath);
  };
  const discard = async (): Promise<void> => {
    if (done) return;
    done = true;
    await rm(tempPath, { recursive: true, force: true });
    live.delete(tempPath);
  };
  return {
    target: abs,
    tempPath,
    directory,
    commit,
    discard,
    async write<T>(fill: () => Promise<T>): Promise<T> {
      try {
        const value = await fill();
        await commit();
        return value;
      } catch (e) {
        await discard();
        throw e;
      }
    },
  };
}

/**
 * The checks atomicOutput makes, without creating anything: for a command to refuse a bad -o before it starts work.
 * Throws E_USAGE when the target's directory does not exist, the target is a directory where a file is expected (and
 * the reverse), or a directory target holds anything but numbered frames or is (or holds) the working directory.
 */
export function checkOutputTarget(target: string, options: { directory?: boolean } = {}): void {
  const abs = path.resolve(target);
  const dir = path.dirname(abs);
  const directory = options.directory === true;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new GlyphreelError('E_USAGE', `output directory ${dir} does not exist`, { hint: 'create it first or choose another -o path' });
  }
  const t = existsSync(abs) ? statSync(abs) : undefined;
  if (t && t.isDirectory() !== directory) {
    throw new GlyphreelError('E_USAGE', `output ${abs} is ${t.isDirectory() ? 'a directory' : 'a file'}, expected ${directory ? 'a directory (png sequence)' : 'a file'}`, {
      hint: 'choose another -o path or --format',
    });
  }
  if (directory && t) checkReplaceableFolder(abs);
}

/** What a png sequence holds: numbered frames (`000123.png`), so a folder of nothing else is an earlier render. */
const FRAME_FILE = /^\d+\.png$/;

/**
 * A directory output replaces the whole folder, so it may only replace one that is empty or holds nothing but
 * numbered frames (an earlier png render), and never the working directory or a folder around it: `-o .` once
 * swapped the user's folder, scene files and all, for a png sequence.
 */
function checkReplaceableFolder(abs: string): void {
  const cwd = process.cwd();
  const hint = 'name a new or empty folder for the frames, e.g. -o frames/';
  if (cwd === abs || cwd.startsWith(abs.endsWith(path.sep) ? abs : abs + path.sep)) {
    throw new GlyphreelError('E_USAGE', `output folder ${abs} is ${cwd === abs ? 'the current folder' : 'around the current folder'}; a png sequence replaces the whole folder`, { hint });
  }
  const others = readdirSync(abs).filter((n) => !FRAME_FILE.test(n) || !statSync(path.join(abs, n)).isFile());
  if (others.length) {
    const shown = others.sort().slice(0, 3).join(', ') + (others.length > 3 ? `, … (${others.length} in all)` : '');
    throw new GlyphreelError('E_USAGE', `output folder ${abs} holds other files (${shown}); a png sequence replaces the whole folder`, { hint });
  }
}

/** Size of a file, or total size of the files directly inside a directory; 0 when missing. */
export function outputBytes(p: string): number {
  try {
    const s = statSync(p);
    if (!s.isDirectory()) return s.size;
    let n = 0;
    for (const f of readdirSync(p)) n += statSync(path.join(p, f)).size;
    return n;
  } catch {
    return 0;
  }
}

/**
 * Whether two paths name the same file: through symlinks, `..` and hard links (same device and inode). A path that
 * does not exist yet is compared by its resolved parent folder's real path, so `-o link/../x.mp4` still matches.
 * For refusing an output that would overwrite one of the command's own inputs.
 */
export function sameFile(a: string, b: string): boolean {
  const real = (p: string): string => {
    const abs = path.resolve(p);
    try {
      return realpathSync(abs);
    } catch {
      try {
        return path.join(realpathSync(path.dirname(abs)), path.basename(abs));
      } catch {
        return abs;
      }
    }
  };
  if (real(a) === real(b)) return true;
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}
