import { existsSync } from 'node:fs';
import { GlyphreelError } from '@glyphreel/core';
import { findFfmpeg, probe } from '@glyphreel/encode';
import { syncCheck, SYNC_MIN_MATCHED_SHARE, SYNC_TARGET_MAX_MS, SYNC_TARGET_MEAN_MS } from '@glyphreel/inputs';
import { Command } from 'commander';
import { usageError, type Io } from '../cli-errors.js';
import { parseNumber } from './shared.js';

interface SyncFlags {
  audio?: string;
  fps?: string;
  jump?: string;
  json?: boolean;
}

/**
 * `glyphreel sync-check OUT.mp4 --audio F`: audio beat times (from the analysis) against visual brightness jumps in
 * the video (catalog 5.1). Exits 1 when the drift misses the reference's targets (mean < 20 ms, max < 42 ms).
 */
export function syncCheckCommand(io: Io): Command {
  return new Command('sync-check')
    .description('Measure audio/video sync: audio beats vs brightness jumps in the video')
    .argument('<video>', 'rendered video')
    .option('--audio <file>', 'the soundtrack (default: the video\'s own audio track)')
    .option('--fps <n>', 'analysis rate (default: the video\'s frame rate)')
    .option('--jump <n>', 'brightness rise that counts as a visual beat', '30')
    .option('--json', 'machine-readable output')
    .action(async (video: string, flags: SyncFlags) => {
      if (!existsSync(video)) throw usageError(`Video file ${video} does not exist`);
      if (flags.audio && !existsSync(flags.audio)) throw usageError(`Audio file ${flags.audio} does not exist`);
      const ffmpeg = await findFfmpeg();
      const info = await probe(video, { ffmpeg: ffmpeg.path });
      // An audio-only file probes as a video of 0 fps: say what it is before the analysis trips over it.
      if (info.codec === '') throw usageError(`${video} has no video stream (pass a rendered video)`, 'e.g. glyphreel sync-check out.mp4 --audio song.wav');
      const fps = parseNumber(flags.fps, '--fps', 1, 240) ?? info.fps;
      if (!flags.audio && !info.hasAudio) throw usageError(`${video} has no audio track`, 'pass the soundtrack with --audio');
      const r = await syncCheck(video, flags.audio ?? video, { ffmpegPath: ffmpeg.path, fps, brightnessJump: parseNumber(flags.jump, '--jump', 1, 255)! });
      if (flags.json) {
        io.out(JSON.stringify({ ...r, pairs: undefined, fps }, null, 2));
      } else {
        const ms = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)} ms`);
        io.out(`Beats: ${r.audioBeatsS.length} in the audio, ${r.visualBeatsS.length} brightness jumps in the video, ${r.matched} matched (±${r.toleranceMs} ms)`);
        io.out(`Drift: mean ${ms(r.meanDriftMs)}, max ${ms(r.maxDriftMs)}, p95 ${ms(r.p95DriftMs)}, mean signed ${ms(r.meanSignedDriftMs)} (targets: mean < ${SYNC_TARGET_MEAN_MS} ms, max < ${SYNC_TARGET_MAX_MS} ms)`);
      }
      if (!r.withinTargets) {
        const few = r.matched > 0 && r.matchedShare < SYNC_MIN_MATCHED_SHARE;
        const what =
          r.matched === 0
            ? 'No audio beat matched a visual beat'
            : few
              ? `Only ${r.matched} of ${r.audioBeatsS.length} audio beats matched a brightness jump (at least half must)`
              : `Sync drift misses the targets (mean ${r.meanDriftMs?.toFixed(1)} ms, max ${r.maxDriftMs?.toFixed(1)} ms)`;
        throw new GlyphreelError('E_RENDER', what, {
          hint: r.matched === 0 || few ? 'lower --jump when the picture reacts to beats gently, and check that the scene reacts visibly to beats' : 'check the beat threshold and that the scene reacts visibly to beats',
        });
      }
    });
}
