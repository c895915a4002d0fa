import {
  detectHardware,
  estimateRenderSeconds,
  hardwareLine,
  parseAspect,
  parseResolution,
  parseWorkers,
  QUALITY_PREFERENCES,
  renderLine,
  resolveRenderSettings,
  SEED_SECONDS_PER_FRAME,
  type HardwareInfo,
  type QualityPreference,
  type QualityProfile,
} from '@glyphreel/hardware';
import { describeFfmpeg, findFfmpeg, type FfmpegInfo } from '@glyphreel/encode';
import { isGlyphreelError } from '@glyphreel/core';
import { Command, Option } from 'commander';
import type { Io } from '../cli-errors.js';
import { usageError } from '../cli-errors.js';

export interface InfoOptions {
  quality: string;
  aspect?: string;
  resolution?: string;
  workers: string;
  duration: string;
  json?: boolean;
}

export interface InfoReport {
  hardware: HardwareInfo;
  /** The ffmpeg renders would use, or why none was found (info reports it; it never fails on it). */
  ffmpeg: FfmpegInfo | { error: string };
  profile: QualityProfile;
  durationS: number;
  frames: number;
  estimateS: number;
  lines: string[];
}

export function parseDuration(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw usageError(`Invalid --duration "${text}": expected seconds >= 0`, 'e.g. --duration 180');
  }
  return n;
}

/** Builds the info report: detected hardware, the chosen profile under the seed's precedence, an estimate. */
export async function infoReport(opts: InfoOptions, hardware?: HardwareInfo): Promise<InfoReport> {
  if (!(QUALITY_PREFERENCES as string[]).includes(opts.quality)) {
    throw usageError(`Unknown --quality "${opts.quality}"`, `use one of ${QUALITY_PREFERENCES.join(', ')}`);
  }
  // Parse every flag before the (slower) hardware probe so bad input fails fast.
  const durationS = parseDuration(opts.duration);
  const workers = parseWorkers(opts.workers);
  const aspect = opts.aspect === undefined ? undefined : parseAspect(opts.aspect);
  const resolution = opts.resolution === undefined ? undefined : parseResolution(opts.resolution);
  const hw = hardware ?? (await detectHardware());
  const profile = resolveRenderSettings(hw, { quality: opts.quality as QualityPreference, aspect, resolution, workers, durationS });
  const frames = Math.round(durationS * profile.fps);
  const estimateS = estimateRenderSeconds({
    frames,
    secondsPerFrame: SEED_SECONDS_PER_FRAME,
    workers: profile.workers,
    width: profile.width,
    height: profile.height,
  });
  const ffmpeg = await findFfmpeg().catch((e: unknown) => ({ error: isGlyphreelError(e) ? e.toLine() : String(e) }));
  return { hardware: hw, ffmpeg, profile, durationS, frames, estimateS, lines: [hardwareLine(hw), renderLine(profile)] };
}

export function infoCommand(io: Io): Command {
  return new Command('info')
    .description('Show the detected hardware and the render settings that would be chosen')
    .addOption(new Option('-q, --quality <quality>', 'quality preset').choices(QUALITY_PREFERENCES).default('auto'))
    .option('--aspect <preset>', 'aspect preset: landscape, portrait, square, ultrawide, landscape4k, portrait4k')
    .option('--resolution <WxH>', 'explicit frame size, e.g. 1280x720 (wins over --aspect)')
    .option('-w, --workers <n>', 'worker count (0 = from the hardware)', '0')
    .option('-d, --duration <seconds>', 'video length used for the auto profile and the estimate', '60')
    .option('--json', 'print a machine-readable JSON object')
    .action(async (opts: InfoOptions) => {
      const report = await infoReport(opts);
      if (opts.json) {
        io.out(JSON.stringify({ ...report, lines: undefined }, null, 2));
        return;
      }
      for (const line of report.lines) io.out(line);
      io.out(
        `Estimate: ${report.frames} frames, about ${formatDuration(report.estimateS)} at the reference's ` +
          `${SEED_SECONDS_PER_FRAME * 1000} ms per 1080p frame per worker (${report.profile.tier} profile, x264 ${report.profile.x264Preset})`,
      );
      const hw = report.hardware;
      io.out(`CPU: ${hw.cpuModel}, ${hw.physicalCores ?? '?'} physical / ${hw.logicalCores} logical cores, ${hw.arch}`);
      io.out(`GPU: ${hw.gpus.length ? hw.gpus.map((g) => `${g.vendor} ${g.model}`).join('; ') : 'none detected'}`);
      io.out(`FFmpeg: ${'error' in report.ffmpeg ? `not found: ${report.ffmpeg.error}` : describeFfmpeg(report.ffmpeg)}`);
    });
}

export function formatDuration(s: number): string {
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}
