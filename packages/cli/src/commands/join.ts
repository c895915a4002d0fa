import { existsSync } from 'node:fs';
import { OUTPUT_FORMATS, type OutputFormat } from '@glyphreel/encode';
import { Command, Option } from 'commander';
import { asCancelled, usageError, type Io } from '../cli-errors.js';
import { joinShards } from '../render/join.js';

interface JoinFlags {
  output: string;
  format?: string;
  audio?: string | false;
  ffmpeg?: string;
  quiet?: boolean;
}

export function joinCommand(io: Io): Command {
  return new Command('join')
    .description('Join the shards rendered with --shard i/n into one video')
    .argument('<dir>', 'the folder every shard was rendered into')
    .requiredOption('-o, --output <file>', 'output video (.mp4, .webm or .gif)')
    .addOption(new Option('--format <format>', 'output format (default: from the extension)').choices(OUTPUT_FORMATS.filter((f) => f !== 'png')))
    .option('--audio <file>', 'soundtrack to mux instead of the one the shards stored')
    .option('--no-audio', 'a silent video, even if the shards stored a soundtrack')
    .option('--ffmpeg <path>', 'ffmpeg binary (default: GLYPHREEL_FFMPEG, PATH, then the bundled one)')
    .option('--quiet', 'no progress output')
    .action(async (dir: string, flags: JoinFlags) => {
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      try {
        if (typeof flags.audio === 'string' && !existsSync(flags.audio)) throw usageError(`Audio file ${flags.audio} does not exist`);
        const r = await joinShards({
          dir,
          output: flags.output,
          ...(flags.format ? { format: flags.format as OutputFormat } : {}),
          // commander: --no-audio sets false; without either flag the value is true (keep the shards' soundtrack).
          ...(flags.audio === false || typeof flags.audio === 'string' ? { audio: flags.audio } : {}),
          ...(flags.ffmpeg ? { ffmpegPath: flags.ffmpeg } : {}),
          signal: controller.signal,
          onLog: (l) => (flags.quiet ? undefined : io.err(l)),
        });
        io.out(`Wrote ${r.output} (${r.frames} frames from ${r.shards} shard${r.shards > 1 ? 's' : ''}, ${r.width}x${r.height} @${r.fps}fps) in ${(r.wallMs / 1000).toFixed(1)} s`);
        for (const w of r.warnings) io.err(`warning: ${w}`);
      } catch (e) {
        throw await asCancelled(e, controller.signal, 'Join cancelled');
      } finally {
        process.removeListener('SIGINT', stop);
        process.removeListener('SIGTERM', stop);
      }
    });
}
