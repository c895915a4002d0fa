import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import type { Io } from '../cli-errors.js';
import { projectJsonSchema } from '../project/schema.js';
import { buildRegistry } from '../runtime/plugins.js';

export function schemaCommand(io: Io): Command {
  return new Command('schema')
    .description('Print (or write) the JSON Schema of scene files for the registered effects, shaders and plugins')
    .option('--plugin <module>', 'include this plugin; repeatable', (v: string, prev: string[] = []) => [...prev, v])
    .option('-o, --output <file>', 'write it to a file instead of printing it')
    .action(async (flags: { plugin?: string[]; output?: string }) => {
      const text = `${JSON.stringify(projectJsonSchema(await buildRegistry(flags.plugin ?? [])), null, 2)}\n`;
      if (flags.output) await writeFile(flags.output, text);
      else io.out(text.trimEnd());
    });
}
