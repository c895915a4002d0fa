import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { atomicOutput } from '@glyphreel/encode';
import { Command } from 'commander';
import { usageError, type Io } from '../cli-errors.js';
import { projectJsonSchema } from '../project/schema.js';
import { buildRegistry } from '../runtime/plugins.js';

const TITLE = 'glyphreel scene file';

/** An earlier `glyphreel schema -o` file may be replaced; anything else (a scene file, say) is the user's. */
function isOurSchema(file: string): boolean {
  try {
    const j = JSON.parse(readFileSync(file, 'utf8')) as { title?: unknown; $schema?: unknown };
    return j.title === TITLE && typeof j.$schema === 'string';
  } catch {
    return false;
  }
}

export function schemaCommand(io: Io): Command {
  return new Command('schema')
    .description('Print (or write) the JSON Schema of scene files for the registered effects, shaders and plugins')
    .option('--plugin <module>', 'include this plugin; repeatable', (v: string, prev: string[] = []) => [...prev, v])
    .option('-o, --output <file>', 'write it to a file instead of printing it (replaces only an earlier schema)')
    .action(async (flags: { plugin?: string[]; output?: string }) => {
      // `glyphreel schema -o scenes.json` once replaced the user's scene file with the schema.
      if (flags.output && existsSync(flags.output) && !isOurSchema(flags.output)) {
        throw usageError(`-o ${flags.output} exists and is not a glyphreel schema; writing would replace it`, 'write the schema to a new file, e.g. -o scenes.schema.json');
      }
      const schema = projectJsonSchema(await buildRegistry(flags.plugin ?? []));
      const text = `${JSON.stringify(schema, null, 2)}\n`;
      if (!flags.output) return io.out(text.trimEnd());
      const out = await atomicOutput(flags.output);
      await out.write(() => writeFile(out.tempPath, text));
    });
}
