// Lyrics and sync: drawing the lyrics layer on the lg landscape grid (160×45) per mode, for a 3-minute song of 60
// cues (two-line cues, every frame inside a cue); heap growth per drawn frame (20000 frames after a forced GC, after
// 20000 warm-up frames; ~0 means no per-frame allocation); parsing a 1000-cue SRT; syncReport on 1200 beats; visualBeatTimes on a 20 s
// 1280×720 24 fps clip (ffmpeg decode + scale dominate; 5 runs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import { bench, createCellLayer, createGeometry, featureFrame, Rng, sequentialGlyphIds, validateParams } from '@glyphreel/core';
import { lyrics, parseSrt, syncReport, visualBeatTimes } from '@glyphreel/inputs';

const dir = mkdtempSync(path.join(tmpdir(), 'glyphreel-lyrics-bench-'));
const stamp = (s) => {
  const ms = Math.round(s * 1000);
  const p = (n, w = 2) => String(n).padStart(w, '0');
  return `${p(Math.floor(ms / 3600000))}:${p(Math.floor(ms / 60000) % 60)}:${p(Math.floor(ms / 1000) % 60)},${p(ms % 1000, 3)}`;
};
const srtText = (cues) =>
  Array.from({ length: cues }, (_, k) => `${k + 1}\n${stamp(k * 3)} --> ${stamp(k * 3 + 3)}\nLine ${k} of the song goes on and on\n<i>and the second line</i> answers back\n`).join('\n');
const file = path.join(dir, 'song.srt');
writeFileSync(file, srtText(60));

const ids = sequentialGlyphIds();
const grid = createGeometry({ rows: 45, cols: 160, cellWidthPx: 12, cellHeightPx: 24, glyphIds: ids });
const layer = createCellLayer(grid);
const features = { beat: 0, bdecay: 0 };
const values = featureFrame(features);
const ctx = { t: 0, frame: 0, fps: 24, progress: 0, durationS: 180, features: values, state: {}, rng: new Rng(1), budget: { particlesMax: 1000, shaders: 'standard', gridScale: 1 }, replaying: false };

for (const mode of ['typewriter', 'fade', 'flash', 'scatter', 'wave']) {
  const p = validateParams(lyrics.params, { file, mode }, { plugin: 'inputs', kind: 'effect', entry: 'lyrics' });
  ctx.state = {};
  await lyrics.prepare(grid, ctx, p);
  const frameAt = (i) => {
    ctx.t = (i % 4000) / 24 + 0.2;
    ctx.frame = i;
    features.bdecay = (i % 12) / 12;
    layer.glyphs.fill(0);
    lyrics.draw(layer, grid, ctx, p);
  };
  // Long warm-up so the measurement sees optimized code, as a render does after its first seconds.
  for (let i = 0; i < 20000; i++) frameAt(i);
  globalThis.gc?.();
  const h0 = process.memoryUsage().heapUsed;
  for (let i = 0; i < 20000; i++) frameAt(i);
  const bytesPerFrame = Math.round(((process.memoryUsage().heapUsed - h0) / 20000) * 10) / 10;
  // A frame takes about a microsecond, below the timer's useful resolution: each run draws 1000 frames.
  const r = bench(`inputs/lyrics/${mode}-160x45-x1000`, (k) => {
    for (let i = 0; i < 1000; i++) frameAt(k * 1000 + i);
  }, { runs: 30, warmup: 3, print: false });
  console.log(JSON.stringify({ ...r, per_frame_us: Math.round(r.median_ms * 1000) / 1000, heap_bytes_per_frame: globalThis.gc ? bytesPerFrame : null }));
}

const big = srtText(1000);
bench('inputs/lyrics/parse-srt-1000-cues', () => parseSrt(big), { runs: 30 });

const audio = Array.from({ length: 1200 }, (_, k) => k * 0.5);
const visual = audio.map((t, k) => t + ((k * 7919) % 41) / 1000 - 0.02);
bench('inputs/sync/report-1200-beats', () => syncReport(audio, visual), { runs: 30 });

const video = path.join(dir, 'clip.mp4');
const r = spawnSync(ffmpegInstaller.path, ['-nostdin', '-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=1280x720:r=24:d=20',
  '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', video], { stdio: 'ignore' });
if (r.status !== 0) throw new Error('ffmpeg could not make the benchmark clip');
const times = [];
for (let i = 0; i < 6; i++) {
  const t0 = process.hrtime.bigint();
  await visualBeatTimes(video, { ffmpegPath: ffmpegInstaller.path, fps: 24 });
  if (i > 0) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ bench: 'inputs/sync/visual-beats-20s-720p', median_ms: Math.round(times[2] * 10) / 10, runs: times.length, frames: 480 }));
rmSync(dir, { recursive: true, force: true });
