import path from 'node:path';
import { GlyphreelError } from '@glyphreel/core';
import { brightnessTimestamps, concatSegments, createWorkDir, findFfmpeg, formatFromPath, gifFromVideo, sameFile, verifyBrightness, type OutputFormat } from '@glyphreel/encode';
import { manifestName, planJoin } from './shard.js';

/** `join -o` naming a segment, a manifest or the soundtrack would replace an input with the joined video. */
function refuseInputAsOutput(output: string, inputs: readonly string[]): void {
  const hit = inputs.find((f) => sameFile(output, f));
  if (hit) {
    throw new GlyphreelError('E_USAGE', `-o ${output} is one of the shards' own files (${path.basename(hit)}); join would write over it`, { hint: 'write the joined video to a new file, e.g. -o joined.mp4' });
  }
}

export interface JoinOptions {
  /** The folder the shards were rendered into (`render --shard i/n -o DIR`). */
  dir: string;
  output: string;
  /** Default: from the output's extension. mp4 and webm take the segments as they are; gif is made from them. */
  format?: OutputFormat;
  /** A soundtrack instead of the one the shards stored; false for none. */
  audio?: string | false;
  ffmpegPath?: string;
  signal?: AbortSignal;
  onLog?: (line: string) => void;
}

export interface JoinResult {
  output: string;
  frames: number;
  width: number;
  height: number;
  fps: number;
  shards: number;
  warnings: string[];
  wallMs: number;
}

/**
 * `glyphreel join`: checks that the shards in a folder make one whole render (planJoin), joins their segments in
 * timeline order with the concat demuxer (no re-encode) and muxes the soundtrack, into a temporary file beside the
 * output that replaces it only when complete; then spot-checks the brightness of the result as a render does.
 */
export async function joinShards(o: JoinOptions): Promise<JoinResult> {
  const started = performance.now();
  const format = o.format ?? formatFromPath(o.output);
  const found = findFfmpeg({ ffmpegPath: o.ffmpegPath });
  found.catch(() => undefined);
  const plan = await planJoin(o.dir, o.audio !== undefined ? { audio: o.audio } : {});
  const { settings } = plan;
  refuseInputAsOutput(o.output, [...plan.segments.map((s) => s.path), ...plan.manifests.map((m) => path.join(path.resolve(o.dir), manifestName(m.shard))), ...(plan.audio ? [plan.audio] : [])]);
  if (format === 'png') throw new GlyphreelError('E_USAGE', 'join makes a video (mp4, webm or gif), not a png sequence', { hint: 'render png frames with --format png (split with --frames A-B)' });
  if ((format === 'mp4' || format === 'webm') && format !== settings.codec) {
    throw new GlyphreelError('E_USAGE', `The shards hold ${settings.codec} segments; they cannot be joined into a ${format} without re-encoding`, { hint: `write a .${settings.codec}, or render the shards with --format ${format}` });
  }
  const ffmpeg = await found;
  const log = o.onLog ?? (() => undefined);
  log(`Joining ${plan.segments.length} segments of ${plan.manifests.length} shard${plan.manifests.length > 1 ? 's' : ''}: ${plan.totalFrames} frames, ${settings.width}x${settings.height} @${settings.fps}fps${plan.audio ? `, audio ${path.basename(plan.audio)}` : ''}`);
  const signal = o.signal ? { signal: o.signal } : {};
  const warnings: string[] = [];
  if (format === 'gif') {
    const work = await createWorkDir({ besideOutput: o.output });
    try {
      const joined = work.file('joined.mp4');
      await concatSegments({ ffmpeg, segments: plan.segments, output: joined, fps: settings.fps, faststart: false, ...signal });
      await gifFromVideo({ ffmpeg, input: joined, output: o.output, fps: settings.fps, workDir: work.path, ...signal });
    } finally {
      await work.abort();
    }
  } else {
    await concatSegments({ ffmpeg, segments: plan.segments, output: o.output, format, fps: settings.fps, ...(plan.audio ? { audio: plan.audio } : {}), ...signal });
    const report = await verifyBrightness(o.output, brightnessTimestamps(plan.totalFrames / settings.fps, settings.fps), { ffmpeg: ffmpeg.path });
    warnings.push(...report.warnings);
  }
  return {
    output: path.resolve(o.output),
    frames: plan.totalFrames,
    width: settings.width,
    height: settings.height,
    fps: settings.fps,
    shards: plan.manifests.length,
    warnings,
    wallMs: performance.now() - started,
  };
}
