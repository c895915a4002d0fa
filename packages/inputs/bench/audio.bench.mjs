// Audio feature extraction for a 3-minute track at 24 fps: decode (ffmpeg → 22050 Hz mono s16 over a pipe),
// analysis (19 features + beats), both together as loadFeatures does them with the cache off, and a cache hit.
// The track is a music-like mix (bass with a pumping envelope, a triad, kick-like clicks, noisy hats) rendered once by
// ffmpeg lavfi as a 44.1 kHz stereo MP3 into the OS temp dir and reused by later runs.
// Long cases: 7 timed runs after warm-up (not 30: each run is a whole track). cpu_ms is this process's CPU time and
// ffmpeg_cpu_ms that of the ffmpeg child (Linux, 10 ms resolution), reported because the machine is shared and wall
// time is noisy. features-3min-cached is a cache hit (sha256 of the file + reading the entry).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import { percentile } from '@glyphreel/core';
import { analyzeAudio, decodeAudio, loadFeatures } from '@glyphreel/inputs';

const ffmpegPath = ffmpegInstaller.path;
const FPS = 24;
const SECONDS = 180;
const RUNS = 7;

const expr = [
  '0.3*sin(2*PI*55*t)*(1-1.6*mod(t\\,0.5))',
  '0.07*sin(2*PI*220*t)+0.06*sin(2*PI*277.18*t)+0.06*sin(2*PI*329.63*t)',
  'if(lt(mod(t\\,0.5)\\,0.03)\\,0.5*sin(2*PI*(150-2000*mod(t\\,0.5))*t)\\,0)',
  'if(lt(mod(t+0.25\\,0.5)\\,0.02)\\,0.15*(random(0)-0.5)\\,0)',
].join('+');
const track = path.join(tmpdir(), `glyphreel-bench-3min-v1.mp3`);
if (!existsSync(track)) {
  const tmp = `${track}.${process.pid}.tmp.mp3`;
  const r = spawnSync(ffmpegPath, ['-nostdin', '-y', '-loglevel', 'error', '-f', 'lavfi', '-i', `aevalsrc=${expr}:s=44100:d=${SECONDS}`,
    '-ac', '2', '-c:a', 'libmp3lame', '-b:a', '192k', tmp], { stdio: 'ignore' });
  if (r.status !== 0) throw new Error('ffmpeg could not render the benchmark track');
  renameSync(tmp, track);
}

const round = (x) => Math.round(x * 1000) / 1000;

/** CPU ms used by finished child processes (ffmpeg), from /proc/self/stat cutime + cstime; null off Linux. */
function childCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

async function timeIt(name, fn, { runs = RUNS, warmup = 1, extra = {}, print = true } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const wall = [];
  const cpu = [];
  const child = [];
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const k0 = childCpuMs();
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    await fn();
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    if (k0 !== null) child.push((childCpuMs() ?? k0) - k0);
  }
  child.sort((a, b) => a - b);
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const line = { bench: name, median_ms: round(percentile(wall, 0.5)), p90_ms: round(percentile(wall, 0.9)), runs, cpu_ms: round(percentile(cpu, 0.5)),
    ...(child.length && child[child.length - 1] > 0 ? { ffmpeg_cpu_ms: round(percentile(child, 0.5)) } : {}), ...extra };
  if (print) console.log(JSON.stringify(line));
  return line;
}

const samples = await decodeAudio(track, { ffmpegPath });
const frames = Math.round((samples.length * FPS) / 22050);
const info = { fps: FPS, frames, seconds: SECONDS, format: 'mp3 44.1k stereo' };

const decode = await timeIt('inputs/audio/decode-3min', () => decodeAudio(track, { ffmpegPath }), { extra: info });
const analyze = await timeIt('inputs/audio/analyze-3min', () => analyzeAudio(samples, { sampleRate: 22050, fps: FPS }), { warmup: 2, extra: info });
const all = await timeIt('inputs/audio/features-3min', () => loadFeatures(track, { ffmpegPath, fps: FPS, cache: false }), {
  extra: { ...info, target_ms: 2000, decode_share: round(decode.median_ms / (decode.median_ms + analyze.median_ms)) },
});
const cacheDir = mkdtempSync(path.join(tmpdir(), 'glyphreel-bench-cache-'));
await loadFeatures(track, { ffmpegPath, fps: FPS, cacheDir });
const hit = await timeIt('inputs/audio/features-3min-cached', () => loadFeatures(track, { ffmpegPath, fps: FPS, cacheDir }), {
  runs: 15,
  extra: info,
  print: false,
});
console.log(JSON.stringify({ ...hit, speedup_vs_uncached: round(all.median_ms / hit.median_ms) }));
rmSync(cacheDir, { recursive: true, force: true });
