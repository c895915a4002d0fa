import { Command } from 'commander';
import type { Io } from '../cli-errors.js';
import { planRender } from '../render/render.js';
import { shardUnits } from '../render/shard.js';
import { addProjectFlags, parseNumber, parseSettings, songProjectSource, type ProjectFlags } from './shared.js';

interface ListFlags extends ProjectFlags {
  json?: boolean;
  audio?: string;
  shards?: string;
}

export function listCommand(io: Io): Command {
  const cmd = new Command('list').description('Print the planned scenes and work units (what --clip selects)');
  addProjectFlags(cmd)
    .option('--json', 'machine-readable output')
    .option('--audio <file>', 'without --scenes: the plan glyphreel render --audio would make for this song')
    .option('--shards <n>', 'the units as `render --shard i/n` plans them, and which shard draws each')
    .action(async (_scenes: string | undefined, flags: ListFlags) => {
      const shardCount = flags.shards !== undefined ? parseNumber(flags.shards, '--shards', 1, 10000, true)! : undefined;
      const s = parseSettings(flags);
      if (shardCount !== undefined && s.quality === 'auto') s.quality = 'production';
      const source = await songProjectSource(flags, s);
      const { prepared, profile, units } = await planRender({ output: '', source, plugins: flags.plugin ?? [], quality: s.quality, workers: s.workers, ...(shardCount ? { shard: { index: 1, count: shardCount } } : {}), ...(s.aspect ? { aspect: s.aspect } : {}), ...(s.resolution ? { resolution: s.resolution } : {}), ...(s.fps ? { fps: s.fps } : {}) });
      const total = Math.round(prepared.project.durationS * profile.fps);
      const shardOf = new Map<(typeof units)[number], number>();
      for (let index = 1; index <= (shardCount ?? 0); index++) for (const u of shardUnits(units, total, { index, count: shardCount! })) shardOf.set(u, index);
      const scenes = prepared.project.scenes.map((sc) => ({
        id: sc.id,
        name: sc.name,
        start: sc.start,
        end: sc.end,
        grid: sc.grid,
        gamma: sc.gamma,
        layers: sc.scene ? [`scene:${sc.scene.name}`] : sc.layers.map((l) => `${l.effect.name}@${l.grid}${l.blend !== 'lighten' ? `/${l.blend}` : ''}`),
        shaders: sc.shaders.map((x) => x.name),
        feedback: sc.feedback !== null,
        units: units.filter((u) => u.sceneId === sc.id).map((u) => ({ id: u.id, frameStart: u.frameStart, frameEnd: u.frameEnd, ...(shardCount ? { shard: shardOf.get(u)! } : {}) })),
      }));
      if (flags.json) {
        io.out(JSON.stringify({ width: profile.width, height: profile.height, fps: profile.fps, durationS: prepared.project.durationS, scenes }, null, 2));
        return;
      }
      io.out(`${scenes.length} ${scenes.length === 1 ? 'scene' : 'scenes'}, ${seconds(prepared.project.durationS)} s at ${profile.fps} fps (${profile.width}x${profile.height})`);
      // Columns sized to their content: long scene ids or times must not push the rest out of line.
      const rows = scenes.map((sc) => ({ sc, start: seconds(sc.start), end: seconds(sc.end), frames: String(sc.units.reduce((n, u) => n + u.frameEnd - u.frameStart, 0)) }));
      const w = (f: (r: (typeof rows)[number]) => string) => Math.max(...rows.map((r) => f(r).length));
      const idW = w((r) => r.sc.id);
      const startW = w((r) => r.start);
      const endW = w((r) => `${r.end} s`);
      const framesW = w((r) => r.frames);
      const unitW = Math.max(0, ...scenes.flatMap((sc) => sc.units.map((u) => u.id.length)));
      for (const { sc, start, end, frames } of rows) {
        io.out(`${sc.id.padEnd(idW)}  ${start.padStart(startW)}-${`${end} s`.padEnd(endW)}  ${frames.padStart(framesW)} frames  ${sc.layers.join(' + ')}${sc.shaders.length ? `  | ${sc.shaders.join(' → ')}` : ''}${sc.feedback ? '  | feedback' : ''}`);
        if (shardCount) for (const u of sc.units) io.out(`  ${u.id.padEnd(unitW)}  frames ${u.frameStart}-${u.frameEnd - 1}  shard ${u.shard}/${shardCount}`);
      }
    });
  return cmd;
}

/** Seconds for people: at most 3 decimals, trailing zeros trimmed (2.4166666666666665 → "2.417", 12 → "12"). */
export function seconds(x: number): string {
  return String(Number(x.toFixed(3)));
}
