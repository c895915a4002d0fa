import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isGlyphreelError } from '@glyphreel/core';
import { outputBytes } from './atomic.js';
import type { FfmpegLike } from './discover.js';
import { probe, type ProbeResult } from './probe.js';

/** The seed's minimum size of a real output ("exists and > 1000 bytes"). */
export const MIN_OUTPUT_BYTES = 1000;

export interface VerifyResult {
  ok: boolean;
  bytes: number;
  probe?: ProbeResult;
  /** Why it is not ok. */
  reason?: string;
}

/**
 * What counts as a verified output: it exists, is larger than 1000 bytes (seed, "Temp File Cleanup"), and ffmpeg
 * can read it through to the end and finds at least one frame. Never throws for a bad output; reports why.
 */
export async function verifyOutput(file: string, o: { ffmpeg: FfmpegLike; minBytes?: number; fps?: number; probed?: ProbeResult }): Promise<VerifyResult> {
  const abs = path.resolve(file);
  if (!existsSync(abs)) return { ok: false, bytes: 0, reason: `${abs} does not exist` };
  const bytes = outputBytes(abs);
  const min = o.minBytes ?? MIN_OUTPUT_BYTES;
  if (bytes <= min) return { ok: false, bytes, reason: `${abs} is only ${bytes} bytes (need more than ${min})` };
  try {
    // A probe its writer made of these bytes (concatSegments reads the joined file through before renaming it) is
    // not repeated.
    const p = o.probed ?? (await probe(abs, { ffmpeg: o.ffmpeg, ...(o.fps !== undefined ? { fps: o.fps } : {}) }));
    if (p.frames < 1) return { ok: false, bytes, probe: p, reason: `${abs} has no video frames` };
    return { ok: true, bytes, probe: p };
  } catch (e) {
    return { ok: false, bytes, reason: isGlyphreelError(e) ? e.message : String(e) };
  }
}

export interface WorkDirOptions {
  /** Put the work directory beside this output (same filesystem, visible to the user) instead of os.tmpdir(). */
  besideOutput?: string;
  /** Keep intermediates (`--keep-intermediates`); KEEP_INTERMEDIATES=1 in `env` does the same. */
  keep?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface CleanupResult {
  /** Whether the directory was removed. */
  removed: boolean;
  /** Why not, when it was not. */
  reason?: string;
  verify?: VerifyResult;
}

export interface WorkDir {
  readonly path: string;
  /** Whether cleanup and abort leave the files in place. */
  readonly keep: boolean;
  /** A path inside the work directory (`segments/seg 003.mp4`); parent folders are created on demand by `ensure`. */
  file(name: string): string;
  /** Like file() but creates the parent folder. */
  ensure(name: string): Promise<string>;
  /**
   * Removes the work directory after checking the final output with verifyOutput. If the output does not verify, the
   * intermediates stay (they are what is needed to re-stitch) and the reason is returned. `probed`: the writer's own
   * probe of the output (e.g. ConcatResult.probe), so it is not read through twice.
   */
  cleanup(output: string, o: { ffmpeg: FfmpegLike; fps?: number; probed?: ProbeResult }): Promise<CleanupResult>;
  /** On failure or Ctrl-C: removes everything it created, unless keep. */
  abort(): Promise<void>;
}

const liveDirs = new Set<string>();
let hooked = false;

/**
 * A directory for one render's intermediates (segments, concat list, extracted WAV, ffmpeg logs). Feature caches
 * are not its business: they are worth keeping and live elsewhere. A process that exits without cleanup or abort
 * (crash, process.exit from a signal handler) removes it too, unless keep.
 */
export async function createWorkDir(o: WorkDirOptions = {}): Promise<WorkDir> {
  const env = o.env ?? process.env;
  const keep = o.keep === true || env.KEEP_INTERMEDIATES === '1';
  let dir: string;
  // Made synchronously and tracked in the same turn: a process.exit between an asynchronous mkdir's completion and
  // its callback (an EPIPE on stdout, a second Ctrl-C) would leave a directory that no hook knows of.
  if (o.besideOutput) {
    const target = path.resolve(o.besideOutput);
    dir = path.join(path.dirname(target), `.${path.basename(target)}.glyphreel-work-${process.pid}-${randomBytes(4).toString('hex')}`);
    mkdirSync(dir);
  } else {
    dir = mkdtempSync(path.join(os.tmpdir(), 'glyphreel-work-'));
  }
  if (!keep) {
    liveDirs.add(dir);
    if (!hooked) {
      hooked = true;
      process.once('exit', () => {
        for (const d of liveDirs) rmSync(d, { recursive: true, force: true });
      });
    }
  }
  let gone = false;
  const remove = async () => {
    if (gone) return;
    gone = true;
    // Untracked only once removed: an exit while rm runs (`glyphreel bench | head -1` ends the process at its next
    // line) leaves the exit hook to finish it.
    await rm(dir, { recursive: true, force: true });
    liveDirs.delete(dir);
  };
  const file = (name: string): string => {
    const p = path.resolve(dir, name);
    if (!p.startsWith(dir + path.sep)) throw new Error(`work file ${name} escapes the work directory`);
    return p;
  };
  return {
    path: dir,
    keep,
    file,
    async ensure(name) {
      const p = file(name);
      await mkdir(path.dirname(p), { recursive: true });
      return p;
    },
    async cleanup(output, c) {
      const verify = await verifyOutput(output, c);
      if (!verify.ok) return { removed: false, reason: `output not verified: ${verify.reason}`, verify };
      if (keep) return { removed: false, reason: 'intermediates kept (--keep-intermediates / KEEP_INTERMEDIATES=1)', verify };
      await remove();
      return { removed: true, verify };
    },
    async abort() {
      if (!keep) await remove();
    },
  };
}
