import { existsSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { usageError } from '../cli-errors.js';
import { audioProject } from '../project/from-audio.js';
import type { ProjectSource } from '../render/job.js';
import type { Io } from '../cli-errors.js';
import { planRender } from '../render/render.js';
import { shardUnits } from '../render/shard.js';
import { addProjectFlags, parseNumber, parseSettings, projectSource, type ProjectFlags } from './shared.js';

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
      if (flags.audio && !existsSync(flags.audio)) throw usageError(`Audio file ${flags.audio} does not exist`);
      const source: ProjectSource =
        flags.audio && !flags.scenes && !flags.demo
          ? { raw: await audioProject({ audio: flags.audio, quality: s.quality, workers: s.workers, plugins: flags.plugin ?? [], ...(s.seed !== undefined ? { seed: s.seed } : {}), ...(s.aspect ? { aspect: s.aspect } : {}), ...(s.resolution ? { resolution: s.resolution } : {}), ...(s.fps ? { fps: s.fps } : {}) }), label: `plan for ${path.basename(flags.audio)}` }
          : projectSource(flags);
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
      io.out(`${scenes.length} scenes, ${prepared.project.durationS} s at ${profile.fps} fps (${profile.width}x${profile.height})`);
      for (const sc of scenes) {
        const frames = sc.units.reduce((n, u) => n + u.frameEnd - u.frameStart, 0);
        io.out(`${sc.id.padEnd(24)} ${sc.start.toFixed(2).padStart(7)}-${sc.end.toFixed(2).padEnd(7)} ${String(frames).padStart(5)} frames  ${sc.layers.join(' + ')}${sc.shaders.length ? `  | ${sc.shaders.join(' → ')}` : ''}${sc.feedback ? '  | feedback' : ''}`);
        if (shardCount) for (const u of sc.units) io.out(`  ${u.id.padEnd(26)} frames ${u.frameStart}-${u.frameEnd - 1}  shard ${u.shard}/${shardCount}`);
      }
    });
  return cmd;
}
