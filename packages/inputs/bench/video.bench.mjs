// Video to glyphs at 1080p on the md grid (192×56 cells, 10×19 px cells): ffmpeg decodes a 1920×1080 H.264 clip,
// fits and area-scales it to 192×56 rgb24 in the same process, the reader pulls frames over the pipe, and
// frameToCells maps each to glyphs and colours. The source is a 5 s testsrc2 clip (with temporal
// grain so the encoder cannot skip most of the picture), capped at 8 Mbit/s like a typical 1080p upload, rendered once
// into the OS temp dir and reused by later runs.
// inputs/video/ascii-1080p-md: whole path, throughput fps (frames / wall time over 120 frames, 3 runs, median run)
// and the median per-frame ms of those frames. inputs/video/frame-to-cells-md{,-edges}: the mapping alone (30 runs
// of 20 frames after warm-up); inputs/image/kenburns-md: an image layer's per-frame work. ffmpeg_cpu_ms is the ffmpeg child's CPU time per frame (Linux), reported because the
// machine is shared and wall time is noisy.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import { bench, createCellLayer, createGeometry, PAL_BOX, PAL_DEFAULT, percentile, sequentialGlyphIds } from '@glyphreel/core';

// the package entry re-exports the video API once the lead wires it in; until then read the built module directly
let api = await import('@glyphreel/inputs');
if (typeof api.frameToCells !== 'function') api = await import('../dist/video/index.js');
const { directionalEdgeIds, fitFilter, frameToCells, kenBurnsCrop, openVideoReader, resampleCrop, workingSize } = api;

const ffmpegPath = ffmpegInstaller.path;
const FPS = 24;
const SECONDS = 5;
const COLS = 192;
const ROWS = 56;
const clip = path.join(tmpdir(), 'glyphreel-bench-1080p-v2.mp4');
if (!existsSync(clip)) {
  const tmp = `${clip}.${process.pid}.tmp.mp4`;
  const r = spawnSync(ffmpegPath, ['-nostdin', '-y', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=size=1920x1080:rate=${FPS}:duration=${SECONDS}`,
    '-vf', 'noise=alls=12:allf=t', '-c:v', 'libx264', '-preset', 'veryfast', '-b:v', '8M', '-maxrate', '8M', '-bufsize', '16M', '-pix_fmt', 'yuv420p', tmp], { stdio: 'ignore' });
  if (r.status !== 0) throw new Error('ffmpeg could not render the benchmark clip');
  renameSync(tmp, clip);
}

const round = (x) => Math.round(x * 1000) / 1000;

/** CPU ms used by finished child processes, from /proc/self/stat cutime + cstime; null off Linux. */
function childCpuMs() {
  try {
    const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(f[13]) + Number(f[14])) * 10;
  } catch {
    return null;
  }
}

const ids = sequentialGlyphIds();
const grid = createGeometry({ rows: ROWS, cols: COLS, cellWidthPx: 10, cellHeightPx: 19, frameWidthPx: 1920, frameHeightPx: 1080, glyphIds: ids });
const layer = createCellLayer(grid);
const palette = grid.glyphIds(PAL_DEFAULT);
const edgeGlyphs = directionalEdgeIds(grid, PAL_BOX);

async function wholePath(mode) {
  const cpu0 = childCpuMs();
  const r = openVideoReader({ ffmpegPath, file: clip, width: COLS, height: ROWS, fps: FPS, pixelAspect: grid.cellAspect });
  const per = [];
  const t0 = process.hrtime.bigint();
  let frames = 0;
  for (;;) {
    const a = process.hrtime.bigint();
    const rgb = await r.read();
    if (!rgb) break;
    frameToCells(rgb, grid, layer, { palette, mode, edgeGlyphs });
    per.push(Number(process.hrtime.bigint() - a) / 1e6);
    frames++;
  }
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  await r.close();
  const cpu1 = childCpuMs();
  per.sort((x, y) => x - y);
  return { fps: (frames * 1000) / wall, median: percentile(per, 0.5), p90: percentile(per, 0.9), frames, ffmpegCpu: cpu0 === null || cpu1 === null ? null : (cpu1 - cpu0) / frames };
}

// the frames the mapping benchmark converts: 20 real decoded frames, so luminance and edges vary like footage
const sample = [];
{
  const r = openVideoReader({ ffmpegPath, file: clip, width: COLS, height: ROWS, fps: 2, pixelAspect: grid.cellAspect });
  for (let f = await r.read(); f && sample.length < 20; f = await r.read()) sample.push(Uint8Array.from(f));
  await r.close();
}

/**
 * Baseline in the same process: ffmpeg alone with the reader's exact arguments but writing to the null muxer, so
 * `vs_ffmpeg_alone` (whole-path fps / this fps) isolates what the pipe, the reader and frameToCells add.
 */
function ffmpegAloneFps() {
  const vf = `fps=fps=${FPS}:start_time=0,${fitFilter(COLS, ROWS, 'cover', grid.cellAspect)}`;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(ffmpegPath, ['-nostdin', '-loglevel', 'error', '-skip_loop_filter', 'all', '-i', clip, '-map', '0:v:0', '-an', '-vf', vf, '-pix_fmt', 'rgb24', '-f', 'null', '-'], { stdio: 'ignore' });
  if (r.status !== 0) throw new Error('ffmpeg baseline failed');
  return (FPS * SECONDS * 1000) / (Number(process.hrtime.bigint() - t0) / 1e6);
}

for (const mode of ['luma', 'edges']) {
  await wholePath(mode); // warm-up: page cache, JIT
  const runs = [];
  const base = [];
  for (let k = 0; k < 3; k++) {
    base.push(ffmpegAloneFps());
    runs.push(await wholePath(mode));
  }
  runs.sort((a, b) => a.fps - b.fps);
  base.sort((a, b) => a - b);
  const m = runs[1];
  const id = mode === 'luma' ? 'inputs/video/ascii-1080p-md' : 'inputs/video/ascii-1080p-md-edges';
  console.log(JSON.stringify({
    bench: id, median_ms: round(m.median), p90_ms: round(m.p90), runs: m.frames, fps: round(m.fps), ffmpeg_alone_fps: round(base[1]),
    vs_ffmpeg_alone: round(m.fps / base[1]), ffmpeg_cpu_ms: m.ffmpegCpu === null ? null : round(m.ffmpegCpu), grid: `${COLS}x${ROWS}`,
  }));
}
bench('inputs/video/frame-to-cells-md', (i) => {
  for (let k = 0; k < 20; k++) frameToCells(sample[(i + k) % sample.length], grid, layer, { palette });
}, { extra: { frames_per_run: 20, grid: `${COLS}x${ROWS}` } });
bench('inputs/video/frame-to-cells-md-edges', (i) => {
  for (let k = 0; k < 20; k++) frameToCells(sample[(i + k) % sample.length], grid, layer, { palette, mode: 'edges', edgeGlyphs });
}, { extra: { frames_per_run: 20, grid: `${COLS}x${ROWS}` } });

// the image layer's per-frame work at md: Ken Burns crop of the decoded working picture, supersampled resample to
// 192×56, frameToCells (the decode happens once per picture and is not part of a frame)
{
  const size = workingSize(grid);
  const pic = { width: size.width, height: size.height, data: new Uint8Array(size.width * size.height * 3) };
  for (let i = 0; i < pic.data.length; i++) pic.data[i] = (i * 2654435761) >>> 24;
  const cells = new Uint8Array(COLS * ROWS * 3);
  const crop = { x: 0, y: 0, width: 0, height: 0 };
  bench('inputs/image/kenburns-md', (i) => {
    for (let k = 0; k < 20; k++) {
      kenBurnsCrop(pic.width, pic.height, ((i * 20 + k) % 240) / 240, 1, 1.2, 'right', crop);
      resampleCrop(pic, crop, cells, COLS, ROWS);
      frameToCells(cells, grid, layer, { palette });
    }
  }, { extra: { frames_per_run: 20, grid: `${COLS}x${ROWS}`, working: `${size.width}x${size.height}` } });
}
