import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GlyphreelError, type FeatureTable } from '@glyphreel/core';
import { trackTemp } from '@glyphreel/encode';
import type { ProjectSpec } from '../project/types.js';
import type { WorkUnit } from '../runtime/plan.js';
import { SETTING_NAMES as SHARD_SETTING_NAMES, type ShardManifest } from './shard.js';

/**
 * The record of a kept work directory (`.<output>.glyphreel/segments.json`): what each kept segment was drawn from,
 * so that `--clip` and `--skip-render` reuse a segment only when it still shows what this render would draw. Without
 * it, a segment drawn at another size, for an earlier version of its scene or with other timing was joined silently.
 */
export const KEPT_RECORD = 'segments.json';

/**
 * Everything besides the scene itself that changes the pixels or the bitstream of every segment: a shard's settings,
 * with png as a format too, and the glyphreel version and plugins.
 */
export interface KeptSettings extends Omit<ShardManifest['settings'], 'codec'> {
  glyphreel: string;
  codec: 'mp4' | 'webm' | 'png';
  plugins: string[];
}

export interface KeptUnit {
  frameStart: number;
  frameEnd: number;
  /** Hash of what the unit's frames are drawn from (see unitKey). */
  key: string;
  /** Size of the segment when it was written (0 for png frames, which live in the output folder). */
  bytes: number;
}

export interface KeptRecord {
  glyphreel: 'kept';
  version: 1;
  settings: KeptSettings;
  units: Record<string, KeptUnit>;
}

const SETTING_NAMES: Record<keyof KeptSettings, string> = {
  ...SHARD_SETTING_NAMES,
  glyphreel: 'glyphreel version',
  codec: 'format',
  plugins: 'plugins',
};

/**
 * What a unit's frames depend on besides the settings: its scene as validated (layers, parameters, timing, id), the
 * scene before it when a transition draws that one's last frames into this one's first, and the audio features of
 * every frame the unit replays or draws. A change inside a plugin's or a scene module's code is not seen.
 */
export function unitKey(project: ProjectSpec, unit: WorkUnit, features: FeatureTable, fps: number): string {
  const h = createHash('sha256');
  const scene = project.scenes[unit.sceneIndex]!;
  const previous = scene.transition && unit.sceneIndex > 0 ? project.scenes[unit.sceneIndex - 1]! : null;
  h.update(JSON.stringify([scene, previous, unit.frameStart, unit.frameEnd]));
  // The previous scene replays from its own start when a transition draws it.
  const from = previous ? Math.round(previous.start * fps) : unit.sceneFrameStart;
  const a = Math.max(0, Math.min(from, features.frames));
  const b = Math.max(a, Math.min(unit.frameEnd, features.frames));
  for (const name of features.names) {
    h.update(name);
    const s = features.series(name).subarray(a, b);
    h.update(new Uint8Array(s.buffer, s.byteOffset, s.byteLength));
  }
  return h.digest('hex');
}

export async function readKept(dir: string): Promise<KeptRecord | null> {
  try {
    const r = JSON.parse(await readFile(path.join(dir, KEPT_RECORD), 'utf8')) as KeptRecord;
    return r?.glyphreel === 'kept' && r.version === 1 && r.settings && r.units && typeof r.units === 'object' ? r : null;
  } catch {
    return null;
  }
}

/** Written beside the segments through a temporary name, so a record is never half written. */
export async function writeKept(dir: string, record: KeptRecord): Promise<void> {
  const file = path.join(dir, KEPT_RECORD);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(record, null, 2)}\n`);
    await rename(temp, file);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

export function sameSettings(a: KeptSettings, b: KeptSettings): keyof KeptSettings | null {
  for (const k of Object.keys(SETTING_NAMES) as Array<keyof KeptSettings>) if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) return k;
  return null;
}

const show = (v: unknown) => (Array.isArray(v) ? (v.length ? v.join(', ') : 'none') : String(v));

/**
 * Refuses (E_INPUT, before anything is drawn) to reuse kept segments that do not match this render: no record,
 * other settings, a scene changed since its segments were drawn, a segment missing or rewritten. `exists(unit)`
 * tells whether the unit's frames are on disk and their size (png: the frames in the output folder, size 0).
 */
export function checkReuse(o: {
  dir: string;
  record: KeptRecord | null;
  settings: KeptSettings;
  reused: ReadonlyArray<{ unit: WorkUnit; key: string }>;
  clips: readonly string[];
  stat: (unit: WorkUnit) => number | null;
}): void {
  if (!o.reused.length) return;
  const fresh = 'render without --clip/--skip-render, adding --keep-intermediates to keep the segments for next time';
  if (!o.record) {
    const what = existsSync(o.dir) ? `${o.dir} has no record of its segments (made by an older glyphreel, or not by a render)` : `there are no kept segments (${o.dir} does not exist)`;
    throw new GlyphreelError('E_INPUT', `Cannot reuse segments: ${what}`, { hint: fresh });
  }
  const differs = sameSettings(o.record.settings, o.settings);
  if (differs) {
    throw new GlyphreelError('E_INPUT', `The kept segments in ${o.dir} were drawn with ${SETTING_NAMES[differs]} ${show(o.record.settings[differs])}, this render uses ${show(o.settings[differs])}`, { hint: fresh });
  }
  const stale: string[] = [];
  let rewritten: string | null = null;
  for (const { unit, key } of o.reused) {
    const r = o.record.units[unit.id];
    const size = o.stat(unit);
    if (!r || r.key !== key || r.frameStart !== unit.frameStart || r.frameEnd !== unit.frameEnd || size === null) {
      if (!stale.includes(unit.sceneId)) stale.push(unit.sceneId);
    } else if (r.bytes && size !== r.bytes) {
      rewritten ??= unit.id;
      if (!stale.includes(unit.sceneId)) stale.push(unit.sceneId);
    }
  }
  if (!stale.length) return;
  const list = stale.length > 6 ? `${stale.slice(0, 6).join(', ')} and ${stale.length - 6} more` : stale.join(', ');
  const why = rewritten ? `segment ${rewritten} was changed since it was drawn` : 'the scene, its timing or the audio under it changed, or its segment is missing';
  throw new GlyphreelError('E_INPUT', `Kept segments of ${stale.length > 1 ? 'scenes' : 'scene'} ${list} do not match this render (${why})`, {
    hint: `re-render ${stale.length > 1 ? 'them' : 'it'} too: --clip ${[...o.clips, ...stale].join(' ')}`,
  });
}

/** Size of a kept video segment, or null when it is not there. */
export function segmentBytes(file: string): number | null {
  try {
    const s = statSync(file);
    return s.isFile() ? s.size : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<kept dir>.lock` (holding this pid) for the render, or refuses (E_USAGE) while another live glyphreel holds
 * it: two renders with one kept folder once left segments of both in it, recorded as the other's. A lock whose
 * process is gone (killed) is taken over. Returns the lock's path; the caller removes it when done (and the exit
 * hook does on a hard exit).
 */
export function lockKept(dir: string): string {
  const file = `${dir}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      trackTemp(file);
      return file;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw e;
      let pid = NaN;
      try {
        pid = Number(readFileSync(file, 'utf8').trim());
      } catch {
        continue; // removed meanwhile: try again
      }
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new GlyphreelError('E_USAGE', `Another glyphreel (pid ${pid}) is rendering with the kept segments in ${dir}`, {
          hint: 'wait for it to finish, or render to another -o',
        });
      }
      rmSync(file, { force: true }); // left by a process that is gone
    }
  }
}
