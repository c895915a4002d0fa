import path from 'node:path';
import { GlyphreelError, meanBrightness } from '@glyphreel/core';
import { atomicOutput } from '@glyphreel/encode';
import { createSceneRenderer } from '@glyphreel/grid';
import { clearSimdFrame, createSimdFrame } from '@glyphreel/shaders';
import { atFrame } from '../render/unit.js';
import { findFfmpeg } from '@glyphreel/encode';
import { loadFeatures, setMediaFfmpegPath, syntheticFeatureTable } from '@glyphreel/inputs';
import { Command, Option } from 'commander';
import { usageError, type Io } from '../cli-errors.js';
import { planRender } from '../render/render.js';
import { writePng } from '../runtime/png.js';
import { projectChars, SceneRuntime } from '../runtime/scene-runtime.js';
import { IncomingTransition, transitionWindow } from '../render/transition.js';
import { addProjectFlags, LYRICS_MODES, parseSettings, songProjectSource, type SongFlags } from './shared.js';

interface FrameFlags extends SongFlags {
  at: string;
  output: string;
  feedback?: boolean;
}

export interface FrameResult {
  output: string;
  frameIndex: number;
  scene: string;
  meanBrightness: number;
  ms: number;
  warnings: string[];
}

/**
 * One test frame at a time on the timeline: scene → tonemap → shaders (no feedback unless asked, as the reference's
 * test-frame mode), replaying the scene's state from its start so particles and simulations are where they would
 * be in the video. Writes a PNG and reports the mean brightness (the seed's check: > 5 quiet, > 15 active).
 */
export async function renderTestFrame(flags: FrameFlags): Promise<FrameResult> {
  const t0 = performance.now();
  const at = Number(flags.at);
  if (flags.at.trim() === '' || !Number.isFinite(at) || at < 0) throw usageError(`Invalid --at "${flags.at}": expected seconds >= 0`);
  // The PNG goes exactly where -o says: a .jpg name holding PNG bytes would mislead every tool that opens it.
  if (path.extname(flags.output).toLowerCase() !== '.png') throw usageError(`glyphreel frame writes a PNG: -o ${flags.output} should end in .png`, `e.g. -o ${path.basename(flags.output, path.extname(flags.output)) || 'frame'}.png`);
  const settings = parseSettings(flags);
  // The same project list and render draw: --audio without --scenes is the song's automatic plan, --lyrics goes over it.
  const source = await songProjectSource(flags, settings);
  const { prepared, profile, units } = await planRender({ output: flags.output, source, plugins: flags.plugin ?? [], quality: settings.quality, ...(settings.aspect ? { aspect: settings.aspect } : {}), ...(settings.resolution ? { resolution: settings.resolution } : {}), workers: 1, ...(settings.fps ? { fps: settings.fps } : {}) });
  const { project, registry } = prepared;
  const fps = profile.fps;
  const total = Math.round(project.durationS * fps);
  if (at >= project.durationS) throw usageError(`--at ${at} is past the end of the timeline (${project.durationS} s)`);
  const i = Math.min(total - 1, Math.floor(at * fps + 1e-9));
  const unit = units.find((u) => i >= u.frameStart && i < u.frameEnd);
  if (!unit) throw new GlyphreelError('E_RENDER', `No scene covers frame ${i}`);
  const spec = project.scenes[unit.sceneIndex]!;
  const scene = flags.feedback ? spec : { ...spec, feedback: null };
  const warnings = new Set<string>();
  const renderer = createSceneRenderer({ width: profile.width, height: profile.height, gridScale: profile.gridScale, initChars: projectChars(project), createFrame: createSimdFrame, clearFrame: clearSimdFrame, onWarning: (m) => warnings.add(m) });
  // The soundtrack's features when the project has one (cached, so a second test frame is instant). ffmpeg is looked
  // up only then: media layers find it themselves if they need it, and a plain test frame starts no process.
  let features;
  const soundtrack = flags.audio ? path.resolve(flags.audio) : project.audio;
  if (soundtrack) {
    const ffmpegPath = (await findFfmpeg()).path;
    setMediaFfmpegPath(ffmpegPath);
    features = (await loadFeatures(soundtrack, { ffmpegPath, fps, frames: total })).table;
  } else {
    features = syntheticFeatureTable(total, fps, project.bpm);
  }
  const budget = { particlesMax: profile.particlesMax, shaders: profile.shaders, gridScale: profile.gridScale };
  const runtime = new SceneRuntime({ registry, renderer, scene, fps, seed: settings.seed ?? project.seed, budget, sceneFrameStart: unit.sceneFrameStart });
  let frame;
  let incoming: IncomingTransition | null = null;
  // The frame being drawn, for errors: a plugin's exception names the scene and frame as render's do.
  let current = unit.sceneFrameStart;
  try {
    for (let k = unit.sceneFrameStart; k < i; k++, current = k) {
      if (scene.feedback) {
        await runtime.prepare(k, features.frame(k));
        runtime.render(k, features.frame(k));
      } else runtime.advance(k, features.frame(k));
    }
    const window = transitionWindow(project, unit.sceneIndex, fps);
    if (window && i < window.start + window.frames) {
      // Without --feedback the outgoing scene is also drawn without trails (it would otherwise replay by drawing).
      const view = flags.feedback ? project : { ...project, scenes: project.scenes.map((s) => ({ ...s, feedback: null })) };
      incoming = new IncomingTransition({ registry, renderer, project: view, sceneIndex: unit.sceneIndex, fps, seed: settings.seed ?? project.seed, budget, window });
      await incoming.drawOutgoing(i, (k) => features.frame(k));
    }
    current = i;
    await runtime.prepare(i, features.frame(i));
    frame = runtime.render(i, features.frame(i));
    if (incoming) frame = incoming.compose(i, features.frame(i), frame);
    // The composed frame lives in the transition's buffer, released below.
    frame = { width: frame.width, height: frame.height, data: Uint8Array.from(frame.data) };
  } catch (e) {
    // As render's units do: input errors stay as they are, anything else says where it happened.
    throw atFrame(e, `scene "${spec.name}" (${spec.id}), frame ${current}`);
  } finally {
    await runtime.dispose();
    await incoming?.dispose();
  }
  const out = await atomicOutput(path.resolve(flags.output));
  try {
    await writePng(frame, out.tempPath);
    await out.commit();
  } catch (e) {
    await out.discard();
    throw e;
  }
  return { output: out.target, frameIndex: i, scene: spec.id, meanBrightness: meanBrightness(frame), ms: performance.now() - t0, warnings: [...warnings] };
}

export function frameCommand(io: Io): Command {
  const cmd = new Command('frame').description('Render one test frame to a PNG and print its mean brightness');
  addProjectFlags(cmd)
    .requiredOption('--at <seconds>', 'time on the timeline')
    .requiredOption('-o, --output <file>', 'PNG file to write')
    .option('--feedback', 'include feedback trails (renders every frame of the scene up to --at)')
    .option('--audio <file>', 'soundtrack whose analysis drives the frame; without --scenes: the plan glyphreel render --audio would make for this song')
    .option('--lyrics <file>', 'timed lyrics (.srt or .lrc) over every scene, as render --lyrics')
    .addOption(new Option('--lyrics-mode <mode>', 'how lyrics appear (with --lyrics; default typewriter)').choices(LYRICS_MODES))
    .action(async (_scenes: string | undefined, flags: FrameFlags) => {
      // Ctrl-C exits through process.exit, so the 'exit' hooks remove a half-written PNG's temp file (dying of the
      // signal would skip them).
      const stop = () => process.exit(130);
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      let r: FrameResult;
      try {
        r = await renderTestFrame(flags);
      } finally {
        process.removeListener('SIGINT', stop);
        process.removeListener('SIGTERM', stop);
      }
      io.out(`${r.output}: frame ${r.frameIndex} of ${r.scene}, mean brightness ${r.meanBrightness.toFixed(1)} (${Math.round(r.ms)} ms)`);
      for (const w of r.warnings) io.err(`warning: ${w}`);
      if (r.meanBrightness < 5) io.err('warning: this frame is very dark (mean < 5); raise the effects\' brightness or lower the scene gamma');
    });
  return cmd;
}
