import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseAspect, parseResolution, parseWorkers, QUALITY_PREFERENCES, type AspectPreset, type QualityPreference } from '@glyphreel/hardware';
import { Option, type Command } from 'commander';
import { usageError } from '../cli-errors.js';
import { demoProject } from '../demo.js';
import { withLyrics } from '../project/auto.js';
import { audioProject } from '../project/from-audio.js';
import { readSceneFile } from '../project/load.js';
import type { ProjectSource } from '../render/job.js';

export interface ProjectFlags {
  scenes?: string;
  demo?: boolean;
  plugin?: string[];
  quality: string;
  aspect?: string;
  resolution?: string;
  workers: string;
  fps?: string;
  seed?: string;
}

/**
 * Flags every project command shares: what to render and the settings that shape it. The scene file may also be
 * given as the first argument (`glyphreel render scenes.json -o out.mp4`): the command's action then receives it
 * first, before the flags, and finds it in `flags.scenes` as well.
 */
export function addProjectFlags(cmd: Command): Command {
  return cmd
    .argument('[scenes]', 'scene file (the same as --scenes FILE)')
    .hook('preAction', (c) => {
      const file = c.processedArgs[0] as string | undefined;
      if (file === undefined) return;
      const flag = c.getOptionValue('scenes') as string | undefined;
      if (flag !== undefined && flag !== file) throw usageError(`Two scene files: ${file} and --scenes ${flag}`, 'give one of them');
      c.setOptionValue('scenes', file);
    })
    .option('--scenes <file>', 'scene file (.json, or .mjs exporting the same shape)')
    .option('--demo', 'the built-in showcase project')
    .option('--plugin <module>', 'load a plugin (path or package; bare "foo" also tries glyphreel-plugin-foo); repeatable', (v: string, prev: string[] = []) => [...prev, v])
    .addOption(new Option('-q, --quality <quality>', 'quality preset').choices(QUALITY_PREFERENCES).default('auto'))
    .option('--aspect <preset>', 'landscape, portrait, square, ultrawide, landscape4k, portrait4k')
    .option('--resolution <WxH>', 'explicit frame size, e.g. 1280x720 (wins over --aspect)')
    .option('-w, --workers <n>', 'worker threads (0 = from the hardware)', '0')
    .option('--fps <n>', 'frame rate (default: from the quality profile)')
    .option('--seed <n>', "seed for every random choice (default: the scene file's, else 1)");
}

export function projectSource(flags: ProjectFlags): ProjectSource {
  if (flags.scenes && flags.demo) throw usageError('Give either --scenes FILE or --demo, not both');
  if (flags.scenes) return { file: path.resolve(flags.scenes) };
  if (flags.demo) return { raw: demoProject(), label: 'demo' };
  throw usageError('Nothing to render: pass --scenes FILE, --demo, --audio FILE, --video FILE or --image FILE', 'e.g. glyphreel render --demo -o demo.mp4');
}

export interface ParsedSettings {
  quality: QualityPreference;
  aspect?: AspectPreset;
  resolution?: string;
  workers: number;
  fps?: number;
  seed?: number;
}

export function parseSettings(flags: ProjectFlags): ParsedSettings {
  const out: ParsedSettings = { quality: flags.quality as QualityPreference, workers: parseWorkers(flags.workers) };
  if (flags.aspect !== undefined) out.aspect = parseAspect(flags.aspect);
  if (flags.resolution !== undefined) {
    parseResolution(flags.resolution);
    out.resolution = flags.resolution;
  }
  if (flags.fps !== undefined) {
    const fps = Number(flags.fps);
    if (!(fps > 0 && fps <= 240)) throw usageError(`Invalid --fps "${flags.fps}": expected a number in (0, 240]`);
    out.fps = fps;
  }
  if (flags.seed !== undefined) {
    // Decimal digits only: Number() would read "" as 0 and "0x10" as 16.
    const seed = /^\d{1,10}$/.test(flags.seed) ? Number(flags.seed) : NaN;
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw usageError(`Invalid --seed "${flags.seed}": expected a whole number 0-4294967295`, 'decimal digits only, e.g. --seed 42');
    out.seed = seed;
  }
  return out;
}

export function parseNumber(text: string | undefined, flag: string, min: number, max: number, integer = false): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw usageError(`Invalid ${flag} "${text}": expected ${integer ? 'a whole number' : 'a number'} in [${min}, ${max}]`);
  }
  return n;
}

/** How `--lyrics` draws the words (the lyrics layer's modes). */
export const LYRICS_MODES = ['typewriter', 'fade', 'flash', 'scatter', 'wave'] as const;

export interface SongFlags extends ProjectFlags {
  audio?: string;
  lyrics?: string;
  lyricsMode?: string;
}

/**
 * The project `list`, `frame` (and `render`) draw: `--audio` without `--scenes`/`--demo` is the automatic plan of the
 * song, else the scene file or the demo; `--lyrics` then adds the lyrics over every scene.
 */
export async function songProjectSource(flags: SongFlags, s: ParsedSettings, o: { ffmpegPath?: string } = {}): Promise<ProjectSource> {
  if (flags.audio && !existsSync(flags.audio)) throw usageError(`Audio file ${flags.audio} does not exist`);
  if (flags.lyrics && !existsSync(flags.lyrics)) throw usageError(`Lyrics file ${flags.lyrics} does not exist`);
  if (flags.lyricsMode !== undefined && !flags.lyrics) throw usageError('--lyrics-mode needs --lyrics FILE', 'e.g. --lyrics song.srt --lyrics-mode fade');
  let source: ProjectSource =
    flags.audio && !flags.scenes && !flags.demo
      ? {
          raw: await audioProject({ audio: flags.audio, quality: s.quality, workers: s.workers, plugins: flags.plugin ?? [], ...(s.seed !== undefined ? { seed: s.seed } : {}), ...(s.aspect ? { aspect: s.aspect } : {}), ...(s.resolution ? { resolution: s.resolution } : {}), ...(s.fps ? { fps: s.fps } : {}), ...(o.ffmpegPath ? { ffmpegPath: o.ffmpegPath } : {}) }),
          label: `plan for ${path.basename(flags.audio)}`,
        }
      : projectSource(flags);
  if (flags.lyrics) {
    const raw = 'file' in source ? await readSceneFile(source.file) : source.raw;
    source = { raw: withLyrics(raw as Record<string, unknown>, path.resolve(flags.lyrics), flags.lyricsMode ?? 'typewriter'), label: 'file' in source ? source.file : source.label };
  }
  return source;
}
