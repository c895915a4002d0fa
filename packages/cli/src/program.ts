import { Command, CommanderError } from 'commander';
import { benchCommand } from './commands/bench.js';
import { frameCommand } from './commands/frame.js';
import { infoCommand } from './commands/info.js';
import { listCommand } from './commands/list.js';
import { pluginsCommand } from './commands/plugins.js';
import { renderCommand } from './commands/render.js';
import { schemaCommand } from './commands/schema.js';
import { syncCheckCommand } from './commands/sync-check.js';
import { processIo, reportError, type Io } from './cli-errors.js';

export const VERSION = '0.1.0';

/** The glyphreel command tree. `io` is injectable so tests can run commands in-process. */
export function buildProgram(io: Io = processIo): Command {
  const program = new Command('glyphreel')
    .description('Render coloured character-art video: generative, audio-reactive, from video or images')
    .version(VERSION)
    .option('--verbose', 'show stack traces on errors')
    .configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: (s) => io.err(s.replace(/\n$/, '')) });
  program.addCommand(renderCommand(io));
  program.addCommand(frameCommand(io));
  program.addCommand(listCommand(io));
  program.addCommand(pluginsCommand(io));
  program.addCommand(infoCommand(io));
  program.addCommand(benchCommand(io));
  program.addCommand(syncCheckCommand(io));
  program.addCommand(schemaCommand(io));
  program.commands.forEach((c) => c.configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: (s) => io.err(s.replace(/\n$/, '')) }));
  return program;
}

/** Runs the CLI and returns the exit code (never calls process.exit itself). */
export async function runCli(argv: readonly string[], io: Io = processIo): Promise<number> {
  const program = buildProgram(io);
  program.exitOverride();
  program.commands.forEach((c) => c.exitOverride());
  const verbose = argv.includes('--verbose');
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here with exit code 0; commander's own usage errors become exit 2.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    return reportError(e, io, verbose);
  }
}
