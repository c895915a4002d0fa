import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { createWorkDir, findFfmpeg, runFfmpeg, x264Threads } from '@glyphreel/encode';
import { clearAtlasCache, createSceneRenderer } from '@glyphreel/grid';
import { clearSimdFrame, createSimdFrame } from '@glyphreel/shaders';
import { detectHardware } from '@glyphreel/hardware';
import { syntheticFeatureTable } from '@glyphreel/inputs';
import { Command } from 'commander';
import type { Io } from '../cli-errors.js';
import type { UnitResult } from '../render/job.js';
import { renderVideo } from '../render/render.js';
import { prepareProject } from '../render/unit.js';
import { SceneRuntime } from '../runtime/scene-runtime.js';
import { parseNumber } from './shared.js';

export interface BenchOptions {
  frames?: number;
  width?: number;
  height?: number;
  fps?: number;
  workers?: number;
  crf?: number;
  preset?: 'ultrafast' | 'superfast' | 'veryfast' | 'faster' | 'fast' | 'medium';
  /** Render-only runs per worker count, alternating 1 worker / all workers (default 9; the medians are reported). */
  repeat?: number;
  /** Encode-only / end-to-end pairs, alternating (default 3; the median ratio is reported). */
  encodeRepeat?: number;
  /** Rounds of the fused-tonemap frame comparison, alternating (default 8, of 30 frames each). */
  frameRounds?: number;
  print?: (line: string) => void;
}

/** The benchmark scene of issue 6: one plasma layer on the md grid; tonemap + bloom → vignette → grain → scanlines. */
export function benchProject(frames: number, fps: number): Record<string, unknown> {
  return {
    seed: 1,
    scenes: [
      {
        name: 'bench',
        end: frames / fps,
        grid: 'md',
        layers: [{ effect: 'plasma', palette: 'default', hue: 'angle' }],
        shaders: [['bloom', { thr: 130 }], ['vignette', { s: 0.22 }], ['grain', { amt: 10 }], ['scanlines', { intensity: 0.08 }]],
      },
    ],
  };
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Where a render's wall clock goes besides drawing: `startupMs` from the call to the first frame drawn (thread start,
 * imports, project, glyph atlas, first frame), and `spreadMs` between the first and the last worker to finish for
 * good (a badly balanced tail leaves a core idle that long).
 */
export function timeline(units: readonly UnitResult[], startedAtMs: number): { startupMs: number; spreadMs: number } {
  const lastEnd = new Map<number, number>();
  for (const u of units) lastEnd.set(u.thread, Math.max(lastEnd.get(u.thread) ?? 0, u.endedAtMs));
  const ends = [...lastEnd.values()];
  return {
    startupMs: Math.min(...units.map((u) => u.firstFrameAtMs)) - startedAtMs,
    spreadMs: Math.max(...ends) - Math.min(...ends),
  };
}

/**
 * `glyphreel bench`: render-only fps with one worker and with all workers (frames discarded); the time ffmpeg alone
 * takes to encode the same frames from a raw file with the same settings; the end-to-end time and its ratio to
 * encode-only (how well rendering hides behind encoding); peak memory per worker; and one frame with tonemap fused
 * into the draw of the scene's single layer against drawing, then tonemapping. One JSON line per case.
 */
export async function runBench(o: BenchOptions = {}): Promise<Array<Record<string, unknown>>> {
  const frames = o.frames ?? 240;
  const fps = o.fps ?? 24;
  const width = o.width ?? 1920;
  const height = o.height ?? 1080;
  const hw = await detectHardware({ gpus: false });
  const all = o.workers ?? hw.workers;
  const crf = o.crf ?? 20;
  const preset = o.preset ?? 'veryfast';
  const repeat = o.repeat ?? 9;
  const encodeRepeat = o.encodeRepeat ?? 3;
  const print = o.print ?? ((l: string) => console.log(l));
  const source = { raw: benchProject(frames, fps), label: 'bench' };
  const common = { source, resolution: `${width}x${height}`, fps, quality: 'production' as const, crf, preset, hardware: hw };
  const out: Array<Record<string, unknown>> = [];
  const emit = (rec: Record<string, unknown>) => {
    out.push(rec);
    print(JSON.stringify(rec));
  };
  // A work directory, not a bare mkdtemp: `glyphreel bench | head -2` ends the process at its next line (EPIPE), and
  // the work directory's exit hook still removes the 1.4 GB raw file and the encodes.
  const work = await createWorkDir({ keep: false });
  const dir = work.path;
  try {
    // 1 worker and all workers alternate, `repeat` times: this machine's speed drifts from minute to minute, so each
    // speed-up is taken from two runs made back to back, and the medians are reported.
    const runs: Record<'one' | 'all', Array<{ wallS: number; fps: number; fpsRender: number; peakMb: number; units: number; startupMs: number; spreadMs: number }>> = { one: [], all: [] };
    for (let k = 0; k < repeat; k++) {
      for (const [key, workers] of [['one', 1], ['all', all]] as const) {
        // Each run rasterizes its glyphs again on the main thread, as a fresh `glyphreel render` does.
        clearAtlasCache();
        const startedAtMs = performance.timeOrigin + performance.now();
        const r = await renderVideo({ ...common, output: '', format: 'none', workers });
        const s = r.wallMs / 1000;
        // fps: wall clock, pool and font start-up included. fps_render: frames over the drawing time alone (summed
        // over units, divided by the workers), i.e. the throughput of a long render.
        const drawS = r.unitResults.reduce((a, u) => a + u.renderMs, 0) / 1000 / workers;
        runs[key].push({
          wallS: s,
          fps: frames / s,
          fpsRender: frames / drawS,
          peakMb: Math.max(...r.unitResults.map((u) => u.peakMemoryMb)),
          units: r.units.length,
          ...timeline(r.unitResults, startedAtMs),
        });
      }
    }
    const speedups = runs.all.map((a, k) => a.fps / runs.one[k]!.fps);
    const speedupsRender = runs.all.map((a, k) => a.fpsRender / runs.one[k]!.fpsRender);
    for (const [id, key, workers] of [['cli/render-only/1-worker', 'one', 1], ['cli/render-only/all-workers', 'all', all]] as const) {
      const rs = runs[key];
      const wall = median(rs.map((r) => r.wallS));
      emit({
        bench: id,
        median_ms: r3((wall * 1000) / frames),
        p90_ms: r3((Math.max(...rs.map((r) => r.wallS)) * 1000) / frames),
        runs: frames,
        repeats: repeat,
        fps: r3(median(rs.map((r) => r.fps))),
        fps_runs: rs.map((r) => r3(r.fps)),
        fps_render: r3(median(rs.map((r) => r.fpsRender))),
        workers,
        wall_s: r3(wall),
        peak_rss_mb: r3(Math.max(...rs.map((r) => r.peakMb))),
        units: Math.max(...rs.map((r) => r.units)),
        startup_ms: r3(median(rs.map((r) => r.startupMs))),
        ...(key === 'all' ? { tail_spread_ms: r3(median(rs.map((r) => r.spreadMs))) } : {}),
        ...(key === 'all' ? { speedup: r3(median(speedups)), speedup_runs: speedups.map(r3), speedup_render: r3(median(speedupsRender)) } : {}),
      });
    }

    // The same frames, rendered once on this thread into a raw rgb24 file, then encoded by ffmpeg alone.
    const ffmpeg = await findFfmpeg();
    const { registry, project } = await prepareProject(source, [], process.cwd());
    const renderer = createSceneRenderer({ width, height, createFrame: createSimdFrame, clearFrame: clearSimdFrame });
    const runtimeFor = (fuseTonemap: boolean) =>
      new SceneRuntime({ registry, renderer, scene: project.scenes[0]!, fps, seed: 1, budget: { particlesMax: 1200, shaders: 'full', gridScale: 1 }, sceneFrameStart: 0, fuseTonemap });
    const runtime = runtimeFor(true);
    const features = syntheticFeatureTable(frames, fps, project.bpm);
    const raw = path.join(dir, 'frames.rgb');
    const ws = createWriteStream(raw);
    for (let i = 0; i < frames; i++) {
      if (!ws.write(Buffer.from(runtime.render(i, features.frame(i)).data))) await once(ws, 'drain');
    }
    ws.end();
    await once(ws, 'finish');
    const rawMb = (await stat(raw)).size / 1048576;
    const cores = os.availableParallelism?.() ?? hw.logicalCores;
    // Encode-only and end-to-end alternate too, and the ratio is the median of the pairs made back to back.
    const encodes: number[] = [];
    const e2es: Array<{ wallMs: number; peakMb: number }> = [];
    for (let k = 0; k < encodeRepeat; k++) {
      const t0 = performance.now();
      await runFfmpeg(
        ffmpeg.path,
        ['-y', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-r', String(fps), '-i', raw, '-c:v', 'libx264', '-preset', preset, '-crf', String(crf), '-pix_fmt', 'yuv420p', '-threads', String(x264Threads(1, cores)), path.join(dir, 'encode-only.mp4')],
        { what: 'encoding the benchmark frames' },
      );
      encodes.push(performance.now() - t0);
      const e2e = await renderVideo({ ...common, output: path.join(dir, 'end-to-end.mp4'), workers: all });
      e2es.push({ wallMs: e2e.wallMs, peakMb: Math.max(...e2e.unitResults.map((u) => u.peakMemoryMb)) });
    }
    await rm(raw, { force: true });

    // One frame of the benchmark scene with tonemap fused into the draw of its single layer (what renders do) against
    // drawing and then tonemapping: two runtimes on this thread, warmed up, in alternating rounds of 30 frames.
    const rounds = o.frameRounds ?? 8;
    const pair = { fused: runtimeFor(true), plain: runtimeFor(false) };
    const perFrame: Record<keyof typeof pair, number[]> = { fused: [], plain: [] };
    for (const rt of Object.values(pair)) for (let i = 0; i < 40; i++) rt.render(i % frames, features.frame(i % frames));
    for (let k = 0; k < rounds; k++) {
      for (const key of ['fused', 'plain'] as const) {
        const t0 = performance.now();
        for (let i = 0; i < 30; i++) {
          const f = (k * 30 + i) % frames;
          pair[key].render(f, features.frame(f));
        }
        perFrame[key].push((performance.now() - t0) / 30);
      }
    }
    const frameRatios = perFrame.fused.map((ms, k) => perFrame.plain[k]! / ms);
    const fusedRecord = {
      bench: 'cli/frame/fused-tonemap',
      median_ms: r3(median(perFrame.fused)),
      p90_ms: r3(Math.max(...perFrame.fused)),
      runs: 30,
      repeats: rounds,
      baseline_ms: r3(median(perFrame.plain)),
      speedup: r3(median(frameRatios)),
      speedup_runs: frameRatios.map(r3),
    };
    const encodeMs = median(encodes);
    emit({ bench: 'cli/encode-only', median_ms: r3(encodeMs / frames), p90_ms: r3(Math.max(...encodes) / frames), runs: frames, repeats: encodeRepeat, fps: r3(frames / (encodeMs / 1000)), fps_runs: encodes.map((ms) => r3(frames / (ms / 1000))), wall_s: r3(encodeMs / 1000), preset, crf, raw_mb: r3(rawMb) });
    const e2eMs = median(e2es.map((e) => e.wallMs));
    const ratios = e2es.map((e, k) => e.wallMs / encodes[k]!);
    emit({
      bench: 'cli/end-to-end',
      median_ms: r3(e2eMs / frames),
      p90_ms: r3(Math.max(...e2es.map((e) => e.wallMs)) / frames),
      runs: frames,
      repeats: encodeRepeat,
      fps: r3(frames / (e2eMs / 1000)),
      fps_runs: e2es.map((e) => r3(frames / (e.wallMs / 1000))),
      workers: all,
      wall_s: r3(e2eMs / 1000),
      ratio: r3(median(ratios)),
      ratio_runs: ratios.map(r3),
      peak_rss_mb: r3(Math.max(...e2es.map((e) => e.peakMb))),
    });
    emit(fusedRecord);
  } finally {
    await work.abort();
  }
  return out;
}

export function benchCommand(io: Io): Command {
  return new Command('bench')
    .description('Measure render, encode and end-to-end speed (JSON lines)')
    .option('--frames <n>', 'frames per case', '240')
    .option('--resolution <WxH>', 'frame size', '1920x1080')
    .option('-w, --workers <n>', 'workers for the "all workers" cases (default: from the hardware)')
    .option('--repeat <n>', 'render-only runs per worker count, alternating (medians reported)', '9')
    .option('--encode-repeat <n>', 'encode-only / end-to-end pairs, alternating (median ratio reported)', '3')
    .option('--frame-rounds <n>', 'rounds of 30 frames for the fused-tonemap frame comparison, alternating', '8')
    .action(async (flags: { frames: string; resolution: string; workers?: string; repeat: string; encodeRepeat: string; frameRounds: string }) => {
      const m = /^(\d+)x(\d+)$/.exec(flags.resolution);
      if (!m) throw new (await import('@glyphreel/core')).GlyphreelError('E_USAGE', `Invalid --resolution "${flags.resolution}": expected WIDTHxHEIGHT`);
      await runBench({
        frames: parseNumber(flags.frames, '--frames', 1, 100000, true)!,
        repeat: parseNumber(flags.repeat, '--repeat', 1, 100, true)!,
        encodeRepeat: parseNumber(flags.encodeRepeat, '--encode-repeat', 1, 100, true)!,
        frameRounds: parseNumber(flags.frameRounds, '--frame-rounds', 1, 100, true)!,
        width: Number(m[1]),
        height: Number(m[2]),
        ...(flags.workers ? { workers: parseNumber(flags.workers, '--workers', 1, 256, true)! } : {}),
        print: io.out,
      });
    });
}
