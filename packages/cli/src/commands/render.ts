import { existsSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { checkOutputTarget, findFfmpeg, formatFromPath, OUTPUT_FORMATS, sameFile, synthesizeAudio, X264_PRESETS, type OutputFormat, type X264Preset } from '@glyphreel/encode';
import { expandSequence, isGlob } from '@glyphreel/inputs';
import { Command, Option } from 'commander';
import { asCancelled, usageError, type Io } from '../cli-errors.js';
import { DEMO_BPM, demoProject } from '../demo.js';
import { progressPrinter } from '../progress.js';
import { renderVideo, type RenderOptions, type RenderResult } from '../render/render.js';
import type { ProjectSource } from '../render/job.js';
import { parseShard } from '../render/shard.js';
import { mediaProject, withLyrics } from '../project/auto.js';
import { readSceneFile } from '../project/load.js';
import { audioProject } from '../project/from-audio.js';
import { addProjectFlags, LYRICS_MODES, parseNumber, parseSettings, projectSource, type ProjectFlags } from './shared.js';

interface RenderFlags extends ProjectFlags {
  output: string;
  audio?: string;
  video?: string;
  image?: string;
  lyrics?: string;
  lyricsMode?: string;
  narration?: string[];
  duration?: string;
  format?: string;
  crf?: string;
  preset?: string;
  frames?: string;
  clip?: string[];
  skipRender?: boolean;
  keepIntermediates?: boolean;
  quiet?: boolean;
  ffmpeg?: string;
  shard?: string;
}

function parseFrames(text: string): [number, number] {
  const m = /^(\d+)-(\d+)$/.exec(text.trim());
  if (!m || Number(m[2]) < Number(m[1])) throw usageError(`Invalid --frames "${text}": expected A-B with A <= B, e.g. 0-47`);
  return [Number(m[1]), Number(m[2]) + 1];
}

/**
 * `--narration FILE[@SECONDS]`. A value that is an existing file is that file (a name may contain "@"); otherwise it
 * splits at the last "@": the left part is the file, the right the time, any non-negative number Number() reads.
 */
export function parseNarration(spec: string): { file: string; atS?: number } {
  if (existsSync(spec)) return { file: path.resolve(spec) };
  const at = spec.lastIndexOf('@');
  if (at < 0) throw usageError(`Narration file ${spec} does not exist`);
  const file = spec.slice(0, at);
  const timeText = spec.slice(at + 1);
  const atS = timeText.trim() === '' ? NaN : Number(timeText);
  const timeOk = Number.isFinite(atS) && atS >= 0;
  if (!file || !existsSync(file)) throw usageError(`Narration file ${timeOk && file ? file : spec} does not exist`);
  if (!timeOk) throw usageError(`Invalid --narration time "${timeText}": expected seconds ≥ 0, e.g. voice.wav@12.5`);
  return { file: path.resolve(file), atS };
}

/** Turns the flags into renderVideo options; every value is checked before anything heavy starts. */
export async function renderOptionsFromFlags(flags: RenderFlags, signal: AbortSignal, io: Io): Promise<RenderOptions & { tempAudio?: string }> {
  const shard = flags.shard !== undefined ? parseShard(flags.shard) : undefined;
  const settings = parseSettings(flags);
  // Every shard must plan the same video wherever it runs; auto picks from the machine (see renderVideo's shard).
  if (shard && settings.quality === 'auto') settings.quality = 'production';
  const format = (flags.format ?? undefined) as OutputFormat | undefined;
  if (format && !OUTPUT_FORMATS.includes(format)) throw usageError(`Unknown --format "${flags.format}"`, `use one of ${OUTPUT_FORMATS.join(', ')}`);
  if (flags.preset && !(X264_PRESETS as readonly string[]).includes(flags.preset)) throw usageError(`Unknown --preset "${flags.preset}"`, `use one of ${X264_PRESETS.join(', ')}`);
  const outAbs = path.resolve(flags.output);
  const dir = path.dirname(outAbs);
  if (shard && existsSync(outAbs) && !statSync(outAbs).isDirectory()) throw usageError(`-o ${flags.output} is a file; --shard writes a folder of segments and a manifest`, 'pass a folder, e.g. -o shards/');
  if (shard && !existsSync(outAbs) && /\.(mp4|webm|gif|mov|mkv|png)$/i.test(outAbs)) throw usageError(`-o ${flags.output} looks like a video file; --shard writes a folder of segments and a manifest`, 'pass a folder, e.g. -o shards/, and name the video in glyphreel join');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw usageError(`Output folder ${dir} does not exist`, 'create it first or pick another -o path');
  for (const [flag, file] of [['--audio', flags.audio], ['--video', flags.video], ['--image', flags.image], ['--lyrics', flags.lyrics]] as const) {
    // An --image pattern (shots/*.jpg) is expanded: it names its own problems (no match, no such folder).
    if (flag === '--image' && file && isGlob(file)) expandSequence(file);
    else if (file && !existsSync(file)) throw usageError(`${flag === '--audio' ? 'Audio' : flag === '--video' ? 'Video' : flag === '--image' ? 'Image' : 'Lyrics'} file ${file} does not exist`);
  }
  if (flags.video && flags.image) throw usageError('Give either --video or --image, not both');
  const narration = (flags.narration ?? []).map(parseNarration);
  if (flags.lyricsMode !== undefined && !flags.lyrics) throw usageError('--lyrics-mode needs --lyrics FILE', 'e.g. --lyrics song.srt --lyrics-mode fade');
  // Rendering over an input would replace the user's source with the render (atomically, but still gone).
  const inputs: Array<readonly [string, string | undefined]> = [['--audio', flags.audio], ['--video', flags.video], ['--image', flags.image], ['--lyrics', flags.lyrics], ['--scenes', flags.scenes], ...narration.map((n) => ['--narration', n.file] as const)];
  // The same file by any spelling: a symlink or hard link to the source once let a render replace it.
  const imageFiles = flags.image && isGlob(flags.image) ? expandSequence(flags.image) : [];
  for (const [flag, file] of [...inputs, ...imageFiles.map((f) => ['--image', f] as const)]) {
    if (file && sameFile(file, outAbs)) throw usageError(`-o ${flags.output} is the ${flag} input; rendering would replace it`, 'write the video to another file');
  }
  // The output's format and whether it may be replaced, before any audio is made or analysed (renderVideo checks again).
  if (!shard) checkOutputTarget(outAbs, { directory: (format ?? formatFromPath(flags.output)) === 'png' });
  // --format wins over the name (asked for), but a name that says another format misleads every player.
  if (format && !shard) {
    let named: string | null = null;
    try {
      named = formatFromPath(flags.output);
    } catch {
      named = null; // an extension glyphreel does not write: the user chose the name knowingly
    }
    if (named && named !== format) io.err(`warning: --format ${format} writes ${format === 'png' ? 'a png sequence' : format.toUpperCase()} into ${flags.output}, whose name says ${named}`);
  }
  const media = flags.video || flags.image;
  if (media && (flags.scenes || flags.demo)) throw usageError(`--${flags.video ? 'video' : 'image'} builds its own project; do not combine it with --scenes or --demo`, 'add a video or image layer to the scene file instead');
  const durationS = parseNumber(flags.duration, '--duration', 0.1, 86400);
  // The other inputs set the length themselves: a --duration there was once ignored without a word.
  if (durationS !== undefined && (!flags.image || flags.audio)) {
    throw usageError(
      `--duration sets how long an --image is shown without --audio; ${flags.image ? 'with --audio the video lasts as long as the song' : flags.video ? 'a --video lasts as long as the clip' : 'the scenes or the soundtrack set the length here'}`,
      flags.image ? 'drop --duration, or trim the song' : 'drop --duration (render part of the timeline with --frames A-B)',
    );
  }
  let source: ProjectSource;
  if (media) {
    const ffmpeg = await findFfmpeg({ ffmpegPath: flags.ffmpeg });
    source = {
      raw: await mediaProject({ ffmpeg, ...(flags.video ? { video: path.resolve(flags.video) } : { image: path.resolve(flags.image!) }), ...(flags.audio ? { audio: path.resolve(flags.audio) } : {}), ...(durationS ? { durationS } : {}) }),
      label: path.basename(media),
    };
  } else if (flags.audio && !flags.scenes && !flags.demo) {
    source = {
      raw: await audioProject({ audio: flags.audio, ...(settings.seed !== undefined ? { seed: settings.seed } : {}), quality: settings.quality, ...(settings.aspect ? { aspect: settings.aspect } : {}), ...(flags.resolution ? { resolution: flags.resolution } : {}), workers: settings.workers, ...(settings.fps ? { fps: settings.fps } : {}), plugins: flags.plugin ?? [], ...(flags.ffmpeg ? { ffmpegPath: flags.ffmpeg } : {}), signal }),
      label: `plan for ${path.basename(flags.audio)}`,
    };
  } else {
    source = projectSource(flags);
  }
  if (flags.lyrics) {
    const raw = 'file' in source ? await readSceneFile(source.file) : source.raw;
    source = { raw: withLyrics(raw as Record<string, unknown>, path.resolve(flags.lyrics), flags.lyricsMode ?? 'typewriter'), label: 'file' in source ? source.file : source.label };
  }
  const opts: RenderOptions & { tempAudio?: string } = {
    output: flags.output,
    source,
    ...(format ? { format } : {}),
    plugins: flags.plugin ?? [],
    quality: settings.quality,
    ...(settings.aspect ? { aspect: settings.aspect } : {}),
    ...(settings.resolution ? { resolution: settings.resolution } : {}),
    ...(settings.fps ? { fps: settings.fps } : {}),
    workers: settings.workers,
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
    ...(flags.crf !== undefined ? { crf: parseNumber(flags.crf, '--crf', 0, 63, true)! } : {}),
    ...(flags.preset ? { preset: flags.preset as X264Preset } : {}),
    ...(flags.frames ? { frames: parseFrames(flags.frames) } : {}),
    ...(flags.clip ? { clips: flags.clip } : {}),
    skipRender: flags.skipRender === true,
    keepIntermediates: flags.keepIntermediates === true,
    ...(flags.audio ? { audio: path.resolve(flags.audio) } : {}),
    ...(flags.ffmpeg ? { ffmpegPath: flags.ffmpeg } : {}),
    ...(flags.video ? { videoFeaturesFrom: path.resolve(flags.video) } : {}),
    ...(narration.length ? { narration } : {}),
    ...(shard ? { shard } : {}),
    signal,
    onLog: (l) => (flags.quiet ? undefined : io.err(l)),
  };
  if (flags.demo && !flags.audio && format !== 'gif' && format !== 'png' && !flags.output.endsWith('.gif') && !opts.frames) {
    // The demo brings its own soundtrack: a 120 BPM track synthesized with ffmpeg, beat-aligned with the features.
    const ffmpeg = await findFfmpeg({ ffmpegPath: flags.ffmpeg });
    const durationS = (demoProject().scenes as Array<{ end: number }>).at(-1)!.end;
    const wav = path.join(dir, `.${path.basename(outAbs)}.glyphreel-demo-${process.pid}.wav`);
    await synthesizeAudio(wav, { ffmpeg, durationS, bpm: DEMO_BPM, signal });
    opts.audio = wav;
    opts.tempAudio = wav;
  }
  return opts;
}

export function renderCommand(io: Io): Command {
  const cmd = new Command('render').description('Render a project to a video (mp4, webm, gif or a png sequence)');
  addProjectFlags(cmd)
    .requiredOption('-o, --output <file>', 'output file (or folder for --format png)')
    .option('--audio <file>', 'soundtrack: muxed in, and its analysis drives the audio-reactive effects')
    .option('--video <file>', 'convert a video to glyphs (keeps its audio unless --audio is given)')
    .option('--image <file>', 'an image (or a pattern like shots/*.jpg) with a slow Ken Burns move')
    .option('--duration <seconds>', 'how long an --image without --audio is shown (default 10)')
    .option('--lyrics <file>', 'timed lyrics (.srt or .lrc) over every scene')
    .option('--narration <file[@seconds]>', 'a voice clip mixed over the soundtrack, at a time or placed automatically; repeatable', (v: string, prev: string[] = []) => [...prev, v])
    .addOption(new Option('--lyrics-mode <mode>', 'how lyrics appear (with --lyrics; default typewriter)').choices(LYRICS_MODES))
    .addOption(new Option('--format <format>', 'output format (default: from the extension)').choices(OUTPUT_FORMATS))
    .option('--crf <n>', 'x264/VP9 quality (lower is better; default from the profile)')
    .addOption(new Option('--preset <preset>', 'x264 speed preset (default from the profile)').choices(X264_PRESETS))
    .option('--frames <A-B>', 'render only frames A to B (inclusive) of the timeline, without audio')
    .option('--clip <ids...>', 're-render only these scenes (ids from `glyphreel list`), reusing the others')
    .option('--skip-render', 're-join the kept segments without rendering')
    .option('--keep-intermediates', 'keep segments and logs beside the output (also KEEP_INTERMEDIATES=1)')
    .option('--ffmpeg <path>', 'ffmpeg binary (default: GLYPHREEL_FFMPEG, PATH, then the bundled one)')
    .option('--shard <i/n>', 'render only slice i of n (for several machines): -o is then a folder of segments and a manifest, put together by `glyphreel join`')
    .option('--quiet', 'no progress output')
    .action(async (_scenes: string | undefined, flags: RenderFlags) => {
      const controller = new AbortController();
      // A persistent listener, not `once`: the first Ctrl-C cancels (workers and ffmpeg stop, temporaries go); a second
      // one exits at once ('exit' hooks still remove temporaries).
      let signals = 0;
      const stop = () => {
        signals += 1;
        if (signals === 1) controller.abort();
        else process.exit(130);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      const printer = progressPrinter(process.stderr, { quiet: flags.quiet });
      let opts: (RenderOptions & { tempAudio?: string }) | undefined;
      try {
        opts = await renderOptionsFromFlags({ ...flags, keepIntermediates: flags.keepIntermediates || process.env.KEEP_INTERMEDIATES === '1' }, controller.signal, io);
        // Log lines go above the progress line on a terminal instead of being written over it.
        const onLog = opts.onLog;
        const result = await renderVideo({ ...opts, onProgress: printer.update, ...(onLog ? { onLog: (l: string) => printer.around(() => onLog(l)) } : {}) });
        printer.end();
        report(result, io, opts.shard);
      } catch (e) {
        throw await asCancelled(e, controller.signal);
      } finally {
        printer.end();
        process.removeListener('SIGINT', stop);
        process.removeListener('SIGTERM', stop);
        if (opts?.tempAudio) await rm(opts.tempAudio, { force: true });
      }
    });
  return cmd;
}

function report(r: RenderResult, io: Io, shard?: { index: number; count: number }): void {
  const secs = (r.wallMs / 1000).toFixed(1);
  if (shard) {
    const dir = path.dirname(r.output!);
    io.out(`Wrote shard ${shard.index} of ${shard.count} to ${dir} (${r.frames} frames, ${r.width}x${r.height} @${r.fps}fps) in ${secs} s`);
    io.out(`When every shard is in that folder: glyphreel join ${JSON.stringify(dir)} -o OUTPUT.${r.format}`);
  } else {
    io.out(`Wrote ${r.output} (${r.frames} frames, ${r.width}x${r.height} @${r.fps}fps) in ${secs} s`);
  }
  for (const w of r.warnings) io.err(`warning: ${w}`);
}

