import { closest } from '@glyphreel/core';
import { Command, CommanderError } from 'commander';
import { processIo, reportError, type Io } from './cli-errors.js';

import { VERSION } from './version.js';

export { VERSION };

/**
 * Every command, with a loader: only the command being run is imported (fonts, canvas, ffmpeg discovery, the worker
 * pool are not loaded for `glyphreel info` or `--version`). The others are registered as name + summary so the root
 * help and "unknown command" still know them.
 */
const COMMANDS: ReadonlyArray<{ name: string; summary: string; load: (io: Io) => Promise<Command> }> = [
  { name: 'render', summary: 'Render a project to a video (mp4, webm, gif or a png sequence)', load: async (io) => (await import('./commands/render.js')).renderCommand(io) },
  { name: 'join', summary: 'Join the shards rendered with --shard i/n into one video', load: async (io) => (await import('./commands/join.js')).joinCommand(io) },
  { name: 'frame', summary: 'Render one test frame to a PNG and print its mean brightness', load: async (io) => (await import('./commands/frame.js')).frameCommand(io) },
  { name: 'list', summary: 'Print the planned scenes and work units (what --clip selects)', load: async (io) => (await import('./commands/list.js')).listCommand(io) },
  { name: 'plugins', summary: 'List the registered effects, hues, shaders, blends, palettes, masks, transitions and scenes', load: async (io) => (await import('./commands/plugins.js')).pluginsCommand(io) },
  { name: 'info', summary: 'Show the detected hardware, ffmpeg and the render settings that would be chosen', load: async (io) => (await import('./commands/info.js')).infoCommand(io) },
  { name: 'bench', summary: 'Measure render, encode and end-to-end speed (JSON lines)', load: async (io) => (await import('./commands/bench.js')).benchCommand(io) },
  { name: 'sync-check', summary: 'Measure audio/video sync: audio beats vs brightness jumps in the video', load: async (io) => (await import('./commands/sync-check.js')).syncCheckCommand(io) },
  { name: 'schema', summary: 'Print (or write) the JSON Schema of scene files for the registered effects, shaders and plugins', load: async (io) => (await import('./commands/schema.js')).schemaCommand(io) },
];

/** The command a command line asks for: its first argument that is not an option. */
function requested(argv: readonly string[]): string | undefined {
  return argv.find((a) => !a.startsWith('-'));
}

/**
 * The glyphreel command tree for a command line (all commands loaded when `argv` is not given). `io` is injectable so
 * tests can run commands in-process.
 */
export async function buildProgram(io: Io = processIo, argv?: readonly string[]): Promise<Command> {
  const out = { writeOut: (s: string) => io.out(s.replace(/\n$/, '')), writeErr: (s: string) => io.err(s.replace(/\n$/, '')) };
  // commander's own usage errors ("error: required option '-o, --output <file>' not specified") in the form of every
  // other error: one line, prefixed, with where to look.
  const usage = (command: string) => ({
    ...out,
    outputError: (s: string, write: (s: string) => void) => write(`glyphreel: ${s.trim().replace(/^error: /, '')} (see: glyphreel ${command}--help)`),
  });
  const program = new Command('glyphreel')
    .description('Render coloured character-art video: generative, audio-reactive, from video or images')
    .version(VERSION)
    .option('--verbose', 'show stack traces on errors')
    .configureOutput(usage(''));
  const wanted = argv ? requested(argv) : undefined;
  const known = COMMANDS.some((c) => c.name === wanted);
  // Load every command for the root help and `help <command>`; only the requested one when it is known; none for
  // --version or an unknown command.
  const loadAll = argv === undefined || wanted === 'help' || (wanted === undefined && !argv.some((a) => a === '-V' || a === '--version'));
  for (const c of COMMANDS) {
    const cmd = loadAll || (known && c.name === wanted) ? await c.load(io) : new Command(c.name);
    // showGlobalOptions: a command's --help also lists the program's own options (--verbose), which work after it.
    cmd.description(c.summary).configureOutput(usage(`${c.name} `)).configureHelp({ ...cmd.configureHelp(), showGlobalOptions: true });
    program.addCommand(cmd);
  }
  return program;
}

/** Runs the CLI and returns the exit code (never calls process.exit itself). */
export async function runCli(argv: readonly string[], io: Io = processIo): Promise<number> {
  const verbose = argv.includes('--verbose');
  const wanted = requested(argv);
  if (wanted !== undefined && wanted !== 'help' && !COMMANDS.some((c) => c.name === wanted)) {
    const names = COMMANDS.map((c) => c.name);
    const guess = closest(wanted, names);
    io.err(`glyphreel: unknown command "${wanted}" (${guess ? `did you mean ${guess}?` : `commands: ${names.join(', ')}`})`);
    return 2;
  }
  try {
    const program = await buildProgram(io, argv);
    program.exitOverride();
    program.commands.forEach((c) => c.exitOverride());
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
